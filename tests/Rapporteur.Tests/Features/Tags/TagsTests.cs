using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Tagging;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Tags;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Tags;

/// <summary>Vocabularies, the article parser, suggestions and their evaluation, tags in the pages and the API.</summary>
public sealed class TagsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    public static TheoryData<string, string> ArticleCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(TestData.Root, "tests", "Rapporteur.Tests", "Features", "Tags", "article-cases.txt")))
        {
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            var parts = line.Split("=>");
            data.Add(parts[0].Trim(), parts[1].Trim());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ArticleCases))]
    public void ArticleReferences_FixedSentence_FindsExactlyTheArticles(string sentence, string expected)
    {
        var found = ArticleReferences.Find(sentence).Select(r => r.Code).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList(), found);
    }

    [Fact]
    public void ArticleReferences_FixedSet_PrecisionIsOne()
    {
        int tp = 0, fp = 0;
        foreach (var row in ArticleCases())
        {
            var (sentence, expected) = row.Data;
            var gold = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            foreach (var code in ArticleReferences.Find(sentence).Select(r => r.Code))
                if (gold.Contains(code)) tp++; else fp++;
        }
        Assert.True(tp > 20);
        Assert.Equal(1.0, (double)tp / (tp + fp));
    }

    [Fact]
    public async Task Evaluate_TaggingSample_RunsAndTheArticleParserIsExact()
    {
        var store = await TestData.NewStoreAsync();
        var (code, output, error) = RapporteurProcess.Run("tags", "sample", "--data", store.Directory);
        Assert.True(code == 0, error);
        (code, output, error) = RapporteurProcess.Run("tags", "evaluate", "--data", store.Directory);
        Assert.True(code == 0, error);
        Assert.Contains("held-out", output, StringComparison.Ordinal);
        var parser = output.Split('\n').Single(l => l.StartsWith("article-parser", StringComparison.Ordinal));
        Assert.Contains(" 1.00 ", parser, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("learned", StringComparison.Ordinal) && l.Contains("themes", StringComparison.Ordinal));

        await using var db = store.CreateContext();
        var body = await db.Bodies.SingleAsync(Ct);
        var tagger = new Tagger(db, TimeProvider.System);
        var report = TagEvaluation.Run(await tagger.GoldAsync(body.Id, Ct), await tagger.TermsAsync(body.Id, Ct));
        Assert.Equal(72, report.Training + report.HeldOut);
        var articles = report.Scores.Single(s => s.Source == Suggester.ArticleSource);
        Assert.Equal(1.0, articles.Precision);
        Assert.True(articles.TruePositives > 0);
        Assert.True(report.Scores.Single(s => s.Source == Suggester.LearnedSource && s.Vocabulary == "themes").Recall > 0.3);
    }

    [Fact]
    public async Task VocabImport_BadRow_NamesTheLineAndWritesNothing()
    {
        var store = await TestData.NewStoreAsync();
        Assert.Equal(0, RapporteurProcess.Run("tags", "sample", "--data", store.Directory).Code);
        var file = Path.Combine(store.Directory, "bad.csv");
        await File.WriteAllTextAsync(file, "code,label,parent\nnew-1,A new theme,\nnew-2,,\n", Ct);
        var (code, _, error) = RapporteurProcess.Run("vocab", "import", file, "--vocabulary", "extra", "--data", store.Directory);
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:3:", error, StringComparison.Ordinal);
        Assert.Contains("no label", error, StringComparison.Ordinal);
        await using var db = store.CreateContext();
        Assert.False(await db.Vocabularies.AnyAsync(v => v.Key == "extra", Ct));
    }

    [Fact]
    public async Task VocabImport_ValidFile_AddsTermsWithParentsAndUpdatesLabels()
    {
        var store = await TestData.NewStoreAsync();
        Assert.Equal(0, RapporteurProcess.Run("tags", "sample", "--data", store.Directory).Code);
        var file = Path.Combine(store.Directory, "extra.csv");
        await File.WriteAllTextAsync(file, "code,label,parent\nonline,\"Online safety, all of it\",\nsextortion,Sexual extortion,online\n", Ct);
        var (code, output, error) = RapporteurProcess.Run("vocab", "import", file, "--vocabulary", "extra", "--name", "Extra themes", "--data", store.Directory);
        Assert.True(code == 0, error);
        Assert.Contains("2 terms added", output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, "code,label\nonline,Online safety\n", Ct);
        (code, output, _) = RapporteurProcess.Run("vocab", "import", file, "--vocabulary", "extra", "--data", store.Directory);
        Assert.Contains("0 terms added, 1 updated", output, StringComparison.Ordinal);
        await using var db = store.CreateContext();
        var terms = await db.Terms.Include(t => t.Parent).Where(t => t.Vocabulary!.Key == "extra").ToListAsync(Ct);
        Assert.Equal("online", terms.Single(t => t.Code == "sextortion").Parent!.Code);
        Assert.Equal("Online safety", terms.Single(t => t.Code == "online").Label);
        Assert.Equal("Extra themes", (await db.Vocabularies.SingleAsync(v => v.Key == "extra", Ct)).Name);
    }

    [Fact]
    public async Task VocabImport_FrenchLabels_StoredAsTranslations_OutdatedWhenTheEnglishChanges()
    {
        var store = await TestData.NewStoreAsync();
        Assert.Equal(0, RapporteurProcess.Run("tags", "sample", "--data", store.Directory).Code);
        var file = Path.Combine(store.Directory, "extra.csv");
        await File.WriteAllTextAsync(file, "code,label,label_fr,parent\nonline,Online safety,Sécurité en ligne,\nsextortion,Sexual extortion,,online\n", Ct);
        var (code, _, error) = RapporteurProcess.Run("vocab", "import", file, "--vocabulary", "extra", "--data", store.Directory);
        Assert.True(code == 0, error);
        await using (var db = store.CreateContext())
        {
            var online = await db.Terms.SingleAsync(t => t.Code == "online" && t.Vocabulary!.Key == "extra", Ct);
            Assert.Equal("online", (await db.Terms.Include(t => t.Parent).SingleAsync(t => t.Code == "sextortion", Ct)).Parent!.Code);
            var french = await db.Translations.SingleAsync(t => t.TargetKind == "term" && t.TargetId == online.Id, Ct);
            Assert.Equal(("fr", "Sécurité en ligne", "Online safety"), (french.Language, french.Text, french.SourceText));
            Assert.DoesNotContain(await Rapporteur.Features.Tags.TermLabels.AllAsync(db, "fr", Ct), l => l.Code == "sextortion" || l.Outdated);
        }

        // The English changes and the file says nothing in French: the French stays, outdated, and readers get the English.
        await File.WriteAllTextAsync(file, "code,label\nonline,Online safety and security\n", Ct);
        Assert.Equal(0, RapporteurProcess.Run("vocab", "import", file, "--vocabulary", "extra", "--data", store.Directory).Code);
        await using (var db = store.CreateContext())
        {
            var label = Assert.Single(await Rapporteur.Features.Tags.TermLabels.AllAsync(db, "fr", Ct), l => l.Vocabulary == "extra");
            Assert.True(label.Outdated);
            Assert.False((await Rapporteur.Features.Tags.TermLabels.ForReaderAsync(db, "fr", Ct)).ContainsKey(("extra", "online")));
        }

        await File.WriteAllTextAsync(file, "code,label,label_de\nonline,Online safety,Online-Sicherheit\n", Ct);
        (code, _, error) = RapporteurProcess.Run("vocab", "import", file, "--vocabulary", "extra", "--data", store.Directory);
        Assert.Equal(2, code);
        Assert.Contains("extra.csv:1: unknown column 'label_de'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsPanel_InFrench_ShowsTheTermsFrenchLabels()
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        var french = System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync(U("/rounds/Lanzarote/3/recommendations/II-3?culture=fr"), Ct));
        Assert.Contains("Article 5 – Recrutement, formation et sensibilisation", french, StringComparison.Ordinal);
        Assert.DoesNotContain("Article 5 – Recruitment", french, StringComparison.Ordinal);
        var english = System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync(U("/rounds/Lanzarote/3/recommendations/II-3"), Ct));
        Assert.Contains("Article 5 – Recruitment", english, StringComparison.Ordinal);
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        var vocabularies = System.Net.WebUtility.HtmlDecode(await secretariat.GetStringAsync(U("/vocabularies"), Ct));
        Assert.Contains("Cible 16.2", vocabularies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsPanel_StaffAddAcceptReject_AuditedAndOnlyAcceptedArePublic()
    {
        await using var web = await WebApp.StartAsync();
        int recommendation, suggestion;
        await using (var db = web.Store.CreateContext())
        {
            recommendation = (await db.Recommendations.SingleAsync(r => r.Code == "IV-2", Ct)).Id;
            suggestion = (await db.Taggings.FirstAsync(t => t.TargetKind == TagTarget.Recommendation && t.TargetId == recommendation && t.State == TagState.Suggested, Ct)).Id;
        }
        const string page = "/rounds/Lanzarote/3/recommendations/IV-2";

        // The public sees accepted tags only, and no forms.
        using var anonymous = web.Client();
        var publicHtml = await anonymous.GetStringAsync(U(page), Ct);
        Assert.DoesNotContain("Suggestions to confirm", publicHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Add", publicHtml, StringComparison.Ordinal);

        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        var html = await secretariat.GetStringAsync(U(page), Ct);
        Assert.Contains("Suggestions to confirm", html, StringComparison.Ordinal);
        Assert.Contains("typical of", html, StringComparison.Ordinal);
        var form = await WebApp.FormAsync(secretariat, page);
        var token = form["__RequestVerificationToken"];

        // Add by hand, then accept the suggestion; both return to the recommendation's page.
        var add = await secretariat.PostAsync(U($"/tags/recommendation/{recommendation}?handler=Add"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["term"] = "themes:ict", ["returnUrl"] = page,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.StartsWith(page, add.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var accept = await secretariat.PostAsync(U($"/tags/recommendation/{recommendation}?handler=Decide"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["tag"] = suggestion.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "accept", ["returnUrl"] = page,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);

        // Without the antiforgery token the form is refused.
        var forged = await secretariat.PostAsync(U($"/tags/recommendation/{recommendation}?handler=Add"), new FormUrlEncodedContent(new Dictionary<string, string> { ["term"] = "themes:training" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // A focal point may not tag.
        using var focal = await web.SignedInAsync("ruritania@demo.test");
        var refused = await focal.GetAsync(U($"/tags/recommendation/{recommendation}"), Ct);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        using var json = JsonDocument.Parse(await anonymous.GetStringAsync(U($"/api/v1/tags?kind=recommendation&id={recommendation}"), Ct));
        var states = json.RootElement.EnumerateArray().Select(t => t.GetProperty("state").GetString()).ToList();
        Assert.Equal(2, states.Count);
        Assert.All(states, s => Assert.Equal("accepted", s));
        Assert.Contains(json.RootElement.EnumerateArray(), t => t.GetProperty("code").GetString() == "ict" && t.GetProperty("userName").GetString() == "secretariat@demo.test");

        await using var check = web.Store.CreateContext();
        var actions = await check.AuditEntries.Where(a => a.Action.StartsWith("tag.")).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("tag.add", actions);
        Assert.Contains("tag.accept", actions);
    }

    [Fact]
    public async Task TagsApi_AddAcceptRejectSuggest_StaffOnly()
    {
        await using var web = await WebApp.StartAsync();
        int question;
        await using (var db = web.Store.CreateContext()) question = (await db.Questions.SingleAsync(q => q.Number == "2.1", Ct)).Id;

        using var anonymous = web.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(U("/api/v1/tags"), new { kind = "question", id = question, vocabulary = "themes", code = "reporting" }, Ct)).StatusCode);
        using var focal = await web.WithTokenAsync("ruritania@demo.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync(U("/api/v1/tags"), new { kind = "question", id = question, vocabulary = "themes", code = "reporting" }, Ct)).StatusCode);

        using var rapporteur = await web.WithTokenAsync("rapporteur@demo.test");
        var created = await rapporteur.PostAsJsonAsync(U("/api/v1/tags"), new { kind = "question", id = question, vocabulary = "themes", code = "reporting" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var again = await rapporteur.PostAsJsonAsync(U("/api/v1/tags"), new { kind = "question", id = question, vocabulary = "themes", code = "reporting" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var unknown = await rapporteur.PostAsJsonAsync(U("/api/v1/tags"), new { kind = "question", id = question, vocabulary = "themes", code = "no-such-theme" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("no-such-theme", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var tag = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        var rejected = await rapporteur.PostAsync(U($"/api/v1/tags/{tag}/reject"), null, Ct);
        Assert.Equal("rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await rapporteur.PostAsync(U("/api/v1/tags/999999/accept"), null, Ct)).StatusCode);

        var suggest = await rapporteur.PostAsJsonAsync(U("/api/v1/tags/suggest"), new { body = "Lanzarote", round = 3 }, Ct);
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
        await using var db2 = web.Store.CreateContext();
        // A rejected term is never proposed again.
        Assert.Equal(TagState.Rejected, (await db2.Taggings.SingleAsync(t => t.Id == tag, Ct)).State);

        var vocabularies = await anonymous.GetFromJsonAsync<JsonElement>(U("/api/v1/vocabularies"), Ct);
        Assert.Equal(["lanzarote-articles", "sdg", "themes"], vocabularies.EnumerateArray().Select(v => v.GetProperty("key").GetString()).ToArray());
    }

    [Fact]
    public async Task VocabulariesPage_Secretariat_SeesTermsWithCounts()
    {
        await using var web = await WebApp.StartAsync();
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        var html = await secretariat.GetStringAsync(U("/vocabularies"), Ct);
        Assert.Contains("Articles of the Lanzarote Convention", html, StringComparison.Ordinal);
        Assert.Contains("Target 16.2", html, StringComparison.Ordinal);
        using var anonymous = web.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(U("/vocabularies"), Ct)).StatusCode);
    }

    [Fact]
    public async Task AcceptedTags_FilterSearchMatrixAndExports_SuggestionsDoNot()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();

        // Demo: II-1 and II-2 carry the accepted tag themes:screening; IV-2 only has suggestions.
        var search = await client.GetFromJsonAsync<JsonElement>(U("/api/v1/search?type=recommendation&tag=themes:screening&language=en"), Ct);
        Assert.Equal(["II-1", "II-2"], search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToArray());
        var facet = search.GetProperty("facets").GetProperty("tag").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "themes:screening");
        Assert.Equal(2, facet.GetProperty("count").GetInt32());
        var bare = await client.GetFromJsonAsync<JsonElement>(U("/api/v1/search?type=recommendation&tag=screening&language=en"), Ct);
        Assert.Equal(2, bare.GetProperty("total").GetInt32());
        int suggestedTerm;
        await using (var db = web.Store.CreateContext())
            suggestedTerm = (await db.Taggings.Include(t => t.Term).FirstAsync(t => t.State == TagState.Suggested, Ct)).TermId;
        await using (var db = web.Store.CreateContext())
        {
            var term = await db.Terms.Include(t => t.Vocabulary).SingleAsync(t => t.Id == suggestedTerm, Ct);
            var onlySuggested = await db.Taggings.Where(t => t.TermId == suggestedTerm).AllAsync(t => t.State != TagState.Accepted, Ct);
            if (onlySuggested)
            {
                var none = await client.GetFromJsonAsync<JsonElement>(U($"/api/v1/search?tag={term.Vocabulary!.Key}:{Uri.EscapeDataString(term.Code)}"), Ct);
                Assert.Equal(0, none.GetProperty("total").GetInt32());
            }
        }
        var page = await client.GetStringAsync(U("/search?type=recommendation&tag=themes:screening"), Ct);
        Assert.Contains("Tag", page, StringComparison.Ordinal);

        var matrix = await client.GetFromJsonAsync<JsonElement>(U("/api/v1/rounds/Lanzarote/3/matrix?tag=themes:screening"), Ct);
        Assert.Equal(["II-1", "II-2"], matrix.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray());
        var matrixPage = await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix?Tag=themes:screening"), Ct);
        Assert.Contains("<option value=\"themes:screening\" selected=\"selected\">", matrixPage, StringComparison.Ordinal);

        var csv = await client.GetStringAsync(U("/api/v1/export/recommendations.csv?body=Lanzarote&round=3"), Ct);
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",tags", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Lanzarote,3,II-1,", StringComparison.Ordinal) && l.Contains("lanzarote-articles:5(3); sdg:16.2; themes:screening", StringComparison.Ordinal));
        var json = await client.GetFromJsonAsync<JsonElement>(U("/api/v1/export/recommendations.json?body=Lanzarote&round=3"), Ct);
        var iv2 = json.EnumerateArray().Single(r => r.GetProperty("recommendation").GetString() == "IV-2");
        Assert.Equal(0, iv2.GetProperty("tags").GetArrayLength());
        var ii1 = json.EnumerateArray().Single(r => r.GetProperty("recommendation").GetString() == "II-1");
        Assert.Contains("themes:screening", ii1.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var xlsx = await client.GetAsync(U("/api/v1/export/matrix.xlsx?body=Lanzarote&round=3"), Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }
}
