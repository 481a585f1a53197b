using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Rapporteur.Features.Demo;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Browser;

/// <summary>
/// The app in a real browser (Debian's Chromium, driven by Playwright; nothing is downloaded) on a real Kestrel port:
/// a focal point signs in, drafts an answer, saves it; every page visited passes axe's accessibility rules with no
/// serious or critical violation. Without Chromium the tests are skipped locally and fail under CI.
/// </summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private IBrowser browser => fixture.Browser;
    private string address => fixture.Address;

    [Fact]
    public async Task A_focal_point_signs_in_drafts_and_saves_an_answer_on_accessible_pages()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address + "/");
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("E-mail").FillAsync("sylvania@demo.test");
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "My work" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the reply" }).ClickAsync();
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Answer to 1.2").FillAsync("Clubs appoint a welfare officer; federations train them every year.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        Assert.Equal("Draft saved.", (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Trim());
        Assert.Equal("Clubs appoint a welfare officer; federations train them every year.", await page.GetByLabel("Answer to 1.2").InputValueAsync());

        // A file attached through the form, without script.
        await page.Locator("input[name=file]").SetInputFilesAsync(new FilePayload { Name = "evidence.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.GetByLabel("For question").SelectOptionAsync("1.2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach", Exact = true }).ClickAsync();
        Assert.Equal("File attached.", (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Trim());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "evidence.pdf" }).CountAsync());
        await AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("/rounds/Lanzarote/3/report/draft")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania/edit")]
    [InlineData("/rounds/Lanzarote/3/replies/Ruritania/edit")]
    [InlineData("/account/authenticator")]
    [InlineData("/account/tokens")]
    public async Task Secretariat_editing_pages_pass_axe(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address + "/account/login");
        await page.GetByLabel("E-mail").FillAsync("secretariat@demo.test");
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var response = await page.GotoAsync(address + path);
        Assert.Equal(200, response!.Status);
        await AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("/rounds/Lanzarote/3")]
    [InlineData("/rounds/Lanzarote/3/matrix")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania")]
    [InlineData("/rounds/Lanzarote/3/recommendations/II-1")]
    [InlineData("/rounds/Lanzarote/3/dashboard")]
    [InlineData("/rounds/Lanzarote/3/compilation/1.1")]
    [InlineData("/rounds/Lanzarote/3?culture=fr")]
    [InlineData("/rounds/Lanzarote/3/matrix?culture=fr")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania?culture=fr")]
    public async Task Public_pages_pass_axe(string path)
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(address + path);
        Assert.Equal(200, response!.Status);
        await AssertAccessibleAsync(page);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}

/// <summary>One server with the demo data and one Chromium for all browser tests (each test opens its own page).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private WebApplication? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    private string? missing;
    private string address = "";

    // Outside CI a machine without Chromium skips the browser tests: the skip is raised in each test (xunit reports a
    // skip raised in a fixture's InitializeAsync as a failure of every test of the class).
    public IBrowser Browser => missing is not null ? throw SkipException() : browser ?? throw new InvalidOperationException("no browser");
    public string Address => missing is not null ? throw SkipException() : address;

    private InvalidOperationException SkipException()
    {
        Assert.Skip(missing!);
        return new InvalidOperationException(missing);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail($"{Chromium} not found (apt-get install chromium)");
            missing = $"{Chromium} not found (apt-get install chromium to run the browser tests)";
            return;
        }
        var store = await TestData.NewStoreAsync();
        app = Rapporteur.Web.WebHost.Build(store, ["http://127.0.0.1:0"], b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.Services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
            b.Configuration["RateLimits:Enabled"] = "false";
        });
        await DemoData.SeedAsync(store, TimeProvider.System, Ct);
        await DemoAccounts.AddAsync(app.Services);
        await app.StartAsync(Ct);
        address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
    }

}
