using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Search;

/// <summary>GET /api/v1/search and /search on the demo data: visibility by role (drafts never leak, not even in the
/// counts), the index following every save, filters, facets, paging, and hostile input.</summary>
/// Every case that touches the engine runs on SQLite (FTS5) and on PostgreSQL (tsvector), from the same demo data.
public sealed class SearchApiTests(PostgresCluster postgres)
{
    private async Task<WebApp> StartAsync(string provider) =>
        provider == "postgres" ? await WebApp.StartAsync(store: await postgres.NewStoreAsync()) : await WebApp.StartAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(U("/api/v1/search?" + query), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    private static int Total(JsonElement e) => e.GetProperty("total").GetInt32();

    private static int FacetCount(JsonElement e, string facet, string value) =>
        e.GetProperty("facets").GetProperty(facet).EnumerateArray().Where(v => v.GetProperty("value").GetString() == value).Select(v => v.GetProperty("count").GetInt32()).SingleOrDefault();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_Anonymous_FindsPublishedThingsWithFacetsAndAddresses(string provider)
    {
        await using var web = await StartAsync(provider);
        using var client = web.Client();
        var found = await SearchAsync(client, "q=criminal%20record");
        Assert.True(Total(found) >= 3);
        var types = found.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "question", "answer", "recommendation" }, types);
        var answer = found.GetProperty("results").EnumerateArray().First(r => r.GetProperty("type").GetString() == "answer");
        Assert.Matches("^/rounds/Lanzarote/3/replies/[A-Za-z%0-9]+#q-1\\.1$", answer.GetProperty("url").GetString()!);
        Assert.Contains("<mark>record</mark>", answer.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        var recommendation = found.GetProperty("results").EnumerateArray().First(r => r.GetProperty("type").GetString() == "recommendation");
        Assert.StartsWith("/rounds/Lanzarote/3/recommendations/", recommendation.GetProperty("url").GetString(), StringComparison.Ordinal);

        // Each address is a page that answers, at an anchor that is on it.
        foreach (var r in found.GetProperty("results").EnumerateArray())
        {
            var url = r.GetProperty("url").GetString()!.Split('#');
            var page = await client.GetAsync(U(url[0]), Ct);
            Assert.True(page.StatusCode == HttpStatusCode.OK, url[0]);
            if (url.Length > 1) Assert.Contains($"id=\"{url[1]}\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_DraftReply_IsFoundOnlyByItsPartyAndTheStaff_EvenInCounts(string provider)
    {
        await using var web = await StartAsync(provider);
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        const string path = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";
        var own = await sylvania.GetAsync(U(path), Ct);
        var version = int.Parse(own.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var answers = new[] { new { question = "1.1", text = "<p>Our <strong>quidditch</strong> federation vets every volunteer.</p>", items = new Dictionary<string, string>() } };
        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U(path), new { answers, version }, Ct)).StatusCode);

        using var anonymous = web.Client();
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        using var secretariat = await web.WithTokenAsync("secretariat@demo.test");
        foreach (var outsider in new[] { anonymous, ruritania })
        {
            var none = await SearchAsync(outsider, "q=quidditch");
            Assert.Equal(0, Total(none));
            Assert.Empty(none.GetProperty("results").EnumerateArray());
            Assert.All(none.GetProperty("facets").EnumerateObject(), f => Assert.Empty(f.Value.EnumerateArray()));
            // Browsing by facet does not count Sylvania's draft answers either.
            var browse = await SearchAsync(outsider, "party=Sylvania&type=answer");
            Assert.Equal(0, Total(browse));
            Assert.Equal(0, FacetCount(await SearchAsync(outsider, "type=answer"), "party", "Sylvania"));
        }
        foreach (var insider in new[] { sylvania, secretariat })
        {
            var found = await SearchAsync(insider, "q=quidditch");
            var hit = Assert.Single(found.GetProperty("results").EnumerateArray());
            Assert.Equal("answer", hit.GetProperty("type").GetString());
            Assert.Equal("/rounds/Lanzarote/3/replies/Sylvania/edit#q-1.1", hit.GetProperty("url").GetString());
            // The stored HTML is text in the index: the tag is not a word, the snippet is escaped with our marks only.
            Assert.Contains("<mark>quidditch</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("strong", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, FacetCount(await SearchAsync(insider, "type=answer&party=Sylvania"), "party", "Sylvania"));
        }
        Assert.Equal(0, Total(await SearchAsync(secretariat, "q=strong")));

        // Submitted, the reply is public, and the search knows it at once: the index moves with the save.
        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U(path), new { answers, version = version + 1, submit = true }, Ct)).StatusCode);
        var now = await SearchAsync(anonymous, "q=quidditch");
        Assert.Equal("/rounds/Lanzarote/3/replies/Sylvania#q-1.1", Assert.Single(now.GetProperty("results").EnumerateArray()).GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_DraftFactsheet_IsForTheStaffOnly(string provider)
    {
        await using var web = await StartAsync(provider);
        using var anonymous = web.Client();
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        using var rapporteur = await web.WithTokenAsync("rapporteur@demo.test");
        // Grand Fenwick's factsheet is a draft; its paragraphs name it.
        Assert.Equal(0, Total(await SearchAsync(anonymous, "q=%22Grand%20Fenwick%22&type=paragraph")));
        Assert.Equal(0, Total(await SearchAsync(ruritania, "q=%22Grand%20Fenwick%22&type=paragraph")));
        var staff = await SearchAsync(rapporteur, "q=%22Grand%20Fenwick%22&type=paragraph");
        Assert.True(Total(staff) > 0);
        Assert.All(staff.GetProperty("results").EnumerateArray(), r => Assert.StartsWith("/rounds/Lanzarote/3/factsheets/Grand%20Fenwick#block-", r.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_Filters_NarrowAndFacetsCount(string provider)
    {
        await using var web = await StartAsync(provider);
        using var client = web.Client();
        var recommendations = await SearchAsync(client, "type=recommendation&limit=100&language=en");
        Assert.Equal(8, Total(recommendations));
        Assert.Equal(3, FacetCount(recommendations, "strength", "request"));
        Assert.Equal(5, FacetCount(recommendations, "addressee", "all"));
        Assert.Equal(2, FacetCount(recommendations, "compliance", "implemented"));

        var requests = await SearchAsync(client, "type=recommendation&strength=REQUEST&language=en");
        Assert.Equal(3, Total(requests));
        var implemented = await SearchAsync(client, "compliance=implemented&party=Ruritania&language=en");
        Assert.Equal("II-1", Assert.Single(implemented.GetProperty("results").EnumerateArray()).GetProperty("id").GetString());
        var boxes = await SearchAsync(client, "type=box&boxType=promisingPractice");
        Assert.True(Total(boxes) > 0);
        Assert.All(boxes.GetProperty("results").EnumerateArray(), r => Assert.Contains("#box-", r.GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.Equal(0, Total(await SearchAsync(client, "q=children&round=2")));
        Assert.True(Total(await SearchAsync(client, "q=children&round=3&body=lanzarote&section=Prevention")) > 0);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_Paging_SplitsTheSameTotal(string provider)
    {
        await using var web = await StartAsync(provider);
        using var client = web.Client();
        var first = await SearchAsync(client, "q=children&limit=3");
        var second = await SearchAsync(client, "q=children&limit=3&offset=3");
        Assert.Equal(Total(first), Total(second));
        Assert.Equal(3, second.GetProperty("offset").GetInt32());
        var urls = first.GetProperty("results").EnumerateArray().Concat(second.GetProperty("results").EnumerateArray()).Select(r => r.GetProperty("url").GetString()).ToList();
        Assert.Equal(6, urls.Distinct().Count());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_HostileQueries_AnswerNormally(string provider)
    {
        await using var web = await StartAsync(provider);
        using var client = web.Client();
        foreach (var q in new[] { "\"", "NEAR(", "*", "-", "a OR", "') OR 1=1 --", "\"unbalanced phrase", "col:value^2 {x} [y]", "-children", "\u0000\uE000\uE001", "\uD800x" })
        {
            var found = await SearchAsync(client, "q=" + Uri.EscapeDataString(q));
            Assert.True(Total(found) >= 0);
            var page = await client.GetAsync(U("/search?q=" + Uri.EscapeDataString(q)), Ct);
            Assert.True(page.StatusCode == HttpStatusCode.OK, q);
        }
        // A query that only excludes lists everything else.
        Assert.True(Total(await SearchAsync(client, "q=-children&type=recommendation&language=en")) is > 0 and < 8);
    }

    [Fact]
    public async Task Search_BadInput_IsProblemDetails()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        foreach (var (query, detail) in new[]
        {
            ("type=chapter", "type must be one of"), ("limit=0", "limit must be"), ("limit=101", "limit must be"),
            ("offset=-1", "offset must be"), ("boxType=orange", "boxType must be one of"), ("q=" + new string('a', 501), "the limit is 500"),
        })
        {
            var response = await client.GetAsync(U("/api/v1/search?" + (query.StartsWith("q=", StringComparison.Ordinal) ? query : "q=children&" + query)), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, query);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SearchPage_ShowsEscapedSnippetsFacetLinksAndTheHeaderBox()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var html = await client.GetStringAsync(U("/search?q=volunteer*"), Ct);
        Assert.Contains("<mark>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=volunteer*&amp;type=", html, StringComparison.Ordinal);
        Assert.Contains("<form class=\"search\" role=\"search\"", html, StringComparison.Ordinal);
        var filtered = await client.GetStringAsync(U("/search?q=volunteer*&type=answer"), Ct);
        Assert.Contains("Type: answer", filtered, StringComparison.Ordinal);
        var home = await client.GetStringAsync(U("/"), Ct);
        Assert.Contains("action=\"/search\"", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SearchPage_MarkupInStoredText_IsEscaped(string provider)
    {
        await using var web = await StartAsync(provider);
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        const string path = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";
        var version = int.Parse((await sylvania.GetAsync(U(path), Ct)).Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        // Sanitised HTML may still carry text that looks like markup once decoded (&lt;script&gt;): it must stay text.
        var answers = new[] { new { question = "1.1", text = "<p>zebrafish &lt;img src=x onerror=alert(1)&gt; and &lt;mark&gt;fake&lt;/mark&gt;</p>", items = new Dictionary<string, string>() } };
        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U(path), new { answers, version }, Ct)).StatusCode);
        var html = await secretariat.GetStringAsync(U("/search?q=zebrafish"), Ct);
        Assert.Contains("<mark>zebrafish</mark>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>fake", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }
}
