using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapporteur.Data.Search;

/// <summary>
/// Writes the search index: the rows of the <c>SearchDocuments</c> table, which the engine's own index (FTS5 on
/// SQLite, a tsvector column on PostgreSQL) follows through triggers created by the migrations. Called for every
/// save by <see cref="SearchIndexInterceptor"/>, inside the save's transaction, and by <c>rapporteur reindex</c>.
/// </summary>
public static class SearchIndexer
{
    private const string Columns = "\"Type\", \"Key\", \"SourceId\", \"OwnerType\", \"OwnerId\", \"Body\", \"RoundId\", \"RoundNumber\", \"PartyId\", \"Party\", "
        + "\"Section\", \"Strength\", \"Addressee\", \"BoxType\", \"Language\", \"Visibility\", \"Title\", \"Url\", \"Text\"";

    private const string Values = "@Type, @Key, @SourceId, @OwnerType, @OwnerId, @Body, @RoundId, @RoundNumber, @PartyId, @Party, "
        + "@Section, @Strength, @Addressee, @BoxType, @Language, @Visibility, @Title, @Url, @Text";

    /// <summary>Rebuilds the documents of these owners from what is stored now (in the current transaction, if any).</summary>
    public static async Task<int> ReindexAsync(RapporteurDbContext db, IEnumerable<SearchOwner> owners, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owners);
        var written = 0;
        await InTransactionAsync(db, async (connection, transaction) =>
        {
            foreach (var owner in await TranslationSearchDocuments.WithTranslationsAsync(db, owners, ct))
            {
                var docs = await SearchDocuments.LoadAsync(db, owner, ct);
                await using (var delete = Command(connection, transaction, "DELETE FROM \"SearchDocuments\" WHERE \"OwnerType\" = @OwnerType AND \"OwnerId\" = @OwnerId"))
                {
                    Add(delete, "OwnerType", owner.Type);
                    Add(delete, "OwnerId", owner.Id);
                    await delete.ExecuteNonQueryAsync(ct);
                }
                written += await InsertAsync(connection, transaction, docs, ct);
            }
        }, ct);
        return written;
    }

    /// <summary>Empties the index and indexes everything again, in one transaction. Returns the number of documents.
    /// The bulk path: documents are written in batches (SQLite: one prepared INSERT with the FTS5 triggers switched off
    /// and the FTS5 index rebuilt once at the end; PostgreSQL: binary COPY), so a million paragraphs take minutes,
    /// not hours.</summary>
    public static async Task<int> RebuildAsync(RapporteurDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var written = 0;
        var sqlite = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        await InTransactionAsync(db, async (connection, transaction) =>
        {
            async Task Run(string sql)
            {
                await using var command = Command(connection, transaction, sql);
                await command.ExecuteNonQueryAsync(ct);
            }
            // SQLite: while the 'bulk' row exists the triggers do nothing (see the search_FilterTokens migration).
            if (sqlite) await Run("INSERT OR REPLACE INTO \"SearchState\" (\"Key\", \"Value\") VALUES ('bulk', '1')");
            await Run(sqlite ? "DELETE FROM \"SearchDocuments\"" : "TRUNCATE \"SearchDocuments\"");
            var batch = new List<SearchDocument>(BulkBatch);
            await using var insert = sqlite ? new PreparedInsert(connection, transaction) : null;
            var words = new HashSet<string>(StringComparer.Ordinal);
            async Task Flush()
            {
                if (sqlite)
                    foreach (var d in batch)
                    {
                        SearchWords.Collect(d.Title, words);
                        SearchWords.Collect(d.Text, words);
                    }
                if (insert is not null) await insert.WriteAsync(batch, ct);
                else await CopyAsync(connection, batch, ct);
                written += batch.Count;
                batch.Clear();
            }
            batch.AddRange(await SearchDocuments.AllRecommendationsAsync(db, ct));
            foreach (var owner in await TranslationSearchDocuments.WithTranslationsAsync(db, await SearchDocuments.AllOwnersAsync(db, ct), ct))
            {
                if (owner.Type == SearchOwner.Recommendation) continue;
                batch.AddRange(await SearchDocuments.LoadAsync(db, owner, ct));
                if (batch.Count >= BulkBatch) await Flush();
            }
            await Flush();
            if (sqlite)
            {
                await Run("INSERT INTO \"SearchIndex\" (\"SearchIndex\") VALUES ('rebuild')");
                await Run("DELETE FROM \"SearchState\" WHERE \"Key\" = 'bulk'");
                // The words of the prefix expansion, complete from now on (see SearchWords).
                await Run("DELETE FROM \"SearchWords\"");
                await SearchWords.WriteAsync(connection, transaction, words, ct);
                await Run("INSERT OR REPLACE INTO \"SearchState\" (\"Key\", \"Value\") VALUES ('words', '1')");
            }
            // PostgreSQL: fresh statistics, so the planner knows how common each word is (GIN or not).
            else await Run("ANALYZE \"SearchDocuments\"");
            await Run("DELETE FROM \"SearchState\" WHERE \"Key\" = 'rebuild'");
        }, ct);
        return written;
    }

    private const int BulkBatch = 5_000;

    /// <summary>One INSERT prepared once, its parameters reused for every row.</summary>
    private sealed class PreparedInsert : IAsyncDisposable
    {
        private readonly DbCommand command;
        private readonly Dictionary<string, DbParameter> parameters = new(StringComparer.Ordinal);

        public PreparedInsert(DbConnection connection, DbTransaction transaction)
        {
            command = Command(connection, transaction, $"INSERT INTO \"SearchDocuments\" ({Columns}) VALUES ({Values})");
            foreach (var name in Values.Split(", ").Select(v => v.TrimStart('@')))
            {
                var p = command.CreateParameter();
                p.ParameterName = "@" + name;
                p.Value = DBNull.Value;
                command.Parameters.Add(p);
                parameters[name] = p;
            }
        }

        public async Task WriteAsync(List<SearchDocument> docs, CancellationToken ct)
        {
            foreach (var d in docs)
            {
                foreach (var (name, value) in Row(d)) parameters[name].Value = value ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }

    private static async Task CopyAsync(DbConnection connection, List<SearchDocument> docs, CancellationToken ct)
    {
        if (docs.Count == 0) return;
        var npgsql = (Npgsql.NpgsqlConnection)connection;
        await using var copy = await npgsql.BeginBinaryImportAsync($"COPY \"SearchDocuments\" ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var d in docs)
        {
            await copy.StartRowAsync(ct);
            foreach (var (name, value) in Row(d))
            {
                if (value is null) await copy.WriteNullAsync(ct);
                else if (value is int i) await copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                else await copy.WriteAsync((string)value, NpgsqlTypes.NpgsqlDbType.Text, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>The values of a row, in <see cref="Columns"/> order.</summary>
    private static IEnumerable<(string Name, object? Value)> Row(SearchDocument d) =>
    [
        ("Type", d.Type), ("Key", d.Key), ("SourceId", d.SourceId), ("OwnerType", d.Owner.Type), ("OwnerId", d.Owner.Id), ("Body", d.Body),
        ("RoundId", d.RoundId), ("RoundNumber", d.RoundNumber), ("PartyId", d.PartyId), ("Party", d.Party), ("Section", d.Section),
        ("Strength", d.Strength), ("Addressee", d.Addressee), ("BoxType", d.BoxType), ("Language", d.Language), ("Visibility", (int)d.Visibility),
        ("Title", d.Title), ("Url", d.Url), ("Text", d.Text),
    ];

    /// <summary>Rebuilds when a migration asked for it (a new index, or a new way of indexing). Returns whether it did.</summary>
    public static async Task<bool> RebuildIfRequestedAsync(RapporteurDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var ask = Command(connection, null, "SELECT COUNT(*) FROM \"SearchState\" WHERE \"Key\" = 'rebuild'");
            if (Convert.ToInt64(await ask.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0) return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        await RebuildAsync(db, ct);
        return true;
    }

    /// <summary>How many documents the index holds.</summary>
    public static async Task<int> CountAsync(RapporteurDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var count = Command(connection, db.Database.CurrentTransaction?.GetDbTransaction(), "SELECT COUNT(*) FROM \"SearchDocuments\"");
            return Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task InTransactionAsync(RapporteurDbContext db, Func<DbConnection, DbTransaction, Task> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } current)
        {
            await work(db.Database.GetDbConnection(), current.GetDbTransaction());
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await work(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        await transaction.CommitAsync(ct);
    }

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, List<SearchDocument> docs, CancellationToken ct)
    {
        if (docs.Count == 0) return 0;
        await using var insert = Command(connection, transaction, $"INSERT INTO \"SearchDocuments\" ({Columns}) VALUES ({Values})");
        foreach (var d in docs)
        {
            insert.Parameters.Clear();
            Add(insert, "Type", d.Type);
            Add(insert, "Key", d.Key);
            Add(insert, "SourceId", d.SourceId);
            Add(insert, "OwnerType", d.Owner.Type);
            Add(insert, "OwnerId", d.Owner.Id);
            Add(insert, "Body", d.Body);
            Add(insert, "RoundId", d.RoundId);
            Add(insert, "RoundNumber", d.RoundNumber);
            Add(insert, "PartyId", d.PartyId, System.Data.DbType.Int32);
            Add(insert, "Party", d.Party);
            Add(insert, "Section", d.Section);
            Add(insert, "Strength", d.Strength);
            Add(insert, "Addressee", d.Addressee);
            Add(insert, "BoxType", d.BoxType);
            Add(insert, "Language", d.Language);
            Add(insert, "Visibility", (int)d.Visibility);
            Add(insert, "Title", d.Title);
            Add(insert, "Url", d.Url);
            Add(insert, "Text", d.Text);
            await insert.ExecuteNonQueryAsync(ct);
        }
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
            await SearchWords.AddAsync(connection, transaction, docs.SelectMany(d => new[] { d.Title, d.Text }), ct);
        return docs.Count;
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    internal static void Add(DbCommand command, string name, object? value, System.Data.DbType nullType = System.Data.DbType.String)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value ?? DBNull.Value;
        // Typed nulls: PostgreSQL cannot infer the type of an untyped null.
        if (value is null) p.DbType = nullType;
        command.Parameters.Add(p);
    }
}
