using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Rapporteur.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL cluster for the search bench, started as the tests start theirs
/// (<c>tests/Rapporteur.Tests/Support/PostgresCluster.cs</c>): <c>initdb</c> into a temp folder (as the <c>postgres</c>
/// user when run as root), <c>pg_ctl start</c> on 127.0.0.1 and a free port; stopped and removed on dispose.
/// <see cref="TryStart"/> returns null, with the reason, when no PostgreSQL binaries are found.
/// </summary>
internal sealed class BenchPostgres : IDisposable
{
    private readonly string directory;
    private readonly string bin;
    private readonly string? runAs;

    private BenchPostgres(string directory, string bin, string? runAs, string connectionString)
    {
        this.directory = directory;
        this.bin = bin;
        this.runAs = runAs;
        ConnectionString = connectionString;
    }

    /// <summary>The server, database <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    public static BenchPostgres? TryStart(out string? reason)
    {
        var candidates = new List<string>((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)) { "/usr/local/bin" };
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        var bin = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (bin is null)
        {
            reason = "PostgreSQL not found (initdb and pg_ctl on PATH, /usr/local/bin or /usr/lib/postgresql/*/bin)";
            return null;
        }
        var root = Environment.UserName == "root";
        var dir = Directory.CreateTempSubdirectory("rapporteur-bench-pg-").FullName;
        var runAs = root ? "postgres" : null;
        if (root) Run("chown", null, "-R", "postgres:postgres", dir);
        var data = Path.Combine(dir, "data");
        Run(Path.Combine(bin, "initdb"), runAs, "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        Run(Path.Combine(bin, "pg_ctl"), runAs, "-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k {dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        reason = null;
        return new BenchPostgres(dir, bin, runAs,
            new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = true }.ToString());
    }

    /// <summary>A new empty database; its connection string.</summary>
    public string CreateDatabase(string name)
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString();
    }

    public void Dispose()
    {
        Run(Path.Combine(bin, "pg_ctl"), runAs, "-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop");
        Directory.Delete(directory, recursive: true);
    }

    private static void Run(string program, string? runAs, params string[] args)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (runAs is not null)
            foreach (var a in new[] { "-u", runAs, "--", program }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result} {stdout.Result}");
    }
}
