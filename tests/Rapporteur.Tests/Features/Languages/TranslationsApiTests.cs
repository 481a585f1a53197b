using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>GET/PUT /api/v1/translations: the list with source hashes and states, one piece with its version as ETag,
/// saves with If-Match (428 without, 412 when stale), ProblemDetails on bad input; and translations in the search
/// index, found by a French query with language "fr", never where their source is not public.</summary>
public sealed class TranslationsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    private static HttpRequestMessage Put(string path, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, U(path)) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static async Task<int> RecommendationIdAsync(WebApp web, string code)
    {
        await using var db = web.Store.CreateContext();
        return await db.Recommendations.Where(r => r.Code == code).Select(r => r.Id).SingleAsync(Ct);
    }

    [Fact]
    public async Task TranslationsApi_ListGetPut_WithStatesETagsAndProblems()
    {
        await using var web = await WebApp.StartAsync();
        using var api = await web.WithTokenAsync("secretariat@demo.test");

        // The list: every piece with its source hash and state; the demo's II-3 translation is outdated.
        var list = await api.GetAsync(U("/api/v1/translations?body=Lanzarote&round=3&state=outdated"), Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var outdated = await JsonAsync(list);
        var row = Assert.Single(outdated.GetProperty("items").EnumerateArray(), r => r.GetProperty("label").GetString() == "II-3");
        Assert.Equal(("recommendation", "fr", "outdated"), (row.GetProperty("kind").GetString(), row.GetProperty("language").GetString(), row.GetProperty("state").GetString()));
        Assert.NotEqual(row.GetProperty("sourceHash").GetString(), row.GetProperty("translatedFromHash").GetString());
        var all = await JsonAsync(await api.GetAsync(U("/api/v1/translations?body=Lanzarote&round=3&kind=item&limit=1000"), Ct));
        Assert.True(all.GetProperty("total").GetInt32() >= 5);
        Assert.All(all.GetProperty("items").EnumerateArray(), r => Assert.Equal("item", r.GetProperty("kind").GetString()));

        // One piece: no translation yet is version 0.
        var id = await RecommendationIdAsync(web, "III-2");
        var path = $"/api/v1/translations/recommendation/{id}";
        var get = await api.GetAsync(U(path), Ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"0\"", get.Headers.ETag?.ToString());
        Assert.Equal("missing", (await JsonAsync(get)).GetProperty("state").GetString());

        using (var noVersion = await api.SendAsync(Put(path, new { text = "Le Comité demande…" }, null), Ct))
            Assert.Equal(HttpStatusCode.PreconditionRequired, noVersion.StatusCode);
        using (var saved = await api.SendAsync(Put(path, new { text = "Le Comité demande aux Parties de vérifier les antécédents." }, "\"0\""), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal("\"1\"", saved.Headers.ETag?.ToString());
            var body = await JsonAsync(saved);
            Assert.Equal(("current", 1), (body.GetProperty("state").GetString(), body.GetProperty("version").GetInt32()));
            Assert.Equal(body.GetProperty("sourceHash").GetString(), body.GetProperty("translatedFromHash").GetString());
        }
        using (var stale = await api.SendAsync(Put(path, new { text = "Une autre version." }, "\"0\""), Ct))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
            Assert.Equal(1, (await JsonAsync(stale)).GetProperty("currentVersion").GetInt32());
        }
        using (var empty = await api.SendAsync(Put(path, new { text = "  " }, "\"1\""), Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
            Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        }
        var notModified = new HttpRequestMessage(HttpMethod.Get, U(path));
        notModified.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.NotModified, (await api.SendAsync(notModified, Ct)).StatusCode);
        await using (var db = web.Store.CreateContext())
            Assert.Equal(1, await db.ContentVersions.CountAsync(v => v.EntityType == "translation" && db.Translations.Any(t => t.Id == v.EntityId && t.TargetKind == "recommendation" && t.TargetId == id), Ct));

        // Bad input: ProblemDetails that say what is wrong.
        foreach (var (query, status) in new[]
                 {
                     ("/api/v1/translations", HttpStatusCode.BadRequest),
                     ("/api/v1/translations?body=Lanzarote&round=3&kind=nonsense", HttpStatusCode.BadRequest),
                     ("/api/v1/translations?body=Lanzarote&round=3&state=stale", HttpStatusCode.BadRequest),
                     ("/api/v1/translations?body=Lanzarote&round=3&language=de", HttpStatusCode.BadRequest),
                     ("/api/v1/translations?body=Lanzarote&round=99", HttpStatusCode.NotFound),
                     ("/api/v1/translations/nonsense/1", HttpStatusCode.NotFound),
                     ("/api/v1/translations/recommendation/999999", HttpStatusCode.NotFound),
                 })
        {
            var response = await api.GetAsync(U(query), Ct);
            Assert.True(status == response.StatusCode, $"{query}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Others may not.
        using var rapporteur = await web.WithTokenAsync("rapporteur@demo.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await rapporteur.GetAsync(U(path), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Client().SendAsync(Put(path, new { text = "x" }, "\"1\""), Ct)).StatusCode);
    }

    [Fact]
    public async Task Search_FrenchTranslation_FoundByFrenchQueryWithLanguageFr_NeverFromADraft()
    {
        await using var web = await WebApp.StartAsync();
        using var api = await web.WithTokenAsync("secretariat@demo.test");
        var id = await RecommendationIdAsync(web, "III-2");
        using (var saved = await api.SendAsync(Put($"/api/v1/translations/recommendation/{id}", new { text = "Le Comité demande une vérification zqxantécédents annuelle." }, "\"0\""), Ct))
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        int blockId;
        await using (var db = web.Store.CreateContext())
            blockId = await db.FactsheetBlocks.Where(b => b.BoxId == null && b.Kind == Rapporteur.Core.Model.BlockKind.Paragraph)
                .Join(db.FactsheetChapters, b => b.ChapterId, c => c.Id, (b, c) => new { b, c })
                .Join(db.Factsheets.Where(f => f.Party!.Name == "Freedonia"), x => x.c.FactsheetId, f => f.Id, (x, f) => x.b.Id).FirstAsync(Ct);
        using (var saved = await api.SendAsync(Put($"/api/v1/translations/block/{blockId}", new { text = "Un paragraphe zqxbrouillon traduit." }, "\"0\""), Ct))
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var anonymous = web.Client();
        var found = await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxantecedents"), Ct));
        var hit = Assert.Single(found.GetProperty("results").EnumerateArray());
        Assert.Equal(("recommendation", "III-2", "fr"), (hit.GetProperty("type").GetString(), hit.GetProperty("id").GetString(), hit.GetProperty("language").GetString()));
        Assert.Contains("culture=fr", hit.GetProperty("url").GetString(), StringComparison.Ordinal);
        var language = found.GetProperty("facets").GetProperty("language");
        Assert.Contains(language.EnumerateArray(), v => v.GetProperty("value").GetString() == "fr" && v.GetProperty("count").GetInt32() == 1);
        Assert.Equal(1, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxantecedents&language=fr"), Ct))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxantecedents&language=en"), Ct))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxbrouillon"), Ct))).GetProperty("total").GetInt32());

        // The factsheet goes back to draft: its translation goes with it, out of the public's sight.
        await using (var db = web.Store.CreateContext())
        {
            var factsheet = await db.Factsheets.SingleAsync(f => f.Party!.Name == "Freedonia", Ct);
            factsheet.Status = Rapporteur.Data.Entities.PublicationStatus.Draft;
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(0, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxbrouillon"), Ct))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await JsonAsync(await api.GetAsync(U("/api/v1/search?q=zqxbrouillon"), Ct))).GetProperty("total").GetInt32());
        var page = await anonymous.GetStringAsync(U("/search?q=zqxantecedents"), Ct);
        Assert.Contains("lang=\"fr\"", page, StringComparison.Ordinal);

        // A rebuild gives the same.
        await using (var db = web.Store.CreateContext())
            await Rapporteur.Data.Search.SearchIndexer.RebuildAsync(db, Ct);
        Assert.Equal(1, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxantecedents&language=fr"), Ct))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxbrouillon"), Ct))).GetProperty("total").GetInt32());
    }
}
