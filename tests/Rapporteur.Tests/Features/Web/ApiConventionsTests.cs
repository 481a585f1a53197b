using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>What every API endpoint shares: ETags with 304, paging with totals; the GET endpoints for questions,
/// factsheet boxes and assessments; the API reference page. Tests that only read share one app.</summary>
public sealed class ApiConventionsTests(SharedWebApp shared) : IClassFixture<SharedWebApp>
{
    private WebApp Shared => shared.Web;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, U(path));
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("/api/v1/rounds")]
    [InlineData("/api/v1/rounds/Lanzarote/3/recommendations?limit=2")]
    [InlineData("/api/v1/rounds/Lanzarote/3/questions")]
    [InlineData("/api/v1/rounds/Lanzarote/3/factsheets/Ruritania/boxes")]
    [InlineData("/api/v1/rounds/Lanzarote/3/assessments")]
    [InlineData("/api/v1/rounds/Lanzarote/3/matrix")]
    [InlineData("/api/v1/rounds/Lanzarote/3/replies/Ruritania")]
    public async Task Get_WithTheCurrentETag_Is304WithoutABody(string path)
    {
        var web = Shared;
        using var client = web.Client();
        var first = await GetAsync(client, path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);

        var again = await GetAsync(client, path, tag.ToString());
        var other = await GetAsync(client, path, "W/\"something-else\"");

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(tag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await other.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task GetReply_ETagIsTheVersion_AndChangesWithASave()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        const string path = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";
        var before = await GetAsync(sylvania, path);
        var version = before.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(sylvania, path, version)).StatusCode);

        var answers = new[] { new { question = "1.2", text = "A new answer.", items = new Dictionary<string, string>() } };
        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U(path), new { answers, version = int.Parse(version.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) }, Ct)).StatusCode);

        var after = await GetAsync(sylvania, path, version);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(version, after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task GetReply_AnotherPartysDraft_Is404EvenWithAMatchingETag()
    {
        var web = Shared;
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");

        var response = await GetAsync(ruritania, "/api/v1/rounds/Lanzarote/3/replies/Sylvania", "*");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetAssessments_ETag_ChangesWhenTheCommitteeAssesses()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.WithTokenAsync("rapporteur@demo.test");
        const string path = "/api/v1/rounds/Lanzarote/3/assessments?party=Freedonia";
        var tag = (await GetAsync(staff, path)).Headers.ETag!.ToString();

        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync(U("/api/v1/rounds/Lanzarote/3/assessments/II-3/Freedonia"), new { status = "implemented", assessedOn = "2026-11-20" }, Ct)).StatusCode);

        var after = await GetAsync(staff, path, tag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var page = JsonDocument.Parse(await after.Content.ReadAsStringAsync(Ct));
        Assert.Equal(4, page.RootElement.GetProperty("total").GetInt32());
        Assert.Contains(page.RootElement.GetProperty("items").EnumerateArray(), a => a.GetProperty("recommendation").GetString() == "II-3" && a.GetProperty("status").GetString() == "implemented");
    }

    [Theory]
    [InlineData("/api/v1/rounds", 1)]
    [InlineData("/api/v1/rounds/Lanzarote/3/recommendations", 8)]
    [InlineData("/api/v1/rounds/Lanzarote/3/questions", 6)]
    [InlineData("/api/v1/rounds/Lanzarote/3/factsheets/Ruritania/boxes", 6)]
    [InlineData("/api/v1/rounds/Lanzarote/3/assessments", 5)]
    public async Task List_IsPagedWithTotal(string path, int total)
    {
        var web = Shared;
        using var client = web.Client();

        using var all = JsonDocument.Parse(await client.GetStringAsync(U(path), Ct));
        using var page = JsonDocument.Parse(await client.GetStringAsync(U(path + "?offset=1&limit=2"), Ct));
        var bad = await client.GetAsync(U(path + "?limit=1001"), Ct);

        Assert.Equal(total, all.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(100, all.RootElement.GetProperty("limit").GetInt32());
        Assert.Equal(total, page.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, page.RootElement.GetProperty("offset").GetInt32());
        Assert.Equal(Math.Min(2, total - 1), page.RootElement.GetProperty("items").GetArrayLength());
        if (total > 1)
            Assert.Equal(all.RootElement.GetProperty("items")[1].GetRawText(), page.RootElement.GetProperty("items")[0].GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListQuestions_HasSectionsItemsAndPrompts()
    {
        var web = Shared;
        using var client = web.Client();

        using var page = JsonDocument.Parse(await client.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/questions"), Ct));

        var questions = page.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["1.1", "1.2", "2.1", "2.2", "3", "4"], questions.Select(q => q.GetProperty("number").GetString()));
        Assert.Equal("Prevention", questions[0].GetProperty("section").GetString());
        Assert.Equal("when they volunteer?", questions[0].GetProperty("items").GetProperty("b").GetString());
        Assert.StartsWith("→ Please specify", questions[1].GetProperty("prompts")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBoxes_DraftFactsheet_Is404()
    {
        var web = Shared;
        using var staff = await web.WithTokenAsync("secretariat@demo.test");

        var draft = await staff.GetAsync(U("/api/v1/rounds/Lanzarote/3/factsheets/Grand%20Fenwick/boxes"), Ct);
        using var published = JsonDocument.Parse(await staff.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/factsheets/Ruritania/boxes"), Ct));

        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        var first = published.RootElement.GetProperty("items")[0];
        Assert.Equal("followUp", first.GetProperty("type").GetString());
        Assert.Equal(["II-1"], first.GetProperty("recommendations").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task ApiDocs_ServesTheReferenceWithItsOwnScriptsUnderANonce()
    {
        var web = Shared;
        using var client = web.Client();

        var page = await client.GetAsync(U("/api/docs/"), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var script = await client.GetAsync(U("/api/docs/scalar.js"), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheNewEndpoints()
    {
        var web = Shared;
        using var client = web.Client();

        using var doc = JsonDocument.Parse(await client.GetStringAsync(U("/openapi/v1.json"), Ct));

        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/export/{dataset}.{format}", "/api/v1/rounds/{body}/{number}/questions", "/api/v1/rounds/{body}/{number}/factsheets/{party}/boxes",
            "/api/v1/rounds/{body}/{number}/assessments", "/api/v1/rounds/{body}/{number}/replies/{party}/import",
        })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }
}
