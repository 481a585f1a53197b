using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapporteur.Data;

/// <summary>
/// A number that changes whenever data may have changed: after every <c>SaveChanges</c>, every committed transaction and
/// every command EF runs that is not a <c>SELECT</c> (so <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and raw SQL count
/// too), and when a restore replaces the database. The web app's output cache keys public responses by it
/// (Web/PublicCache.cs), so no response read before a change is served after it. It bumps after the change is
/// committed: a reader that sees the new number reads the new data. There is one number per database (connection
/// string) and one for the whole process, which a write whose database is unknown bumps; a write through any
/// <see cref="DataStore"/> of the process on the same database counts. Writes by another process (a CLI import beside
/// the server) are seen through the SQLite files' stamp (below) within 0.1 s; on PostgreSQL only the cache's expiry
/// bounds them.
/// </summary>
public sealed class DataGeneration : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private static long _process;
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Databases = new(StringComparer.Ordinal);

    public static DataGeneration Instance { get; } = new();

    private DataGeneration()
    {
    }

    /// <summary>The current generation of the store's database, as a cache key ("process.database.files"). For SQLite
    /// the last part stamps the database file and its write-ahead log (times and sizes, looked at no more than every
    /// <see cref="FileCheckInterval"/>), so a commit by another process (a CLI import beside the server) changes the
    /// generation too, within that interval.</summary>
    public static string Of(DataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var database = Interlocked.Read(ref Counter(store.ConnectionString).Value);
        var files = store.Provider == DataProvider.Sqlite ? FileStamp(store.DatabaseFile) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Read(ref _process)}.{database}.{files}");
    }

    /// <summary>How often the SQLite files are looked at (two <c>stat</c> calls) when generations are asked for.</summary>
    public static readonly TimeSpan FileCheckInterval = TimeSpan.FromMilliseconds(100);

    private sealed record Stamp(long CheckedAt, long Value);

    private static readonly ConcurrentDictionary<string, Stamp> Stamps = new(StringComparer.Ordinal);

    private static long FileStamp(string databaseFile)
    {
        var now = Environment.TickCount64;
        if (Stamps.TryGetValue(databaseFile, out var known) && now - known.CheckedAt < FileCheckInterval.TotalMilliseconds) return known.Value;
        var database = new FileInfo(databaseFile);
        var log = new FileInfo(databaseFile + "-wal");
        var value = HashCode.Combine(database.Exists ? database.LastWriteTimeUtc.Ticks : 0, database.Exists ? database.Length : 0,
            log.Exists ? log.LastWriteTimeUtc.Ticks : 0, log.Exists ? log.Length : 0);
        Stamps[databaseFile] = new Stamp(now, value);
        return value;
    }

    /// <summary>Marks that the store's data changed (for writers that bypass EF, e.g. a restore that replaces the file).</summary>
    public static void Bump(DataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Interlocked.Increment(ref Counter(store.ConnectionString).Value);
    }

    private static StrongBox<long> Counter(string connectionString) => Databases.GetOrAdd(connectionString, _ => new StrongBox<long>());

    private static void Bump(DbContext? context)
    {
        if (context?.Database.GetConnectionString() is { } connectionString) Interlocked.Increment(ref Counter(connectionString).Value);
        else Interlocked.Increment(ref _process);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (result > 0) Bump(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (result > 0) Bump(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Bump(eventData.Context);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Bump(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        BumpIfWrite(command, eventData);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        BumpIfWrite(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        BumpIfWrite(command, eventData);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        BumpIfWrite(command, eventData);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        BumpIfWrite(command, eventData);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        BumpIfWrite(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void BumpIfWrite(DbCommand command, CommandExecutedEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (!IsRead(command.CommandText)) Bump(eventData.Context);
    }

    /// <summary>Whether the SQL only reads: it starts (after white space and <c>--</c> comment lines, which EF's query
    /// tags write) with SELECT, or is a PRAGMA. Anything else counts as a write, to be safe.</summary>
    internal static bool IsRead(string? sql)
    {
        var s = sql.AsSpan();
        while (true)
        {
            s = s.TrimStart();
            if (!s.StartsWith("--", StringComparison.Ordinal)) break;
            var end = s.IndexOf('\n');
            if (end < 0) return true; // only comments
            s = s[(end + 1)..];
        }
        return s.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || s.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase);
    }
}
