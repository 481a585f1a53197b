using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapporteur.Data.Copy;

/// <summary>One table's figures after a copy: rows and checksum on each side.</summary>
public sealed record TableCheck(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && string.Equals(SourceChecksum, TargetChecksum, StringComparison.Ordinal);
}

/// <summary>Why a copy cannot start (a non-empty target, a source behind on migrations): one line for people.</summary>
public sealed class CopyRefusedException(string message) : Exception(message);

/// <summary>
/// Copies every table of the EF model from one store to another (SQLite → PostgreSQL, or SQLite → SQLite) at the
/// ADO.NET level: tables in foreign-key order, rows in key order, batched multi-row INSERTs with the ids kept, all in
/// one transaction on the target (a failed copy leaves the target empty, so running again is the way to resume).
/// Values are read with the source provider's type mapping, turned into model values, and written with the target's,
/// so both engines hold the same model. The search index is not copied: it is rebuilt on the target.
/// Then <see cref="VerifyAsync"/> compares row counts and a SHA-256 per table over the model values in key order,
/// normalised so both providers give the same digest.
/// </summary>
public static class DatabaseCopier
{
    private const int MaxParametersPerStatement = 30_000;
    private const int MaxRowsPerStatement = 500;

    /// <summary>The model's tables in an order where every table comes after the tables it references.</summary>
    public static IReadOnlyList<ITable> TablesInDependencyOrder(RapporteurDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tables = db.Model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done
        void Visit(ITable table)
        {
            if (state.TryGetValue(table.Name, out var s))
            {
                if (s == 1) throw new InvalidOperationException($"foreign keys form a cycle through {table.Name}");
                return;
            }
            state[table.Name] = 1;
            foreach (var fk in table.ForeignKeyConstraints.OrderBy(f => f.PrincipalTable.Name, StringComparer.Ordinal))
                if (!ReferenceEquals(fk.PrincipalTable, table)) Visit(fk.PrincipalTable);
            state[table.Name] = 2;
            ordered.Add(table);
        }
        foreach (var t in tables) Visit(t);
        return ordered;
    }

    /// <summary>Refuses a target that holds any row in any table of the model.</summary>
    public static async Task EnsureEmptyAsync(RapporteurDbContext target, string description, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = await OpenAsync(target, ct);
        foreach (var table in TablesInDependencyOrder(target))
        {
            await using var any = Command(connection, null, $"SELECT 1 FROM {Quote(table.Name)} LIMIT 1");
            if (await any.ExecuteScalarAsync(ct) is not null)
                throw new CopyRefusedException($"{description} is not empty (table {table.Name} has rows): copy only into a new, empty database");
        }
    }

