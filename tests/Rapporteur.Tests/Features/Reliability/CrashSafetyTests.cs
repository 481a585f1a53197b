using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapporteur.Data;
using Rapporteur.Features.Demo;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Reliability;

/// <summary>Processes killed with SIGKILL (no shutdown, no flush): an import in flight leaves nothing behind, and every
/// edit the server acknowledged is there after a restart — on SQLite (WAL mode with synchronous=FULL) and on
/// PostgreSQL (the server chosen with RAPPORTEUR_DATABASE, as in production).</summary>
public sealed class CrashSafetyTests(PostgresCluster postgres)
{
    private const int Questions = 900; // long enough that an import is killed inside a file's transaction
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A long reply whose every answer names the file it came from.</summary>
    private static string LargeReply(int file)
    {
        var text = new StringBuilder("Prevention\n\n");
        for (var q = 1; q <= Questions; q++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Question {q}  Topic number {q}\n\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{q}.1.  Does the law cover case {q} of the questionnaire?\n\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"FILE-{file} answer {q}: the ministry reports that the rule applies to every club, with yearly checks and a public register.\n\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"The register of case {q} is kept by the national council; clubs report every year on training, checks and complaints received.\n\n");
        }
        return text.ToString();
    }

    [Fact]
    public async Task Import_KilledMidway_LeavesNoPartialImport() => await ImportKilledMidwayAsync(await TestData.NewStoreAsync());

    [Fact]
    public async Task Import_KilledMidway_LeavesNoPartialImport_Postgres() => await ImportKilledMidwayAsync(await postgres.NewStoreAsync());

    /// <summary>What RAPPORTEUR_DATABASE names for <paramref name="store"/>: nothing for SQLite (the data folder holds the
    /// database), <c>postgres:…</c> for PostgreSQL (the data folder then holds only the app's keys).</summary>
    private static string? Database(DataStore store) =>
        store.Provider == DataProvider.Sqlite ? null : DataStore.PostgresPrefix + store.ConnectionString;

