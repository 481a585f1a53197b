using Microsoft.AspNetCore.Builder;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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
public sealed partial class WebApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebApp(DataStore store, WebApplication app)
    {
        Store = store;
        this.app = app;
    }

    public DataStore Store { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<WebApp> StartAsync(bool demo = true, Func<DataStore, Task>? before = null, DataStore? store = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        store ??= await TestData.NewStoreAsync();
        if (before is not null) await before(store);
        var app = WebHost.Build(store, configure: b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            // Fewer hashing rounds than production (100,000): the tests sign in hundreds of times.
            b.Services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
            // Tests sign in and call the API far faster than people: the rate-limit tests turn the limits back on.
            b.Configuration["RateLimits:Enabled"] = "false";
            configure?.Invoke(b);
        });
        if (demo)
        {
            await DemoData.SeedAsync(store, TimeProvider.System, TestContext.Current.CancellationToken);
            await DemoAccounts.AddAsync(app.Services);
        }
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new WebApp(store, app);
    }

    /// <summary>A client that does not follow redirects, so tests see 302s to the login page.</summary>
    public HttpClient Client() => app.GetTestClient();

    /// <summary>A browser-like client (cookies, no redirects followed) signed in through the sign-in page.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password = DemoAccounts.Password)
    {
        var client = new HttpClient(new CookieContainerHandler(new System.Net.CookieContainer()) { InnerHandler = app.GetTestServer().CreateHandler() })
        {
            BaseAddress = app.GetTestServer().BaseAddress,
        };
        var form = await FormAsync(client, "/account/login");
        form["email"] = email;
        form["password"] = password;
        var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The hidden fields (antiforgery token, version) of the page's first form that has them.</summary>
    public static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in HiddenInput().Matches(html))
            fields.TryAdd(m.Groups["name"].Value, System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value));
        return fields;
    }

    /// <summary>A bearer token for the API, from POST /api/v1/auth/token.</summary>
    public async Task<HttpClient> WithTokenAsync(string email, string password = DemoAccounts.Password)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        client.DefaultRequestHeaders.Authorization = new("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Stops the host first, as <c>serve</c> does on Ctrl+C, so its background services end through their
    /// stopping token before their services are disposed under them (which the host would log as critical).</summary>
    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"|<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex HiddenInput();
}
