using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>The pieces translated beside questions, recommendations and factsheet text: a question's items and its
/// "→ please specify" prompts, a factsheet's title, preamble and notes — in the editor (outdated when the English
/// changes), on the public pages and in the documents; and the compilation's and compliance report's own text in French.</summary>
public sealed class TranslationContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string path, string text)
    {
        var form = await WebApp.FormAsync(client, path);
        form["text"] = text;
        return await client.PostAsync(U(path), new FormUrlEncodedContent(form), Ct);
    }

    [Fact]
    public async Task ItemsPromptsTitlePreambleNotes_TranslatedInTheEditor_ShowInFrenchPagesAndDocuments()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.SignedInAsync("secretariat@demo.test");
        int itemId, promptsId, factsheetId, noteId;
        await using (var db = web.Store.CreateContext())
        {
            var round = await db.Rounds.SingleAsync(r => r.Number == 3, Ct);
            itemId = await db.Questions.Where(q => q.RoundId == round.Id && q.Number == "1.1").SelectMany(q => q.Items).Where(i => i.Letter == "b").Select(i => i.Id).SingleAsync(Ct);
            promptsId = await db.Questions.Where(q => q.RoundId == round.Id && q.Number == "1.2").Select(q => q.Id).SingleAsync(Ct);
            factsheetId = await db.Factsheets.Where(f => f.RoundId == round.Id && f.Party!.Name == "Ruritania").Select(f => f.Id).SingleAsync(Ct);
            noteId = await db.Footnotes.Where(n => n.FactsheetId == factsheetId && n.Number == 1).Select(n => n.Id).SingleAsync(Ct);
        }

        // Prompts are one a line, as many as the English has; a preamble's paragraphs are parted by a blank line.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SaveAsync(staff, $"/translations/prompts/{promptsId}", "→ Une ligne.\n→ Deux lignes.")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SaveAsync(staff, $"/translations/preamble/{factsheetId}", "Un seul paragraphe.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/item/{itemId}", "lorsqu'ils sont bénévoles ?")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/prompts/{promptsId}", "→ Veuillez préciser qui publie les lignes directrices.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/factsheet-title/{factsheetId}", "Fiche d'information – Ruritanie")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/preamble/{factsheetId}", "Cette fiche résume les constats du Comité.\n\nLes encadrés orange contiennent le suivi.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/footnote/{noteId}", "Paragraphes traduits 13 et 14.")).StatusCode);

        var overview = await staff.GetStringAsync(U("/rounds/Lanzarote/3/translations"), Ct);
        foreach (var link in new[] { $"/translations/item/{itemId}", $"/translations/prompts/{promptsId}", $"/translations/factsheet-title/{factsheetId}", $"/translations/preamble/{factsheetId}", $"/translations/footnote/{noteId}" })
            Assert.Contains(link, overview, StringComparison.Ordinal);

        using var reader = web.Client();
        var round3 = WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3?culture=fr"), Ct));
        Assert.Contains("<li lang=\"fr\">lorsqu'ils sont bénévoles ?</li>", round3, StringComparison.Ordinal);
        Assert.Contains("Veuillez préciser qui publie", round3, StringComparison.Ordinal);
        Assert.DoesNotContain("when they volunteer?", round3, StringComparison.Ordinal);
        Assert.Contains("when they are employed?", round3, StringComparison.Ordinal); // item a) has no French: English, marked so
        var english = await reader.GetStringAsync(U("/rounds/Lanzarote/3"), Ct);
        Assert.Contains("when they volunteer?", english, StringComparison.Ordinal);

        var factsheet = WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Ruritania?culture=fr"), Ct));
        Assert.Contains("<h1>Fiche d'information – Ruritanie</h1>", factsheet, StringComparison.Ordinal);
        Assert.Contains("Les encadrés orange contiennent le suivi.", factsheet, StringComparison.Ordinal);
        Assert.Contains("Paragraphes traduits 13 et 14.", factsheet, StringComparison.Ordinal);

        var document = WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Ruritania.html?lang=fr"), Ct));
        Assert.Contains("Les encadrés orange contiennent le suivi.", document, StringComparison.Ordinal);
        Assert.Contains("Paragraphes traduits 13 et 14.", document, StringComparison.Ordinal);
        var compilation = WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3/compilation.html?lang=fr"), Ct));
        Assert.Contains("lorsqu'ils sont bénévoles ?", compilation, StringComparison.Ordinal);
        Assert.Contains("Veuillez préciser qui publie", compilation, StringComparison.Ordinal);

        // The English changes: the item's translation is outdated, with the diff.
        await using (var db = web.Store.CreateContext())
        {
            var item = await db.Set<Rapporteur.Data.Entities.QuestionItem>().SingleAsync(i => i.Id == itemId, Ct);
            item.Text = "when they volunteer, even once?";
            await db.SaveChangesAsync(Ct);
        }
        var editor = await staff.GetStringAsync(U($"/translations/item/{itemId}"), Ct);
        Assert.Contains("status-outdated", editor, StringComparison.Ordinal);
        Assert.Contains("<ins>", editor, StringComparison.Ordinal);
        Assert.Contains($"/translations/item/{itemId}", await staff.GetStringAsync(U("/rounds/Lanzarote/3/translations?state=outdated"), Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compilation", new[] { "Compilation des réponses", "Réponses de :" }, new[] { "Compilation of replies", "Replies of:", "Monitoring round", "No answer." })]
    [InlineData("compliance-report", new[] { "Rapport de conformité", "Recommandation II-1", "recommandations ; le suivi" },
        new[] { "Compliance report", "Recommendation II-1", "Nothing reported", "follow-up reported", "no information", "Monitoring round", "Follow-up actions" })]
    public async Task Documents_InFrench_PrintNoEnglishFixedText(string document, string[] french, string[] english)
    {
        await using var web = await WebApp.StartAsync();
        using var reader = web.Client();
        foreach (var format in new[] { "html", "docx", "pdf" })
        {
            var response = await reader.GetAsync(U($"/rounds/Lanzarote/3/{document}.{format}?lang=fr"), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (format != "html") continue;
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
            foreach (var text in french) Assert.Contains(text, html, StringComparison.Ordinal);
            foreach (var text in english) Assert.DoesNotContain(text, html, StringComparison.Ordinal);
        }
        var inEnglish = await reader.GetStringAsync(U($"/rounds/Lanzarote/3/{document}.html?lang=en"), Ct);
        Assert.Contains(english[0], inEnglish, StringComparison.Ordinal);
    }
}