    private static async Task ImportKilledMidwayAsync(DataStore store)
    {
        var folder = Directory.CreateTempSubdirectory("rapporteur-crash-test-").FullName;
        var files = Enumerable.Range(1, 6).Select(i =>
        {
            var path = Path.Combine(folder, $"reply-{i}.txt");
            File.WriteAllText(path, LargeReply(i));
            return path;
        }).ToList();
        await using (var server = await ServerProcess.StartAsync(store.Directory, database: Database(store)))
        {
            // Each file replaces the Party's reply in its own transaction; the import is killed once the first is in.
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "rapporteur.dll"), "import", .. files, "--data", store.Directory,
                         "--kind", "reply", "--party", "Freedonia", "--round", "2", "--replace"])
                start.ArgumentList.Add(a);
            if (Database(store) is { } database) start.Environment["RAPPORTEUR_DATABASE"] = database;
            else start.Environment.Remove("RAPPORTEUR_DATABASE");
            using var import = Process.Start(start)!;
            var stderr = import.StandardError.ReadToEndAsync(Ct);
            _ = import.StandardOutput.ReadToEndAsync(Ct);
            while (!import.HasExited && await CountAsync(store, "SourceDocuments") < 1) await Task.Delay(5, Ct);
            Assert.False(import.HasExited, $"the import ended before it could be killed: {await stderr}");
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync(Ct);
            server.Kill();
        }

        await using (var restarted = await ServerProcess.StartAsync(store.Directory, database: Database(store)))
        {
            Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct)).StatusCode);
        }
        await using var db = store.CreateContext();
        var sources = await db.SourceDocuments.CountAsync(Ct);
        // The kill lands while a file's transaction is open (when the machine is very slow to deliver it, the import may
        // have got further): whatever is stored is whole files only.
        Assert.InRange(sources, 1, files.Count);
        var answers = await db.Answers.Select(a => a.Text).ToListAsync(Ct);
        Assert.Equal(Questions, answers.Count);
        var marker = answers[0][..answers[0].IndexOf(' ', StringComparison.Ordinal)];
        Assert.All(answers, a => Assert.StartsWith(marker + " ", a, StringComparison.Ordinal));
        Assert.Equal(1, await db.Replies.CountAsync(Ct));
        Assert.Equal(sources, await db.AuditEntries.CountAsync(a => a.Action == "import", Ct));
    }

    [Fact]
    public async Task Edits_AcknowledgedThenKilled_AreAllThereAfterRestart() =>
        await EditsAcknowledgedThenKilledAsync(DataStore.Open(Directory.CreateTempSubdirectory("rapporteur-crash-test-").FullName));

    [Fact]
    public async Task Edits_AcknowledgedThenKilled_AreAllThereAfterRestart_Postgres() =>
        await EditsAcknowledgedThenKilledAsync(await postgres.NewStoreAsync());

    private static async Task EditsAcknowledgedThenKilledAsync(DataStore store)
    {
        const int edits = 40;
        var data = store.Directory;
        const string reply = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";
        int first;
        System.Net.Http.Headers.AuthenticationHeaderValue? bearer;
        await using (var server = await ServerProcess.StartAsync(data, demo: true, database: Database(store)))
        {
            var token = await server.Client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email = "sylvania@demo.test", password = DemoAccounts.Password }, Ct);
            token.EnsureSuccessStatusCode();
            using (var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Ct)))
                server.Client.DefaultRequestHeaders.Authorization = new("Bearer", json.RootElement.GetProperty("accessToken").GetString());
            bearer = server.Client.DefaultRequestHeaders.Authorization;
            using (var json = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri(reply, UriKind.Relative), Ct)))
                first = json.RootElement.GetProperty("version").GetInt32();
            for (var i = 1; i <= edits; i++)
            {
                var put = await server.Client.PutAsJsonAsync(new Uri(reply, UriKind.Relative),
                    new { answers = new[] { new { question = "1.2", text = $"<p>edit {i}</p>" } }, version = first + i - 1 }, Ct);
                Assert.True(put.IsSuccessStatusCode, $"edit {i}: {put.StatusCode} {await put.Content.ReadAsStringAsync(Ct)}");
            }
            server.Kill();
        }

        await using (var restarted = await ServerProcess.StartAsync(data, database: Database(store)))
        {
            // The draft is the focal point's own; the token still holds (the keys are in the data folder).
            restarted.Client.DefaultRequestHeaders.Authorization = bearer;
            using var json = JsonDocument.Parse(await restarted.Client.GetStringAsync(new Uri(reply, UriKind.Relative), Ct));
            Assert.Equal(first + edits, json.RootElement.GetProperty("version").GetInt32());
            Assert.Contains(json.RootElement.GetProperty("answers").EnumerateArray(), a => a.GetProperty("question").GetString() == "1.2" && a.GetProperty("text").GetString()!.Contains($"edit {edits}", StringComparison.Ordinal));
        }
        await using var db = store.CreateContext();
        var versions = await db.ContentVersions.Where(v => v.EntityType == "reply" && v.Snapshot.Contains("edit ")).CountAsync(Ct);
        Assert.Equal(edits, versions);
    }

    [Fact]
    public async Task Sqlite_RunsWithWalAndFullSynchronousAndABusyTimeout()
    {
        var store = await TestData.NewStoreAsync();
        await using var db = store.CreateContext();
        await db.Database.OpenConnectionAsync(Ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        // 2 = FULL: the WAL is synced at every commit, so an acknowledged save survives a power cut, not only a kill.
        Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous"));
        Assert.NotEqual("0", await ScalarAsync(connection, "PRAGMA busy_timeout"));
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<long> CountAsync(DataStore store, string table)
    {
        if (store.Provider != DataProvider.Sqlite)
        {
            await using var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.ConnectionString) { Pooling = false }.ToString());
            await pg.OpenAsync(Ct);
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", pg);
            return (long)(await count.ExecuteScalarAsync(Ct))!;
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DatabaseFile, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
