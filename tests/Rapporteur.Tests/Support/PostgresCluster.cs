using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Rapporteur.Data;

[assembly: AssemblyFixture(typeof(Rapporteur.Tests.Support.PostgresCluster))]

namespace Rapporteur.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: <c>initdb</c> into a temp folder (as the <c>postgres</c> user when
/// the tests run as root, which initdb refuses), <c>pg_ctl start</c> on 127.0.0.1 and a free port, one fresh
/// database per test, <c>pg_ctl stop</c> and the folder removed at the end. Started on first use only. Without
/// PostgreSQL binaries the PostgreSQL cases are skipped locally and fail under CI (<c>CI=true</c>).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly Lazy<Task<Started?>> started;
    private int databases;

    public PostgresCluster() => started = new(StartAsync);

    private sealed record Started(string Directory, string Bin, string ConnectionString, string? RunAs);

    /// <summary>A new, migrated PostgreSQL database for one test (its keys in a temp folder).</summary>
    public async Task<DataStore> NewStoreAsync()
    {
        var cluster = await started.Value ?? throw new InvalidOperationException("unreachable");
        var name = $"rapporteur_test_{Interlocked.Increment(ref databases)}_{Environment.ProcessId}";
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var store = DataStore.Postgres(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = name }.ToString(),
            Directory.CreateTempSubdirectory("rapporteur-pg-test-").FullName);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    /// <summary>The server's connection string, without a database (for <c>--data postgres:…</c> with one added).</summary>
    public async Task<string> ServerAsync() => (await started.Value)!.ConnectionString;

    private static async Task<Started?> StartAsync()
    {
        var bin = FindBin();
        if (bin is null)
        {
            const string message = "PostgreSQL not found (initdb and pg_ctl: on PATH, /usr/local/bin or /usr/lib/postgresql/*/bin; Debian: apt-get install -y postgresql)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
            Assert.Skip(message);
        }
        var root = Environment.UserName == "root";
        var dir = Directory.CreateTempSubdirectory("rapporteur-pg-");
        var data = Path.Combine(dir.FullName, "data");
        var runAs = root ? "postgres" : null;
        if (root) Run("chown", null, "-R", "postgres:postgres", dir.FullName);
        Run(Path.Combine(bin!, "initdb"), runAs, "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        var port = FreePort();
        Run(Path.Combine(bin!, "pg_ctl"), runAs, "-D", data, "-l", Path.Combine(dir.FullName, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k {dir.FullName} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        var connection = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false }.ToString();
        await Task.CompletedTask;
        return new Started(dir.FullName, bin!, connection, runAs);
    }

    public async ValueTask DisposeAsync()
    {
        if (!started.IsValueCreated) return;
        // A cluster that never started (no PostgreSQL here) has nothing to stop.
        var task = started.Value;
        if (!task.IsCompletedSuccessfully || await task is not { } cluster) return;
        Run(Path.Combine(cluster.Bin, "pg_ctl"), cluster.RunAs, "-D", Path.Combine(cluster.Directory, "data"), "-m", "immediate", "-w", "stop");
        Directory.Delete(cluster.Directory, recursive: true);
    }

    private static string? FindBin()
    {
        var candidates = new List<string>();
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        candidates.Add("/usr/local/bin");
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string? runAs, params string[] args)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (runAs is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result} {stdout.Result}");
    }
}
