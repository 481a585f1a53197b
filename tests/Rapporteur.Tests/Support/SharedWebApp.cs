namespace Rapporteur.Tests.Support;

/// <summary>
/// One demo web app for all the tests of a class that only read (<c>IClassFixture&lt;SharedWebApp&gt;</c>): starting the
/// app, seeding the demo data and hashing the demo accounts' passwords is most of a web test's time. A test that
/// changes data starts its own <see cref="WebApp"/>.
/// </summary>
public class SharedWebApp : IAsyncLifetime
{
    private WebApp? _web;

    public WebApp Web => _web ?? throw new InvalidOperationException("The shared web app has not started.");

    public async ValueTask InitializeAsync()
    {
        _web = await WebApp.StartAsync();
        await SetUpAsync(_web);
    }

    /// <summary>What the class's tests read besides the demo data.</summary>
    protected virtual Task SetUpAsync(WebApp web) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
