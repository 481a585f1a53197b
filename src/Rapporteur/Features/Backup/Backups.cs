using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapporteur.Data;

namespace Rapporteur.Features.Backup;

/// <summary>
/// One archive (zip) with the database and the data folder's files, taken while the server runs. SQLite: the online
/// backup API copies the database page by page inside one read transaction, so the copy is one consistent moment
/// and writers are never blocked (WAL). PostgreSQL: <c>pg_dump</c> in custom format, on a snapshot exported from
/// the transaction that also counted the rows, so the counts in the manifest describe exactly the dump.
/// Restore checks every part's SHA-256 and, once the database is in place, every table's row count.
/// </summary>
internal static class Backups
{
    public const string SqlitePart = "database/rapporteur.db";
    public const string PostgresPart = "database/rapporteur.pgdump";
    public const string FilesPrefix = "files/";

    /// <summary>Files of the data folder that are the database itself (copied through the backup API instead).</summary>
    private static readonly string[] DatabaseFiles = ["rapporteur.db", "rapporteur.db-wal", "rapporteur.db-shm", "rapporteur.db-journal"];

    public static async Task<BackupManifest> CreateAsync(DataStore store, string output, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var full = Path.GetFullPath(output);
        if (Directory.Exists(full)) throw new IOException($"{output}: is a folder; give a file name");
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder)) throw new IOException($"{output}: the folder {folder} does not exist");
        if (!store.Exists) throw new IOException($"{store.Directory}: no data store here");

        var work = Directory.CreateTempSubdirectory("rapporteur-backup-");
        var partial = full + ".partial";
        try
        {
            var staged = new List<(string Part, string File)>();
            string migration;
            SortedDictionary<string, long> counts;
            if (store.Provider == DataProvider.Sqlite)
            {
                var copy = Path.Combine(work.FullName, "rapporteur.db");
                CopySqlite(store, copy);
                (migration, counts) = await DescribeSqliteAsync(copy, ct);
                staged.Add((SqlitePart, copy));
            }
            else
            {
                var dump = Path.Combine(work.FullName, "rapporteur.pgdump");
                (migration, counts) = await DumpPostgresAsync(store, dump, ct);
                staged.Add((PostgresPart, dump));
            }
            // The other files of the data folder (keys, uploads), copied first so what is hashed is what is archived.
            var filesCopy = Path.Combine(work.FullName, "files");
            foreach (var file in DataFolderFiles(store.Directory, full))
            {
                var relative = Path.GetRelativePath(store.Directory, file);
                var target = Path.Combine(filesCopy, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
                staged.Add((FilesPrefix + relative.Replace(Path.DirectorySeparatorChar, '/'), target));
            }

            var parts = new List<BackupPart>();
            foreach (var (part, file) in staged) parts.Add(new BackupPart(part, new FileInfo(file).Length, await Sha256Async(file, ct)));
            var manifest = new BackupManifest
            {
                Format = BackupManifest.CurrentFormat,
                AppVersion = AppVersion,
                CreatedAt = clock.GetUtcNow(),
                Provider = store.Provider == DataProvider.Sqlite ? "sqlite" : "postgres",
                Migration = migration,
                RowCounts = counts,
                Parts = parts,
            };

            // Whole or not at all: written beside the target, then moved over it.
            await using (var stream = File.Create(partial))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                var entry = zip.CreateEntry(BackupManifest.FileName, CompressionLevel.Optimal);
                await using (var m = entry.Open()) await JsonSerializer.SerializeAsync(m, manifest, BackupManifest.Json, ct);
                foreach (var (part, file) in staged) await zip.CreateEntryFromFileAsync(file, part, CompressionLevel.Fastest, ct);
            }
            File.Move(partial, full, overwrite: true);
            return manifest;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
            work.Delete(recursive: true);
        }
    }

    /// <summary>Restores <paramref name="archive"/> into <paramref name="target"/>, which must be empty unless
    /// <paramref name="force"/>. Nothing in the target is touched until every part of the archive has been verified.</summary>
    public static async Task<BackupManifest> RestoreAsync(string archive, DataStore target, bool force, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!File.Exists(archive)) throw new IOException($"{archive}: no such file");
        var work = Directory.CreateTempSubdirectory("rapporteur-restore-");
        try
        {
            var manifest = await VerifyAsync(archive, work.FullName, ct);
            var provider = target.Provider == DataProvider.Sqlite ? "sqlite" : "postgres";
            if (!string.Equals(manifest.Provider, provider, StringComparison.Ordinal))
                throw new InvalidDataException($"{archive}: a backup of a {manifest.Provider} database cannot be restored into {provider} ({target.Description})");
            await using (var db = target.CreateContext())
            {
                if (!db.Database.GetMigrations().Contains(manifest.Migration, StringComparer.Ordinal))
                    throw new InvalidDataException($"{archive}: made by a newer Rapporteur (schema {manifest.Migration}, this is {AppVersion}); restore it with that version or later");
            }

            // SQLite: the data folder is the store. PostgreSQL: the database is (its files folder may be the shared per-user one).
            var nonEmpty = target.Provider == DataProvider.Sqlite
                ? Directory.Exists(target.Directory) && Directory.EnumerateFileSystemEntries(target.Directory).Any()
                : await PostgresHasTablesAsync(target, ct);
            if (nonEmpty && !force)
                throw new IOException($"{target.Description}: is not empty; restore into a new folder (or database), or give --force to replace what is there");

            Directory.CreateDirectory(target.Directory);
            if (target.Provider == DataProvider.Sqlite)
            {
                var restoring = target.DatabaseFile + ".restoring";
                File.Copy(Path.Combine(work.FullName, SqlitePart), restoring, overwrite: true);
                try
                {
                    await CheckSqliteAsync(restoring, manifest, ct);
                    SqliteConnection.ClearAllPools(); // no pooled connection may keep the replaced file open
                    foreach (var name in DatabaseFiles) File.Delete(Path.Combine(target.Directory, name));
                    File.Move(restoring, target.DatabaseFile);
                    DataGeneration.Bump(target); // nothing read from the replaced file may be served from a cache
                }
                finally
                {
                    File.Delete(restoring);
                }
            }
            else
            {
                await RestorePostgresAsync(target, Path.Combine(work.FullName, PostgresPart), force, ct);
                DataGeneration.Bump(target);
                var (_, counts) = await CountPostgresAsync(target, ct);
                CompareCounts(manifest, counts);
            }
            foreach (var part in manifest.Parts.Where(p => p.Path.StartsWith(FilesPrefix, StringComparison.Ordinal)))
            {
                var destination = Path.Combine(target.Directory, part.Path[FilesPrefix.Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(Path.Combine(work.FullName, part.Path), destination, overwrite: true);
            }
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Extracts every part into <paramref name="folder"/> and checks it against the manifest.</summary>
    public static async Task<BackupManifest> VerifyAsync(string archive, string folder, CancellationToken ct)
    {
        using var zip = OpenZip(archive);
        var manifestEntry = zip.GetEntry(BackupManifest.FileName) ?? throw new InvalidDataException($"{archive}: not a Rapporteur backup (no {BackupManifest.FileName})");
        BackupManifest manifest;
        try
        {
            await using var m = manifestEntry.Open();
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(m, BackupManifest.Json, ct)
                ?? throw new InvalidDataException($"{archive}: {BackupManifest.FileName} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{archive}: {BackupManifest.FileName} is not valid: {e.Message}", e);
        }
        if (!string.Equals(manifest.Format, BackupManifest.CurrentFormat, StringComparison.Ordinal))
            throw new InvalidDataException($"{archive}: unknown backup format '{manifest.Format}' (this version reads {BackupManifest.CurrentFormat})");
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var listed = manifest.Parts.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName != BackupManifest.FileName))
            if (!listed.Contains(entry.FullName)) throw new InvalidDataException($"{archive}: {entry.FullName} is not listed in the manifest");
        foreach (var part in manifest.Parts)
        {
            var entry = zip.GetEntry(part.Path) ?? throw new InvalidDataException($"{archive}: {part.Path} is listed in the manifest but missing");
            var destination = Path.GetFullPath(Path.Combine(folder, part.Path));
            if (!destination.StartsWith(root, StringComparison.Ordinal)) throw new InvalidDataException($"{archive}: {part.Path} points outside the archive");
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                await entry.ExtractToFileAsync(destination, overwrite: true, ct);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{archive}: {part.Path} is damaged: {e.Message}", e);
            }
            var sha = await Sha256Async(destination, ct);
            if (new FileInfo(destination).Length != part.Bytes || !string.Equals(sha, part.Sha256, StringComparison.Ordinal))
                throw new InvalidDataException($"{archive}: {part.Path} does not match the manifest (SHA-256 {sha}, expected {part.Sha256})");
        }
        var database = manifest.Provider == "sqlite" ? SqlitePart : PostgresPart;
        if (!listed.Contains(database)) throw new InvalidDataException($"{archive}: the database part {database} is missing");
        return manifest;
    }

    private static ZipArchive OpenZip(string archive)
    {
        try
        {
            return ZipFile.OpenRead(archive);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{archive}: not a Rapporteur backup (not a zip archive: {e.Message})", e);
        }
    }

    private static string AppVersion =>
        typeof(Backups).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private static IEnumerable<string> DataFolderFiles(string directory, string output)
    {
        if (!Directory.Exists(directory)) yield break;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (string.Equals(Path.GetDirectoryName(file), directory, StringComparison.Ordinal) && DatabaseFiles.Contains(name, StringComparer.Ordinal)) continue;
            if (name.EndsWith(".restoring", StringComparison.Ordinal) || name.EndsWith(".partial", StringComparison.Ordinal)) continue;
            if (string.Equals(file, output, StringComparison.Ordinal)) continue;
            yield return file;
        }
    }

    // ---- SQLite ----

    private static void CopySqlite(DataStore store, string copy)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder(store.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
        using var destination = new SqliteConnection(SqliteFile(copy));
        source.Open();
        destination.Open();
        // sqlite3_backup_step(-1): every page in one step, inside one read transaction of the source.
        source.BackupDatabase(destination);
        // The archived file stands alone (no -wal beside it); serve turns write-ahead logging back on.
        using var journal = destination.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode=DELETE;";
        journal.ExecuteNonQuery();
    }

    private static string SqliteFile(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static async Task<(string Migration, SortedDictionary<string, long> Counts)> DescribeSqliteAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(SqliteFile(file));
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        return (await LastMigrationAsync(connection, ct), await CountAsync(connection, tables, ct));
    }

    private static async Task CheckSqliteAsync(string file, BackupManifest manifest, CancellationToken ct)
    {
        await using (var connection = new SqliteConnection(SqliteFile(file)))
        {
            await connection.OpenAsync(ct);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var result = (string?)await check.ExecuteScalarAsync(ct);
            if (!string.Equals(result, "ok", StringComparison.Ordinal)) throw new InvalidDataException($"the restored database fails its integrity check: {result}");
        }
        var (_, counts) = await DescribeSqliteAsync(file, ct);
        CompareCounts(manifest, counts);
    }

    // ---- PostgreSQL ----

    private static async Task<(string Migration, SortedDictionary<string, long> Counts)> DumpPostgresAsync(DataStore store, string dump, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync(ct);
        // The counts and pg_dump see the same snapshot: exported here, imported by pg_dump --snapshot.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction))
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        var tables = await PostgresTablesAsync(connection, transaction, ct);
        var counts = await CountAsync(connection, tables, ct);
        var migration = await LastMigrationAsync(connection, ct);
        await RunToolAsync("pg_dump", store, ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", "--file", dump], ct);
        await transaction.CommitAsync(ct);
        return (migration, counts);
    }

    private static async Task RestorePostgresAsync(DataStore target, string dump, bool force, CancellationToken ct)
    {
        var args = new List<string> { "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction" };
        if (force) args.AddRange(["--clean", "--if-exists"]);
        args.Add(dump);
        await RunToolAsync("pg_restore", target, args, ct);
    }

    private static async Task<(string Migration, SortedDictionary<string, long> Counts)> CountPostgresAsync(DataStore store, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync(ct);
        var tables = await PostgresTablesAsync(connection, null, ct);
        return (await LastMigrationAsync(connection, ct), await CountAsync(connection, tables, ct));
    }

    private static async Task<bool> PostgresHasTablesAsync(DataStore store, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync(ct);
        return (await PostgresTablesAsync(connection, null, ct)).Count > 0;
    }

    private static async Task<List<string>> PostgresTablesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var tables = new List<string>();
        await using var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection, transaction);
        await using var reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        return tables;
    }

    /// <summary>Runs a PostgreSQL client tool with the store's connection in PG* variables (the password never
    /// appears on a command line).</summary>
    private static async Task RunToolAsync(string tool, DataStore store, IEnumerable<string> args, CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var start = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["PGHOST"] = b.Host;
        start.Environment["PGPORT"] = b.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = b.Database;
        if (b.Username is { } user) start.Environment["PGUSER"] = user;
        if (b.Password is { } password) start.Environment["PGPASSWORD"] = password;
        foreach (var a in args) start.ArgumentList.Add(a);
        if (tool == "pg_restore") start.ArgumentList.Insert(0, $"--dbname={b.Database}");
        using var process = Process.Start(start) ?? throw new IOException($"{tool}: could not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new IOException($"{tool} failed (exit {process.ExitCode}): {(await stderr).Trim().ReplaceLineEndings(" ")} {(await stdout).Trim()}".TrimEnd());
    }

    /// <summary>The newest installed client (pg_dump must be at least the server's version), else the one on PATH.</summary>
    private static string FindTool(string tool)
    {
        if (Directory.Exists("/usr/lib/postgresql"))
            foreach (var dir in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                if (File.Exists(Path.Combine(dir, "bin", tool))) return Path.Combine(dir, "bin", tool);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, tool))) return Path.Combine(dir, tool);
        throw new IOException($"{tool} not found (install the PostgreSQL client tools, e.g. apt-get install postgresql-client)");
    }

    // ---- shared ----

    private static async Task<string> LastMigrationAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1";
        try
        {
            return await command.ExecuteScalarAsync(ct) as string ?? throw new InvalidDataException("the database has no migrations applied");
        }
        catch (DbException e)
        {
            throw new InvalidDataException($"not a Rapporteur database: {e.Message}", e);
        }
    }

    private static async Task<SortedDictionary<string, long>> CountAsync(DbConnection connection, IEnumerable<string> tables, CancellationToken ct)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static void CompareCounts(BackupManifest manifest, SortedDictionary<string, long> counts)
    {
        foreach (var (table, expected) in manifest.RowCounts)
        {
            var actual = counts.GetValueOrDefault(table, -1);
            if (actual != expected) throw new InvalidDataException($"the restored table {table} has {actual} rows; the manifest says {expected}");
        }
    }

    private static async Task<string> Sha256Async(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
