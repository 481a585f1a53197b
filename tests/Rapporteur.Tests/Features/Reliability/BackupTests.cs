using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Demo;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Reliability;

/// <summary><c>rapporteur backup</c> and <c>rapporteur restore</c> as processes, on the demo data, with a writer
/// busy during the backup.</summary>
public sealed class BackupTests(PostgresCluster postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backup_WhileAWriterWrites_RestoresAConsistentCopyOfEveryTable()
    {
        var store = await TestData.NewStoreAsync();
        await DemoData.SeedAsync(store, TimeProvider.System, Ct);
        Directory.CreateDirectory(Path.Combine(store.Directory, "keys"));
        await File.WriteAllTextAsync(Path.Combine(store.Directory, "keys", "key-test.xml"), "<key id=\"test\"/>", Ct);

        // The writer adds an audit entry and a content version in each transaction: a consistent copy has as many of one as of the other.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var db = store.CreateContext();
                await using var tx = await db.Database.BeginTransactionAsync(Ct);
                var n = written + 1;
                db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UnixEpoch, UserName = "writer", Action = "write", Detail = $"write {n}" });
                db.ContentVersions.Add(new ContentVersion { EntityType = "writer", EntityId = 1, Version = n, Action = "write", UserName = "writer", Snapshot = $"{{\"n\":{n}}}" });
                await db.SaveChangesAsync(Ct);
                await tx.CommitAsync(Ct);
                Interlocked.Increment(ref written);
            }
        }, Ct);
        while (Volatile.Read(ref written) < 20) await Task.Delay(10, Ct);

        var archive = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-backup-test-").FullName, "backup.zip");
        var backup = RapporteurProcess.Run("backup", "--data", store.Directory, "-o", archive);
        var afterBackup = Volatile.Read(ref written);
        while (Volatile.Read(ref written) < afterBackup + 5) await Task.Delay(10, Ct);
        await stop.CancelAsync();
        await writer;
        Assert.True(backup.Code == 0, backup.Err);
        Assert.Contains("wrote", backup.Out, StringComparison.Ordinal);

        var target = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-restore-test-").FullName, "data");
        var restore = RapporteurProcess.Run("restore", archive, "--data", target);
        Assert.True(restore.Code == 0, restore.Err);

        using var source = DatabaseRows.OpenSqlite(store.DatabaseFile);
        using var copy = DatabaseRows.OpenSqlite(Path.Combine(target, "rapporteur.db"));
        var tables = await DatabaseRows.SqliteTablesAsync(source);
        Assert.Equal(tables, await DatabaseRows.SqliteTablesAsync(copy));
        Assert.Contains("AuditEntries", tables);
        foreach (var table in tables)
        {
            var expected = await DatabaseRows.RowsAsync(source, table);
            var actual = await DatabaseRows.RowsAsync(copy, table);
            if (table is "AuditEntries" or "ContentVersions")
                Assert.Empty(actual.Except(expected, StringComparer.Ordinal)); // a moment of the source: a subset of what it has now
            else
                Assert.True(expected.SequenceEqual(actual, StringComparer.Ordinal), $"table {table} differs after restore");
        }

        // The copy is one moment: both halves of every writer transaction, and a prefix of the writes.
        await using var restored = DataStore.Open(target).CreateContext();
        var audit = await restored.AuditEntries.Where(a => a.UserName == "writer").Select(a => a.Detail).ToListAsync(Ct);
        var versions = await restored.ContentVersions.Where(v => v.EntityType == "writer").Select(v => v.Version).OrderBy(v => v).ToListAsync(Ct);
        Assert.InRange(versions.Count, 20, afterBackup);
        Assert.Equal(versions.Count, audit.Count);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        Assert.Equal("<key id=\"test\"/>", await File.ReadAllTextAsync(Path.Combine(target, "keys", "key-test.xml"), Ct));

        // A second restore into the same folder needs --force.
        var again = RapporteurProcess.Run("restore", archive, "--data", target);
        Assert.Equal(2, again.Code);
        Assert.Contains("is not empty", again.Err, StringComparison.Ordinal);
        var forced = RapporteurProcess.Run("restore", archive, "--data", target, "--force");
        Assert.True(forced.Code == 0, forced.Err);
    }

    [Fact]
    public async Task Restore_ArchiveWithAChangedPart_IsRefusedBeforeTouchingTheTarget()
    {
        var store = await TestData.NewStoreAsync();
        await DemoData.SeedAsync(store, TimeProvider.System, Ct);
        var folder = Directory.CreateTempSubdirectory("rapporteur-backup-test-").FullName;
        var archive = Path.Combine(folder, "backup.zip");
        Assert.Equal(0, RapporteurProcess.Run("backup", "--data", store.Directory, "-o", archive).Code);
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("database/rapporteur.db")!;
            byte[] bytes;
            await using (var s = await entry.OpenAsync(Ct))
            using (var m = new MemoryStream())
            {
                await s.CopyToAsync(m, Ct);
                bytes = m.ToArray();
            }
            bytes[^100] ^= 0xFF;
            entry.Delete();
            await using var w = await zip.CreateEntry("database/rapporteur.db").OpenAsync(Ct);
            await w.WriteAsync(bytes, Ct);
        }

        var target = Path.Combine(folder, "restored");
        var (code, _, err) = RapporteurProcess.Run("restore", archive, "--data", target);

        Assert.Equal(2, code);
        Assert.Contains("database/rapporteur.db does not match the manifest", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any());
        var notZip = Path.Combine(folder, "not-a-backup.zip");
        await File.WriteAllTextAsync(notZip, "hello", Ct);
        var refused = RapporteurProcess.Run("restore", notZip, "--data", target);
        Assert.Equal(2, refused.Code);
        Assert.Contains("not a Rapporteur backup", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_Postgres_RestoresEveryRowIntoANewDatabase()
    {
        var store = await postgres.NewStoreAsync();
        await DemoData.SeedAsync(store, TimeProvider.System, Ct);
        var archive = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-backup-test-").FullName, "backup.zip");
        var backup = RapporteurProcess.Run("backup", "--data", DataStore.PostgresPrefix + store.ConnectionString, "-o", archive);
        Assert.True(backup.Code == 0, backup.Err);

        var name = $"rapporteur_restore_{Environment.ProcessId}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(await postgres.ServerAsync()))
        {
            await admin.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(Ct);
        }
        var target = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Database = name }.ToString();
        var restore = RapporteurProcess.Run("restore", archive, "--data", DataStore.PostgresPrefix + target);
        Assert.True(restore.Code == 0, restore.Err);

        await using var from = new NpgsqlConnection(store.ConnectionString);
        await using var to = new NpgsqlConnection(target);
        await from.OpenAsync(Ct);
        await to.OpenAsync(Ct);
        var tables = await DatabaseRows.PostgresTablesAsync(from);
        Assert.Equal(tables, await DatabaseRows.PostgresTablesAsync(to));
        foreach (var table in tables)
            Assert.True((await DatabaseRows.RowsAsync(from, table)).SequenceEqual(await DatabaseRows.RowsAsync(to, table), StringComparer.Ordinal), $"table {table} differs after restore");
    }
}
