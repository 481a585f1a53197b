using System.Net;
using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>The public site and read-only API over the demo data set.</summary>
public sealed class PublicSiteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_endpoints_answer_once_the_app_serves()
    {
        await using var web = await WebApp.StartAsync(demo: false);
        using var client = web.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct)).StatusCode);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Home_page_lists_the_demo_round_with_security_headers()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("sport and leisure", html, StringComparison.Ordinal);
        Assert.Contains("/rounds/Lanzarote/3", html, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Round_page_shows_reply_status_per_Party()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var html = await client.GetStringAsync(new Uri("/rounds/Lanzarote/3", UriKind.Relative), Ct);
        foreach (var party in new[] { "Ruritania", "Freedonia", "Sylvania", "Grand Fenwick", "Genovia", "Elbonia" })
            Assert.Contains(party, html, StringComparison.Ordinal);
        Assert.Contains("Late", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("status-submitted", html, StringComparison.Ordinal); // drafts and unstarted replies past the deadline are late
    }

    [Theory]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania", HttpStatusCode.OK)]
    [InlineData("/rounds/Lanzarote/3/replies/Ruritania", HttpStatusCode.OK)]
    [InlineData("/rounds/Lanzarote/3/replies/Sylvania", HttpStatusCode.NotFound)] // a draft reply is not public
    [InlineData("/rounds/Lanzarote/3/factsheets/Sylvania", HttpStatusCode.NotFound)] // no published factsheet
    [InlineData("/rounds/Lanzarote/9", HttpStatusCode.NotFound)]
    [InlineData("/rounds/Lanzarote/3/matrix", HttpStatusCode.OK)]
    public async Task Public_pages_show_published_work_only(string path, HttpStatusCode expected)
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.NotFound)
            Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Factsheet_page_shows_boxes_and_linked_notes()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var html = await client.GetStringAsync(new Uri("/rounds/Lanzarote/3/factsheets/Ruritania", UriKind.Relative), Ct);
        Assert.Contains("box box-followup", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#fn-1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"fn-1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_lists_rounds_and_pages_recommendations()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        using var rounds = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/rounds", UriKind.Relative), Ct));
        Assert.Equal(3, rounds.RootElement.GetProperty("items")[0].GetProperty("number").GetInt32());

        using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/rounds/Lanzarote/3/recommendations?limit=3&offset=0", UriKind.Relative), Ct));
        Assert.Equal(8, page.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(3, page.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Api_errors_are_problem_details()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var missing = await client.GetAsync(new Uri("/api/v1/rounds/Lanzarote/9/matrix", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var badPaging = await client.GetAsync(new Uri("/api/v1/rounds/Lanzarote/3/recommendations?limit=0", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPaging.StatusCode);
        Assert.Equal("application/problem+json", badPaging.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Compliance_matrix_filters_by_strength()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        using var all = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/rounds/Lanzarote/3/matrix", UriKind.Relative), Ct));
        using var invites = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/rounds/Lanzarote/3/matrix?strength=invite", UriKind.Relative), Ct));
        var rows = invites.RootElement.GetProperty("recommendations");
        Assert.InRange(rows.GetArrayLength(), 1, all.RootElement.GetProperty("recommendations").GetArrayLength() - 1);
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("invite", r.GetProperty("strength").GetString()));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        await using var web = await WebApp.StartAsync(demo: false);
        using var client = web.Client();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/api/v1/rounds/{body}/{number}/matrix", out _));
    }
}
