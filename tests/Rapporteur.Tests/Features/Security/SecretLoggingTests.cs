using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapporteur.Features.Users;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Security;

/// <summary>Every log line at every level, captured while people sign in (right and wrong), take a token, use it, and
/// an administrator adds a user: no password and no token appears in any of them (ASVS 7.1.1).</summary>
public sealed class SecretLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInTokenAndUserAdd_LogNoPasswordNorToken()
    {
        var sink = new CapturingLoggerProvider();
        await using var web = await WebApp.StartAsync(configure: b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Trace);
            b.Logging.AddFilter((_, _) => true);
            b.Logging.AddProvider(sink);
        });
        const string wrong = "Wrong-Secret-Password-4711";
        const string newPassword = "New-User-Secret-Password-0815";

        await web.SignedInAsync("secretariat@demo.test");
        var client = web.Client();
        using (var failed = await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email = "ngo@demo.test", password = wrong }, Ct)) { }
        using var issued = await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email = "ngo@demo.test", password = Rapporteur.Features.Demo.DemoAccounts.Password }, Ct);
        issued.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(Ct));
        var access = json.RootElement.GetProperty("accessToken").GetString()!;
        var refresh = json.RootElement.GetProperty("refreshToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", access);
        (await client.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative), Ct)).EnsureSuccessStatusCode();
        await client.PutAsJsonAsync(new Uri("/api/v1/rounds/Lanzarote/3/replies/Ruritania", UriKind.Relative), new { answers = Array.Empty<object>(), version = 99 }, Ct);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var accounts = ActivatorUtilities.CreateInstance<UserAccounts>(scope.ServiceProvider);
            Assert.Null(await accounts.AddAsync("new.person@demo.test", "Secretariat", null, "New Person", newPassword));
            Assert.NotNull(await accounts.AddAsync("short@demo.test", "Secretariat", null, "Short", "short-pw"));
        }

        var lines = sink.Lines.ToList();
        Assert.True(lines.Count > 20, $"only {lines.Count} log lines were captured: the capture does not work");
        foreach (var secret in new[] { Rapporteur.Features.Demo.DemoAccounts.Password, wrong, newPassword, "short-pw", access, refresh, access[..24] })
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"a log line shows a secret: {leak}");
        }
    }
}

/// <summary>Keeps each formatted message, its structured values and its exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
