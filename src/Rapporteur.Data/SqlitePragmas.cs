using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapporteur.Data;

/// <summary>
/// Set on every SQLite connection EF opens (they are per-connection settings):
/// <list type="bullet">
/// <item><c>synchronous=FULL</c>: in WAL mode the log is synced at every commit, so a save the server acknowledged
/// survives a power cut as well as a killed process. NORMAL would survive a kill but could lose the last commits on
/// power loss; at this write rate the extra fsync costs little.</item>
/// <item><c>busy_timeout=30000</c>: a writer that finds the database locked by another (the server and a CLI import,
/// parallel requests) waits up to 30 s instead of failing with "database is locked".</item>
/// <item><c>mmap_size=2 GiB</c>: reads go through a memory map of the file instead of a read() call per page. A search
/// reads a few hundred rows scattered over a large index (a window of matches and their facets): through the map that
/// costs a third of what SQLite's own small page cache and system calls do. The mapped pages are the operating system's
/// file cache, shared by every connection; writes still go through the write-ahead log.</item>
/// </list>
/// Write-ahead logging itself is persistent in the file and set once by <see cref="DataStore.MigrateAsync"/>.
/// The settings live as long as the native connection, which the pool keeps open across logical opens: they are sent
/// once per native connection, not on every open (three statements, about 0.05 ms of every search).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    public static SqlitePragmas Instance { get; } = new();

    private const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA mmap_size=2147418112;";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Set = [];

    /// <summary>False when the settings were sent on this native connection already.</summary>
    private static bool FirstOpen(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || !Set.TryGetValue(handle, out _);

    /// <summary>Marks the native connection once its settings are sent.</summary>
    private static void Sent(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }) Set.AddOrUpdate(handle, Set);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!FirstOpen(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
        Sent(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!FirstOpen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Sent(connection);
    }
}
