using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapporteur.Features.Notifications;
using Rapporteur.Tests.Features.Security;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Notifications;

/// <summary>The outbox's background service ends quietly when its host stops or is disposed: cancellation is its
/// normal end, not a failure for the host to log as critical.</summary>
public sealed class OutboxDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OutboxDelivery_StoppedOrDisposed_EndsWithoutAnError(bool dispose)
    {
        await using var web = await WebApp.StartAsync(demo: false);
        var sink = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        var scopes = new SignallingScopes(web.Services.GetRequiredService<IServiceScopeFactory>());
        using var delivery = new OutboxDelivery(scopes, Options.Create(new SmtpOptions()), TimeProvider.System, factory.CreateLogger<OutboxDelivery>());

        await delivery.StartAsync(Ct);
        // Stopped once its loop runs (.NET starts ExecuteAsync on the thread pool; a service disposed before that never ran).
        await scopes.Used.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        if (dispose) delivery.Dispose();
        else await delivery.StopAsync(Ct);
        var running = delivery.ExecuteTask!;
        Assert.Same(running, await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(30), Ct)));

        Assert.Equal(TaskStatus.RanToCompletion, running.Status);
        Assert.DoesNotContain(sink.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)
            || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    /// <summary>The app's scope factory, saying when the service first asks it for a scope.</summary>
    private sealed class SignallingScopes(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        public TaskCompletionSource Used { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IServiceScope CreateScope()
        {
            Used.TrySetResult();
            return inner.CreateScope();
        }
    }
}
