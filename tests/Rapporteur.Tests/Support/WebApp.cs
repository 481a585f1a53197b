using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Rapporteur.Data;
using Rapporteur.Features.Demo;
using Rapporteur.Web;

namespace Rapporteur.Tests.Support;

/// <summary>
/// The real web application (the same <see cref="WebHost.Build"/> that <c>rapporteur serve</c> runs) on an in-memory
/// test server over a fresh SQLite file. WebApplicationFactory needs a conventional Program entry point; ours is the
/// System.CommandLine tree, so the tests build the host the way the serve command does.
/// </summary>
public sealed class WebApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebApp(DataStore store, WebApplication app)
    {
        Store = store;
        this.app = app;
    }

    public DataStore Store { get; }

    public static async Task<WebApp> StartAsync(bool demo = true, Func<DataStore, Task>? before = null)
    {
        var store = await TestData.NewStoreAsync();
        if (demo) await DemoData.SeedAsync(store, TimeProvider.System, TestContext.Current.CancellationToken);
        if (before is not null) await before(store);
        var app = WebHost.Build(store, configure: b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new WebApp(store, app);
    }

    /// <summary>A client that does not follow redirects, so tests see 302s to the login page.</summary>
    public HttpClient Client() => app.GetTestClient();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
