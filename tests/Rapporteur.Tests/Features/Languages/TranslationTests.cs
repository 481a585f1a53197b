using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>Parallel French versions of content: the side-by-side editor, versions, outdated translations with a word
/// diff of the source, and the public pages serving the reader's language.</summary>
public sealed class TranslationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<int> RecommendationIdAsync(WebApp web, string code)
    {
        await using var db = web.Store.CreateContext();
        return await db.Recommendations.Where(r => r.Code == code).Select(r => r.Id).SingleAsync(Ct);
    }

    /// <summary>The first paragraph of Freedonia's (published) factsheet in the demo data.</summary>
    private static async Task<int> FreedoniaParagraphIdAsync(WebApp web)
    {
        await using var db = web.Store.CreateContext();
        return await db.FactsheetBlocks
            .Where(b => b.BoxId == null && b.Kind == Rapporteur.Core.Model.BlockKind.Paragraph)
            .Join(db.FactsheetChapters, b => b.ChapterId, c => c.Id, (b, c) => new { b, c })
            .Join(db.Factsheets.Where(f => f.Party!.Name == "Freedonia"), x => x.c.FactsheetId, f => f.Id, (x, f) => x.b.Id)
            .FirstAsync(Ct);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string path, string text, int? version = null)
    {
        var form = await WebApp.FormAsync(client, path);
        form["text"] = text;
        if (version is { } v) form["version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await client.PostAsync(U(path), new FormUrlEncodedContent(form), Ct);
    }

    [Fact]
    public async Task Editor_SourceChangesAfterTranslation_ShowsOutdatedWithWordDiff()
    {
        await using var web = await WebApp.StartAsync();
        using var client = await web.SignedInAsync("secretariat@demo.test");
        var id = await RecommendationIdAsync(web, "III-2");
        var path = $"/translations/recommendation/{id}";

        var response = await SaveAsync(client, path, "Le Comité demande aux Parties de vérifier les antécédents de toute personne encadrant des enfants.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var db = web.Store.CreateContext())
        {
            var saved = await db.Translations.SingleAsync(t => t.TargetKind == "recommendation" && t.TargetId == id, Ct);
            Assert.Equal(("fr", 1, "secretariat@demo.test"), (saved.Language, saved.Version, saved.TranslatorName));
            Assert.True(await db.ContentVersions.AnyAsync(v => v.EntityType == "translation" && v.EntityId == saved.Id && v.Version == 1, Ct));
            var rec = await db.Recommendations.SingleAsync(r => r.Id == id, Ct);
            rec.Text = rec.Text.Replace("set up", "set up without delay", StringComparison.Ordinal) + " Every year.";
            await db.SaveChangesAsync(Ct);
        }

        var html = await client.GetStringAsync(U(path), Ct);
        Assert.Contains("status-outdated", html, StringComparison.Ordinal);
        Assert.Contains("<ins>", html, StringComparison.Ordinal);
        Assert.Contains("Every year.", html, StringComparison.Ordinal);
        var overview = await client.GetStringAsync(U("/rounds/Lanzarote/3/translations?state=outdated"), Ct);
        Assert.Contains(path, overview, StringComparison.Ordinal);

        // Saving again makes it current, as version 2.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, path, "Le Comité demande à toutes les Parties, sans délai, de vérifier les antécédents. Chaque année.")).StatusCode);
        html = await client.GetStringAsync(U(path), Ct);
        Assert.Contains("status-current", html, StringComparison.Ordinal);
        Assert.Contains("Version 2", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_StaleVersionOrEmptyText_IsRefused()
    {
        await using var web = await WebApp.StartAsync();
        using var client = await web.SignedInAsync("secretariat@demo.test");
        var path = $"/translations/recommendation/{await RecommendationIdAsync(web, "III-2")}";
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, path, "Première version.")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(client, path, "Version concurrente.", version: 0)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SaveAsync(client, path, "   ")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(U("/translations/recommendation/999999"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(U("/translations/nonsense/1"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Editor_IsForTheSecretariatOnly()
    {
        await using var web = await WebApp.StartAsync();
        var path = $"/translations/recommendation/{await RecommendationIdAsync(web, "III-2")}";
        using var anonymous = web.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(U(path), Ct)).StatusCode);
        using var focal = await web.SignedInAsync("ruritania@demo.test");
        foreach (var page in new[] { path, "/rounds/Lanzarote/3/translations" })
        {
            var refused = await focal.GetAsync(U(page), Ct);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode); // to the access-denied page
            Assert.Contains("denied", refused.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task PublicPages_WithCultureFr_ShowTranslationOrEnglishWithNote()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.SignedInAsync("secretariat@demo.test");
        var blockId = await FreedoniaParagraphIdAsync(web);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/block/{blockId}", "Un paragraphe traduit pour le test.")).StatusCode);
        var recId = await RecommendationIdAsync(web, "III-2");
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/recommendation/{recId}", "Une recommandation traduite pour le test.")).StatusCode);

        using var reader = web.Client();
        var french = await reader.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Freedonia?culture=fr"), Ct);
        Assert.Contains("Un paragraphe traduit pour le test.", french, StringComparison.Ordinal);
        Assert.Contains("translation-note", french, StringComparison.Ordinal); // other paragraphs are still in English
        Assert.Contains("<span lang=\"en\">", french, StringComparison.Ordinal);
        Assert.Contains(".pdf?lang=fr", french, StringComparison.Ordinal);
        var english = await reader.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Freedonia"), Ct);
        Assert.DoesNotContain("Un paragraphe traduit", english, StringComparison.Ordinal);

        var recommendation = await reader.GetStringAsync(U("/rounds/Lanzarote/3/recommendations/III-2?culture=fr"), Ct);
        Assert.Contains("Une recommandation traduite pour le test.", recommendation, StringComparison.Ordinal);
        var round = await reader.GetStringAsync(U("/rounds/Lanzarote/3?culture=fr"), Ct);
        Assert.Contains("Une recommandation traduite pour le test.", round, StringComparison.Ordinal);
        var untranslated = await reader.GetStringAsync(U("/rounds/Lanzarote/3/recommendations/III-3?culture=fr"), Ct);
        Assert.Contains("Pas encore traduit en français", untranslated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutdatedTranslation_GivesWayToTheEnglish_OnPagesAndInDocuments()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.SignedInAsync("secretariat@demo.test");
        var blockId = await FreedoniaParagraphIdAsync(web);
        var recId = await RecommendationIdAsync(web, "III-2");
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/block/{blockId}", "Un paragraphe bientôt périmé.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/recommendation/{recId}", "Une recommandation bientôt périmée.")).StatusCode);
        using var searcher = web.Client();
        Assert.True(await SearchTotalAsync(searcher, "périmée") > 0);
        // The English changes after the translations were made: both are now outdated.
        await using (var db = web.Store.CreateContext())
        {
            var block = await db.FactsheetBlocks.SingleAsync(b => b.Id == blockId, Ct);
            block.Text += " A sentence added to the English.";
            var rec = await db.Recommendations.SingleAsync(r => r.Id == recId, Ct);
            rec.Text += " A sentence added to the English.";
            await db.SaveChangesAsync(Ct);
        }

        using var reader = web.Client();
        var factsheet = await reader.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Freedonia?culture=fr"), Ct);
        Assert.DoesNotContain("bientôt périmé", factsheet, StringComparison.Ordinal);
        Assert.Contains("A sentence added to the English.", factsheet, StringComparison.Ordinal);
        Assert.Contains("Le texte anglais d&#x27;une partie traduite a chang", factsheet, StringComparison.Ordinal);
        var recommendation = await reader.GetStringAsync(U("/rounds/Lanzarote/3/recommendations/III-2?culture=fr"), Ct);
        Assert.DoesNotContain("bientôt périmée", recommendation, StringComparison.Ordinal);
        Assert.Contains("Le texte anglais a chang", recommendation, StringComparison.Ordinal);
        Assert.DoesNotContain("bientôt périmée", await reader.GetStringAsync(U("/rounds/Lanzarote/3?culture=fr"), Ct), StringComparison.Ordinal);
        var document = System.Net.WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Freedonia.html?lang=fr"), Ct));
        Assert.DoesNotContain("bientôt périmé", document, StringComparison.Ordinal);
        Assert.Contains("A sentence added to the English.", document, StringComparison.Ordinal);
        var compliance = System.Net.WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3/compliance-report.html?lang=fr"), Ct));
        Assert.DoesNotContain("bientôt périmée", compliance, StringComparison.Ordinal);
        // Nor does search lead to them any more (the page would show the English).
        Assert.Equal(0, await SearchTotalAsync(searcher, "périmée"));
        Assert.Equal(0, await SearchTotalAsync(searcher, "périmé"));
    }

    private static async Task<int> SearchTotalAsync(HttpClient client, string q)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(U("/api/v1/search?q=" + Uri.EscapeDataString(q)), Ct));
        return json.RootElement.GetProperty("total").GetInt32();
    }
}
