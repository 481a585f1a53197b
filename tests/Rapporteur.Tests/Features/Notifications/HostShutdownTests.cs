using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapporteur.Features.Notifications;
using Rapporteur.Tests.Features.Security;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Notifications;

/// <summary>The whole web host ends quietly: disposed as the test hosts are (after a stop, or without one), nothing it
/// runs in the background logs an error or a critical failure.</summary>
public sealed class HostShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WebApp_UsedThenDisposed_LogsNoErrorOrCriticalFailure()
    {
        var sink = new CapturingLoggerProvider();
        var web = await WebApp.StartAsync(configure: b => b.Logging.AddProvider(sink));
        using (var client = web.Client())
            Assert.True((await client.GetAsync(new Uri("/rounds/Lanzarote/3", UriKind.Relative), Ct)).IsSuccessStatusCode);
        var delivery = web.Services.GetRequiredService<OutboxDelivery>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await web.DisposeAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"stopped and disposed in {watch.ElapsedMilliseconds} ms");

        var failures = sink.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Stopped before it was disposed, like `serve` on Ctrl+C: the outbox's loop ran to its end.
        Assert.True(delivery.ExecuteTask?.IsCompletedSuccessfully, delivery.ExecuteTask?.Status.ToString());
    }
}
