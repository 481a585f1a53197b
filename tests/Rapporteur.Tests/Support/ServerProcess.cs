using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rapporteur.Tests.Support;

/// <summary><c>rapporteur serve</c> as a real process on a free loopback port, for tests that kill it (SIGKILL) and
/// start it again on the same data folder.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Starts the server on <paramref name="data"/> and waits until /health/ready answers 200. With
    /// <paramref name="database"/> (<c>postgres:…</c>, as RAPPORTEUR_DATABASE) the data is there and
    /// <paramref name="data"/> holds only the app's keys.</summary>
    public static async Task<ServerProcess> StartAsync(string data, bool demo = false, string? database = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rapporteur.dll"));
        foreach (var a in (string[])["serve", "--data", data, "--urls", address.ToString().TrimEnd('/')]) start.ArgumentList.Add(a);
        if (demo) start.ArgumentList.Add("--demo");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (database is null) start.Environment.Remove("RAPPORTEUR_DATABASE");
        else start.Environment["RAPPORTEUR_DATABASE"] = database;
        var server = new ServerProcess(Process.Start(start)!, address);
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        // Generous: the demo accounts' password hashing and the JIT take long on a loaded machine.
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (DateTime.UtcNow < deadline)
        {
            if (server.process.HasExited) throw new InvalidOperationException($"the server exited with {server.process.ExitCode}: {server.Output}");
            try
            {
                using var ready = await server.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"the server did not become ready: {server.Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no disposal — as a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
