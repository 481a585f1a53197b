using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data.Entities;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>An implementation report's title, chapter titles, paragraphs and notes as translatable pieces: listed per
/// round, edited side by side, outdated (with the diff) when the English changes, over the API, in the search index
/// with language fr exactly where the report is visible, and used by the French report page and documents — the
/// English standing in where there is no up-to-date translation.</summary>
public sealed class ReportTranslationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private sealed record Planted(int Report, int Chapter, int Paragraph1, int Paragraph2, int Note);

    /// <summary>A published report of round 3 (the demo data has none), written for the test.</summary>
    private static async Task<Planted> PlantReportAsync(WebApp web, PublicationStatus status = PublicationStatus.Published)
    {
        await using var db = web.Store.CreateContext();
        var round = await db.Rounds.SingleAsync(r => r.Number == 3, Ct);
        var report = new Report
        {
            RoundId = round.Id, Title = "Implementation report on the third round", Status = status,
            Chapters =
            [
                new ReportChapter
                {
                    Order = 0, Number = "I", Title = "Screening of volunteers",
                    Paragraphs =
                    [
                        new ReportParagraph { Number = 1, Text = "The Committee looked at how volunteers are zqxscreened before they work with children." },
                        new ReportParagraph { Number = 2, Text = "Most Parties check criminal records once." },
                    ],
                },
            ],
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync(Ct);
        var note = new Footnote { ReportId = report.Id, Number = 1, Text = "See the replies to question 1.1." };
        db.Footnotes.Add(note);
        await db.SaveChangesAsync(Ct);
        var chapter = report.Chapters[0];
        return new(report.Id, chapter.Id, chapter.Paragraphs[0].Id, chapter.Paragraphs[1].Id, note.Id);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string path, string text)
    {
        var form = await WebApp.FormAsync(client, path);
        form["text"] = text;
        return await client.PostAsync(U(path), new FormUrlEncodedContent(form), Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task ReportPieces_TranslatedInTheEditor_ShowInTheFrenchPageAndDocuments_OutdatedFallsBackToEnglish()
    {
        await using var web = await WebApp.StartAsync();
        var ids = await PlantReportAsync(web);
        using var staff = await web.SignedInAsync("secretariat@demo.test");

        // Listed with the round's other pieces, under the report.
        var overview = await staff.GetStringAsync(U("/rounds/Lanzarote/3/translations"), Ct);
        foreach (var link in new[] { $"/translations/report-title/{ids.Report}", $"/translations/report-chapter/{ids.Chapter}", $"/translations/report-paragraph/{ids.Paragraph1}", $"/translations/footnote/{ids.Note}" })
            Assert.Contains(link, overview, StringComparison.Ordinal);
        Assert.Contains("Implementation report on the third round", overview, StringComparison.Ordinal);

        // The side-by-side editor.
        var editor = await staff.GetStringAsync(U($"/translations/report-paragraph/{ids.Paragraph1}"), Ct);
        Assert.Contains("Paragraph 1 of the report", WebUtility.HtmlDecode(editor), StringComparison.Ordinal);
        Assert.Contains("status-missing", editor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/report-title/{ids.Report}", "Rapport de mise en œuvre du troisième cycle")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/report-chapter/{ids.Chapter}", "Vérification des bénévoles")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/report-paragraph/{ids.Paragraph1}", "Le Comité a examiné comment les bénévoles sont zqxverifies avant de travailler avec des enfants.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/translations/footnote/{ids.Note}", "Voir les réponses à la question 1.1.")).StatusCode);

        using var reader = web.Client();
        var page = WebUtility.HtmlDecode(await reader.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}?culture=fr"), Ct));
        Assert.Contains("<h1>Rapport de mise en œuvre du troisième cycle</h1>", page, StringComparison.Ordinal);
        Assert.Contains("I. Vérification des bénévoles", page, StringComparison.Ordinal);
        Assert.Contains("sont zqxverifies avant", page, StringComparison.Ordinal);
        Assert.Contains("Voir les réponses à la question 1.1.", page, StringComparison.Ordinal);
        Assert.Contains("<span lang=\"en\">Most Parties check criminal records once.</span>", page, StringComparison.Ordinal); // not translated: English, marked so
        Assert.Contains($"reports/{ids.Report}.docx?lang=fr", page, StringComparison.Ordinal);
        Assert.DoesNotContain("sont zqxverifies", await reader.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}"), Ct), StringComparison.Ordinal);

        var html = WebUtility.HtmlDecode(await reader.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}.html?lang=fr"), Ct));
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("1. Le Comité a examiné comment les bénévoles sont zqxverifies", html, StringComparison.Ordinal);
        Assert.Contains("1. Voir les réponses à la question 1.1.", html, StringComparison.Ordinal);
        Assert.Contains("Cycle de suivi 3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Monitoring round", html, StringComparison.Ordinal);
        var docx = await DocxTextAsync(await reader.GetAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}.docx?lang=fr"), Ct));
        Assert.Contains("Le Comité a examiné comment les bénévoles sont zqxverifies", docx, StringComparison.Ordinal);
        Assert.Contains("Voir les réponses à la question 1.1.", docx, StringComparison.Ordinal);
        var pdf = await reader.GetAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}.pdf?lang=fr"), Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var english = await reader.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}.html"), Ct);
        Assert.Contains("volunteers are zqxscreened", english, StringComparison.Ordinal);

        // The English paragraph changes: its translation is outdated (with the diff in the editor) and the English
        // stands in for it on the page and in the documents.
        await using (var db = web.Store.CreateContext())
        {
            var paragraph = await db.Set<ReportParagraph>().SingleAsync(p => p.Id == ids.Paragraph1, Ct);
            paragraph.Text = "The Committee looked at how volunteers and staff are zqxscreened before they work with children.";
            await db.SaveChangesAsync(Ct);
        }
        editor = await staff.GetStringAsync(U($"/translations/report-paragraph/{ids.Paragraph1}"), Ct);
        Assert.Contains("status-outdated", editor, StringComparison.Ordinal);
        Assert.Contains("<ins>", editor, StringComparison.Ordinal);
        Assert.Contains($"/translations/report-paragraph/{ids.Paragraph1}", await staff.GetStringAsync(U("/rounds/Lanzarote/3/translations?state=outdated"), Ct), StringComparison.Ordinal);
        page = WebUtility.HtmlDecode(await reader.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}?culture=fr"), Ct));
        Assert.DoesNotContain("sont zqxverifies", page, StringComparison.Ordinal);
        Assert.Contains("volunteers and staff are zqxscreened", page, StringComparison.Ordinal);
        html = WebUtility.HtmlDecode(await reader.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}.html?lang=fr"), Ct));
        Assert.DoesNotContain("sont zqxverifies", html, StringComparison.Ordinal);
        Assert.Contains("Vérification des bénévoles", html, StringComparison.Ordinal);

        // rapporteur render report publishes the same from the data folder.
        var output = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-report-").FullName, "report.html");
        var (code, _, stderr) = RapporteurProcess.Run("render", "report", "--round", "3", "--lang", "fr", "-f", "html", "-o", output, "--data", web.Store.Directory);
        Assert.True(code == 0, stderr);
        var rendered = WebUtility.HtmlDecode(await File.ReadAllTextAsync(output, Ct));
        Assert.Contains("Vérification des bénévoles", rendered, StringComparison.Ordinal);
        Assert.Contains("Voir les réponses à la question 1.1.", rendered, StringComparison.Ordinal);
        (code, _, stderr) = RapporteurProcess.Run("render", "report", "--round", "3", "--party", "Ruritania", "-o", output, "--data", web.Store.Directory);
        Assert.Equal(2, code);
        Assert.Contains("no report about Ruritania (stored: Implementation report on the third round)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPieces_OverTheApi_AndInSearchWithLanguageFr_OnlyWhereTheReportIsVisible()
    {
        await using var web = await WebApp.StartAsync();
        var ids = await PlantReportAsync(web);
        using var api = await web.WithTokenAsync("secretariat@demo.test");

        var list = await JsonAsync(await api.GetAsync(U("/api/v1/translations?body=Lanzarote&round=3&kind=report-paragraph"), Ct));
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var path = $"/api/v1/translations/report-paragraph/{ids.Paragraph1}";
        var get = await api.GetAsync(U(path), Ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"0\"", get.Headers.ETag?.ToString());
        foreach (var (kind, id, text) in new[] { ("report-paragraph", ids.Paragraph1, "Le Comité a examiné les bénévoles zqxcontroles."), ("footnote", ids.Note, "Voir la note zqxrenvoi.") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, U($"/api/v1/translations/{kind}/{id}")) { Content = JsonContent.Create(new { text }) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var saved = await api.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal("current", (await JsonAsync(saved)).GetProperty("state").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(U("/api/v1/translations/report-paragraph/999999"), Ct)).StatusCode);

        using var anonymous = web.Client();
        var found = await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxcontroles&language=fr"), Ct));
        var hit = Assert.Single(found.GetProperty("results").EnumerateArray());
        Assert.Equal(("paragraph", "fr"), (hit.GetProperty("type").GetString(), hit.GetProperty("language").GetString()));
        Assert.Contains($"/reports/{ids.Report}?culture=fr#para-1", hit.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxrenvoi"), Ct))).GetProperty("total").GetInt32());

        // The report goes back to draft: its translations go with it, out of the public's sight, not the staff's.
        await using (var db = web.Store.CreateContext())
        {
            var report = await db.Reports.SingleAsync(r => r.Id == ids.Report, Ct);
            report.Status = PublicationStatus.Draft;
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(0, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxcontroles"), Ct))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await JsonAsync(await api.GetAsync(U("/api/v1/search?q=zqxcontroles"), Ct))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U($"/rounds/Lanzarote/3/reports/{ids.Report}.html?lang=fr"), Ct)).StatusCode);

        // A rebuild gives the same.
        await using (var db = web.Store.CreateContext())
            await Rapporteur.Data.Search.SearchIndexer.RebuildAsync(db, Ct);
        Assert.Equal(0, (await JsonAsync(await anonymous.GetAsync(U("/api/v1/search?q=zqxcontroles"), Ct))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await JsonAsync(await api.GetAsync(U("/api/v1/search?q=zqxrenvoi&language=fr"), Ct))).GetProperty("total").GetInt32());
    }

    private static async Task<string> DocxTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return WebUtility.HtmlDecode(await reader.ReadToEndAsync(Ct));
    }
}