    /// <summary>Copies every table; <paramref name="progress"/> gets (table, rows copied so far in it, rows in it).</summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CopyAsync(RapporteurDbContext source, RapporteurDbContext target,
        Action<string, long, long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var sourceConnection = await OpenAsync(source, ct);
        var targetConnection = await OpenAsync(target, ct);
        var sourceTables = source.Model.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var copied = new List<(string, long)>();
        await using var transaction = await targetConnection.BeginTransactionAsync(ct);
        var sqliteTarget = target.Database.IsSqlite();
        if (sqliteTarget)
        {
            // Tables go in dependency order, but a self-reference or a nullable cycle must not stop a row mid-copy.
            await using var defer = Command(targetConnection, transaction, "PRAGMA defer_foreign_keys = ON");
            await defer.ExecuteNonQueryAsync(ct);
        }
        foreach (var table in TablesInDependencyOrder(target))
        {
            var columns = Columns(sourceTables[table.Name], table);
            long total;
            await using (var count = Command(sourceConnection, null, $"SELECT COUNT(*) FROM {Quote(table.Name)}"))
                total = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            progress?.Invoke(table.Name, 0, total);
            long done = 0;
            var rowsPerStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParametersPerStatement / columns.Count));
            var batch = new List<object?[]>(rowsPerStatement);
            await using (var select = Command(sourceConnection, null, SelectSql(source, table.Name, columns, sourceTables[table.Name])))
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var row = new object?[columns.Count];
                    for (var i = 0; i < columns.Count; i++) row[i] = columns[i].ToTarget(columns[i].Read(reader, i));
                    batch.Add(row);
                    if (batch.Count == rowsPerStatement)
                    {
                        await InsertAsync(targetConnection, transaction, table.Name, columns, batch, ct);
                        done += batch.Count;
                        batch.Clear();
                        progress?.Invoke(table.Name, done, total);
                    }
                }
            }
            if (batch.Count > 0) await InsertAsync(targetConnection, transaction, table.Name, columns, batch, ct);
            done += batch.Count;
            progress?.Invoke(table.Name, done, total);
            copied.Add((table.Name, done));
        }
        if (target.Database.IsNpgsql()) await ResetIdentitiesAsync(targetConnection, transaction, target, ct);
        await transaction.CommitAsync(ct);
        return copied;
    }

    /// <summary>Row counts and checksums of every table on both sides (nothing is written).</summary>
    public static async Task<IReadOnlyList<TableCheck>> VerifyAsync(RapporteurDbContext source, RapporteurDbContext target, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var checks = new List<TableCheck>();
        var sourceTables = source.Model.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var table in TablesInDependencyOrder(target))
        {
            var (sourceRows, sourceSum) = await ChecksumAsync(source, sourceTables[table.Name], ct);
            var (targetRows, targetSum) = await ChecksumAsync(target, table, ct);
            checks.Add(new TableCheck(table.Name, sourceRows, targetRows, sourceSum, targetSum));
        }
        return checks;
    }

    /// <summary>Rows and SHA-256 of one table: its model values in key order, each normalised to one text form
    /// (integers and enums as numbers, instants in UTC, JSON with sorted keys, lists as JSON arrays).</summary>
    public static async Task<(long Rows, string Sha256)> ChecksumAsync(RapporteurDbContext db, ITable table, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        var connection = await OpenAsync(db, ct);
        var columns = Columns(table, table);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        long rows = 0;
        await using var select = Command(connection, db.Database.CurrentTransaction?.GetDbTransaction(), SelectSql(db, table.Name, columns, table));
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            text.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                Normalise(text, columns[i].ToModel(columns[i].Read(reader, i)), columns[i].IsJson);
                text.Append('\u001f');
            }
            text.Append('\u001e');
            hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            rows++;
        }
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<DbConnection> OpenAsync(RapporteurDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return db.Database.GetDbConnection();
    }

    private static string SelectSql(RapporteurDbContext db, string table, IReadOnlyList<CopyColumn> columns, ITable model)
    {
        // Text keys sort by code point on both engines: SQLite's BINARY is byte order of UTF-8; PostgreSQL needs "C".
        var collate = db.Database.IsNpgsql() ? " COLLATE \"C\"" : "";
        var keys = model.PrimaryKey?.Columns ?? (IReadOnlyList<IColumn>)model.Columns.ToList();
        var order = string.Join(", ", keys.Select(k => Quote(k.Name) + (k.ProviderClrType == typeof(string) ? collate : "")));
        return $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quote(table)} ORDER BY {order}";
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<CopyColumn> columns,
        List<object?[]> rows, CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0) sql.Append(", ");
            sql.Append('(');
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) sql.Append(", ");
                var name = string.Create(CultureInfo.InvariantCulture, $"p{r}_{c}");
                sql.Append('@').Append(name);
                insert.Parameters.Add(columns[c].TargetMapping.CreateParameter(insert, name, rows[r][c], columns[c].Nullable));
            }
            sql.Append(')');
        }
#pragma warning disable CA2100 // Table and column names come from the EF model; every value is a parameter.
        insert.CommandText = sql.ToString();
