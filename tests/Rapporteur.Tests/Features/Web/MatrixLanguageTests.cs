using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Compliance;
using Rapporteur.Features.Translations;
using Rapporteur.Tests.Support;
using Recommendation = Rapporteur.Data.Entities.Recommendation;

namespace Rapporteur.Tests.Features.Web;

/// <summary>Language as a filter of the compliance matrix: the recommendations' text in that language (an up-to-date
/// translation, else the source, said so), <c>translated=only</c> keeping those available in it, on the page (the
/// reader's language by default), in the API and in the exports, with paging and tags. The demo round 3 has up-to-date
/// French translations of II-1, II-2 and III-1, and an outdated one of II-3.</summary>
public sealed class MatrixLanguageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private const string II1French = "Le Comité exige que toutes les Parties veillent à ce que le casier judiciaire";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    private static async Task<int> RecommendationCountAsync(WebApp web)
    {
        await using var db = web.Store.CreateContext();
        return await db.Recommendations.CountAsync(r => r.Round!.Number == 3, Ct);
    }

    [Fact]
    public async Task MatrixPage_InFrench_ShowsFrenchTextsAndMarksTheRest_TranslatedOnlyHidesThemAndLinksCarryIt()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var all = await RecommendationCountAsync(web);

        // The reader's language is the default: French texts where translated, the others marked.
        var french = WebUtility.HtmlDecode(await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix?culture=fr"), Ct));
        Assert.Contains("title=\"" + II1French, french, StringComparison.Ordinal);
        Assert.Contains(">dépassée</span>", french, StringComparison.Ordinal); // II-3
        Assert.Contains(">pas encore traduit</span>", french, StringComparison.Ordinal);
        Assert.Contains("/api/v1/export/matrix.csv?body=Lanzarote&round=3&language=fr\"", french, StringComparison.Ordinal);
        Assert.Contains("<option value=\"fr\" lang=\"fr\" selected=\"selected\">Français</option>", french, StringComparison.Ordinal);

        // Only what is available in French: three rows, and how many were hidden.
        var only = WebUtility.HtmlDecode(await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix?Language=fr&Translated=only"), Ct));
        foreach (var code in new[] { "II-1", "II-2", "III-1" }) Assert.Contains($">{code}</a>", only, StringComparison.Ordinal);
        Assert.DoesNotContain(">II-3</a>", only, StringComparison.Ordinal);
        Assert.Contains($"{all - 3} recommendations are hidden", only, StringComparison.Ordinal);
        Assert.Contains("name=\"Translated\" value=\"only\" checked=\"checked\"", only, StringComparison.Ordinal);
        Assert.Contains("/api/v1/export/matrix.xlsx?body=Lanzarote&round=3&language=fr&translated=only\"", only, StringComparison.Ordinal);
        Assert.Contains("/api/v1/export/recommendations.csv?body=Lanzarote&round=3&language=fr\"", only, StringComparison.Ordinal);
        Assert.Contains("/api/v1/export/assessments.csv?body=Lanzarote&round=3\"", only, StringComparison.Ordinal);

        // Combined with a tag filter (themes:screening is on II-1 and II-2).
        var tagged = WebUtility.HtmlDecode(await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix?Language=fr&Translated=only&Tag=themes:screening"), Ct));
        Assert.Contains(">II-1</a>", tagged, StringComparison.Ordinal);
        Assert.DoesNotContain(">III-1</a>", tagged, StringComparison.Ordinal);
        Assert.Contains("0 recommendations are hidden", tagged, StringComparison.Ordinal);

        // In English: the English texts, nothing marked, the links as they always were.
        var english = WebUtility.HtmlDecode(await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix"), Ct));
        Assert.DoesNotContain(II1French, english, StringComparison.Ordinal);
        Assert.DoesNotContain("not translated yet</span>", english, StringComparison.Ordinal);
        Assert.Contains("/api/v1/export/matrix.csv?body=Lanzarote&round=3\"", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatrixApiAndExports_LanguageFr_TextInFrenchWithTranslationColumn_BadLanguageIsAProblem()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var all = await RecommendationCountAsync(web);

        var matrix = await JsonAsync(await client.GetAsync(U("/api/v1/rounds/Lanzarote/3/matrix?language=fr"), Ct));
        var rows = matrix.GetProperty("recommendations").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(all, rows.Count);
        Assert.StartsWith(II1French, rows["II-1"].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(("fr", "current"), (rows["II-1"].GetProperty("language").GetString(), rows["II-1"].GetProperty("translation").GetString()));
        Assert.Equal(("en", "outdated"), (rows["II-3"].GetProperty("language").GetString(), rows["II-3"].GetProperty("translation").GetString()));
        Assert.StartsWith("The Committee", rows["II-3"].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, matrix.GetProperty("hiddenUntranslated").GetInt32());

        var only = await JsonAsync(await client.GetAsync(U("/api/v1/rounds/Lanzarote/3/matrix?language=fr&translated=only"), Ct));
        Assert.Equal(["II-1", "II-2", "III-1"], only.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray());
        Assert.Equal(all - 3, only.GetProperty("hiddenUntranslated").GetInt32());
        var untouched = await JsonAsync(await client.GetAsync(U("/api/v1/rounds/Lanzarote/3/matrix"), Ct));
        Assert.All(untouched.GetProperty("recommendations").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("translation").ValueKind));

        // The exports: every cell with the text in French and where it comes from; translated=only keeps three recommendations' cells.
        var cells = await JsonAsync(await client.GetAsync(U("/api/v1/export/matrix.json?body=Lanzarote&round=3&language=fr&translated=only"), Ct));
        Assert.Equal(["II-1", "II-2", "III-1"], cells.EnumerateArray().Select(c => c.GetProperty("recommendation").GetString()).Distinct().ToArray());
        Assert.All(cells.EnumerateArray(), c => Assert.Equal(("fr", "current"), (c.GetProperty("language").GetString(), c.GetProperty("translation").GetString())));
        var csv = (await client.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/matrix.csv?language=fr"), Ct)).TrimStart('\uFEFF');
        Assert.EndsWith(",tags,text,language,translation", csv[..csv.IndexOf('\r', StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains(II1French, csv, StringComparison.Ordinal);
        Assert.Contains(",en,outdated", csv, StringComparison.Ordinal);
        var englishCsv = await client.GetStringAsync(U("/api/v1/export/matrix.csv?body=Lanzarote&round=3"), Ct);
        Assert.DoesNotContain(II1French, englishCsv, StringComparison.Ordinal);
        Assert.Contains(",en,source", englishCsv, StringComparison.Ordinal);
        using var xlsx = await client.GetAsync(U("/api/v1/rounds/Lanzarote/3/matrix.xlsx?language=fr&translated=only"), Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        // A language the matrix is not shown in, or a translated filter it cannot apply: a problem that says why.
        foreach (var (url, says) in new[]
                 {
                     ("/api/v1/rounds/Lanzarote/3/matrix?language=de", "en or fr"),
                     ("/api/v1/rounds/Lanzarote/3/matrix.csv?language=de", "en or fr"),
                     ("/api/v1/export/matrix.xlsx?round=3&language=de", "en or fr"),
                     ("/api/v1/rounds/Lanzarote/3/matrix?translated=only", "needs a language"),
                     ("/api/v1/export/matrix.csv?round=3&translated=only", "needs a language"),
                     ("/api/v1/rounds/Lanzarote/3/matrix.csv?language=fr&translated=yes", "'yes'"),
                     ("/api/v1/export/recommendations.csv?round=3&language=fr&translated=only", "applies to the matrix"),
                 })
        {
            using var response = await client.GetAsync(U(url), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MatrixPage_TranslatedOnlyOnALargeMatrix_StillOneChapterAtATime_LinksKeepTheFilter()
    {
        await using var web = await WebApp.StartAsync();
        int perChapter;
        await using (var db = web.Store.CreateContext())
        {
            var body = await db.Bodies.SingleAsync(Ct);
            var parties = await db.Parties.CountAsync(Ct);
            // Chapters II and III, translated, pass the paging size together; IV is not translated.
            perChapter = MatrixModel.ChapterPagingAboveCells / parties / 2 + 1;
            var round = new Round
            {
                BodyId = body.Id, Number = 4, Theme = "Large", TitleEn = "A large round", Opens = new DateOnly(2027, 1, 1),
                ReplyDeadline = new DateOnly(2027, 6, 30), Status = RoundStatus.Closed,
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync(Ct);
            var recommendations = new[] { "II", "III", "IV" }.SelectMany(chapter => Enumerable.Range(1, perChapter).Select(i => new Recommendation
            {
                RoundId = round.Id, Code = string.Create(CultureInfo.InvariantCulture, $"{chapter}-{i}"), Chapter = chapter, Strength = "request",
                Addressee = AddresseeKind.All, Text = "The Committee asks the Parties to act.",
            })).ToList();
            db.Recommendations.AddRange(recommendations);
            await db.SaveChangesAsync(Ct);
            db.Translations.AddRange(recommendations.Where(r => r.Chapter != "IV").Select(r => new Translation
            {
                TargetKind = TranslationTargets.Recommendation, TargetId = r.Id, Language = "fr", Text = "Le Comité demande aux Parties d'agir.",
                SourceText = r.Text, SourceHash = TranslationStore.Hash(r.Text), TranslatorName = "test", Version = 1,
            }));
            await db.SaveChangesAsync(Ct);
        }
        using var client = web.Client();

        var first = WebUtility.HtmlDecode(await client.GetStringAsync(U("/rounds/Lanzarote/4/matrix?Language=fr&Translated=only"), Ct));
        Assert.Contains($"Chapter II: {perChapter} of {2 * perChapter} recommendations", first, StringComparison.Ordinal);
        Assert.Contains($"{perChapter} recommendations are hidden", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/rounds/Lanzarote/4/matrix?Language=fr&Translated=only&Chapter=III\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Chapter=IV", first, StringComparison.Ordinal);
        Assert.Contains("title=\"Le Comité demande aux Parties d'agir.\"", first, StringComparison.Ordinal);
        var third = WebUtility.HtmlDecode(await client.GetStringAsync(U("/rounds/Lanzarote/4/matrix?Language=fr&Translated=only&Chapter=III"), Ct));
        Assert.Contains(">III-1</a>", third, StringComparison.Ordinal);
        Assert.Contains("/api/v1/export/matrix.csv?body=Lanzarote&round=4&chapter=III&language=fr&translated=only\"", third, StringComparison.Ordinal);
    }
}