#pragma warning restore CA2100
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Moves each identity sequence past the copied ids, so the next row PostgreSQL numbers does not collide.</summary>
    private static async Task ResetIdentitiesAsync(DbConnection connection, DbTransaction transaction, RapporteurDbContext target, CancellationToken ct)
    {
        foreach (var table in target.Model.GetRelationalModel().Tables)
        {
            if (table.PrimaryKey is not { Columns: [var key] } || (key.ProviderClrType != typeof(int) && key.ProviderClrType != typeof(long))) continue;
            if (!key.PropertyMappings.Any(m => m.Property.ValueGenerated == ValueGenerated.OnAdd)) continue;
            var literal = "'" + Quote(table.Name).Replace("'", "''", StringComparison.Ordinal) + "'";
            await using var reset = Command(connection, transaction,
                $"SELECT setval(pg_get_serial_sequence({literal}, '{key.Name}'), COALESCE(MAX({Quote(key.Name)}), 0) + 1, false) FROM {Quote(table.Name)} "
                + $"WHERE pg_get_serial_sequence({literal}, '{key.Name}') IS NOT NULL");
            await reset.ExecuteNonQueryAsync(ct);
        }
    }

    private static List<CopyColumn> Columns(ITable source, ITable target) =>
        [.. target.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(t => new CopyColumn(
            source.FindColumn(t.Name) ?? throw new InvalidOperationException($"the source has no column {target.Name}.{t.Name}"), t))];

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Names from the EF model, no user input.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        return command;
    }

    private static void Normalise(StringBuilder text, object? value, bool json)
    {
        switch (value)
        {
            case null or DBNull: text.Append('\u2400'); break;
            case string s when json: text.Append(CanonicalJson(s)); break;
            case string s: text.Append(s); break;
            case bool b: text.Append(b ? '1' : '0'); break;
            case Enum e: text.Append(e.ToString()); break;
            // PostgreSQL keeps instants to the microsecond (.NET to 100 ns) and in UTC (SQLite keeps the offset given).
            case DateTimeOffset d: text.Append(Microseconds(d.UtcDateTime).ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTime d: text.Append(Microseconds(DateTime.SpecifyKind(d, DateTimeKind.Unspecified)).ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly d: text.Append(d.ToString("O", CultureInfo.InvariantCulture)); break;
            case byte[] bytes: text.Append(Convert.ToBase64String(bytes)); break;
            case double d: text.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case float f: text.Append(f.ToString("R", CultureInfo.InvariantCulture)); break;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal or Guid: text.Append(f.ToString(null, CultureInfo.InvariantCulture)); break;
            case IEnumerable list:
                text.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    if (!first) text.Append(',');
                    first = false;
                    Normalise(text, item, json: false);
                }
                text.Append(']');
                break;
            default: text.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static DateTime Microseconds(DateTime d) => new(d.Ticks - d.Ticks % 10, d.Kind);

    /// <summary>JSON with object keys sorted and no spaces: jsonb reorders keys, SQLite keeps them as written.</summary>
    private static string CanonicalJson(string json)
    {
        static JsonNode? Sort(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Sort)]),
            JsonValue v => JsonNode.Parse(v.ToJsonString()),
            _ => null,
        };
        try
        {
            return Sort(JsonNode.Parse(json))?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>One column on both sides: how to read it from the source, what the model holds, how to write it to the target.</summary>
    private sealed class CopyColumn
    {
        private static readonly ConcurrentDictionary<Type, Func<DbDataReader, int, object?>> Readers = new();
        private readonly RelationalTypeMapping sourceMapping;
        private readonly Func<DbDataReader, int, object?> read;

        public CopyColumn(IColumn source, IColumn target)
        {
            Name = target.Name;
            Nullable = target.IsNullable;
            sourceMapping = source.StoreTypeMapping;
            TargetMapping = target.StoreTypeMapping;
            // A JSON document (owned types stored as JSON) has no property of its own: it is text on both sides.
            IsJson = !source.PropertyMappings.Any() || source.StoreType.Contains("json", StringComparison.OrdinalIgnoreCase);
            var type = sourceMapping.Converter?.ProviderClrType ?? sourceMapping.ClrType;
            if (IsJson) type = typeof(string);
            read = Readers.GetOrAdd(type, t => typeof(CopyColumn).GetMethod(nameof(ReadAs), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(t).CreateDelegate<Func<DbDataReader, int, object?>>());
        }

        public string Name { get; }
        public bool Nullable { get; }
        public bool IsJson { get; }
        public RelationalTypeMapping TargetMapping { get; }

        public object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : read(reader, ordinal);

        public object? ToModel(object? provider) =>
            provider is null || IsJson || sourceMapping.Converter is not { } c ? provider : c.ConvertFromProvider(provider);

        /// <summary>The model value: the target mapping's <c>CreateParameter</c> applies its own converter.</summary>
        public object? ToTarget(object? provider) => ToModel(provider);

        private static object? ReadAs<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal);
    }
}
