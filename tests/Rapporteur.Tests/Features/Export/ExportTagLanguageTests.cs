using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Import.Text;
using Rapporteur.Features.Demo;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Export;

/// <summary>The <c>tag</c> and <c>language</c> filters and columns of every export, in every format, through the API, the
/// matrix's download links and <c>rapporteur export</c>. The demo has accepted tags on II-1…IV-1 (themes:screening on
/// II-1 and II-2) and French translations of II-1, II-2, II-3 and III-1.</summary>
public sealed class ExportTagLanguageTests
{
    private const string Round = "body=Lanzarote&round=3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static List<string[]> Csv(string text) =>
        text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task ExportApi_TagFilter_KeepsTaggedItemsInEveryDatasetAndFormat()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();

        var csv = Csv(await client.GetStringAsync(U($"/api/v1/export/recommendations.csv?{Round}&tag=themes:screening"), Ct));
        Assert.Equal(["language", "tags"], csv[0][^2..]);
        Assert.Equal(["II-1", "II-2"], csv.Skip(1).Select(r => r[2]).ToArray());

        var bare = await client.GetFromJsonAsync<JsonElement>(U($"/api/v1/export/recommendations.json?{Round}&tag=screening"), Ct);
        Assert.Equal(["II-1", "II-2"], bare.EnumerateArray().Select(r => r.GetProperty("recommendation").GetString()).ToArray());
        Assert.All(bare.EnumerateArray(), r => Assert.Contains("themes:screening", r.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));

        var matrix = Csv(await client.GetStringAsync(U($"/api/v1/export/matrix.csv?{Round}&tag=themes:screening"), Ct));
        Assert.NotEmpty(matrix.Skip(1));
        Assert.All(matrix.Skip(1), r => Assert.Contains(r[2], new[] { "II-1", "II-2" }));
        var roundMatrix = Csv(await client.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/matrix.csv?tag=themes:screening"), Ct));
        Assert.Equal(matrix.Count, roundMatrix.Count);

        var assessments = await client.GetFromJsonAsync<JsonElement>(U($"/api/v1/export/assessments.json?{Round}&tag=lanzarote-articles:35"), Ct);
        Assert.All(assessments.EnumerateArray(), a => Assert.Equal("III-2", a.GetProperty("recommendation").GetString()));
        Assert.Contains("lanzarote-articles:35", assessments.EnumerateArray().First().GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        using var xlsx = await client.GetAsync(U($"/api/v1/export/recommendations.xlsx?{Round}&tag=themes:screening"), Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var cells = XlsxCells(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("II-1", cells);
        Assert.Contains("tags", cells);
        Assert.DoesNotContain("III-1", cells);

        // A reply's tags: the Secretariat tags Ruritania's reply; the export of replies keeps its rows only.
        int ruritania;
        await using (var db = web.Store.CreateContext()) ruritania = (await db.Replies.SingleAsync(r => r.Party!.Name == "Ruritania", Ct)).Id;
        using var secretariat = await web.WithTokenAsync("secretariat@demo.test");
        Assert.Equal(HttpStatusCode.Created,
            (await secretariat.PostAsJsonAsync(U("/api/v1/tags"), new { kind = "reply", id = ruritania, vocabulary = "themes", code = "screening" }, Ct)).StatusCode);
        var replies = Csv(await client.GetStringAsync(U($"/api/v1/export/replies.csv?{Round}&tag=themes:screening"), Ct));
        Assert.NotEmpty(replies.Skip(1));
        Assert.All(replies.Skip(1), r => Assert.Equal("Ruritania", r[2]));
        Assert.Contains("themes:screening", replies[1][^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportApi_LanguageFilter_FrenchTranslationsStandInAndEnglishIsTheOriginal()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();

        var french = await client.GetFromJsonAsync<JsonElement>(U($"/api/v1/export/recommendations.json?{Round}&language=fr"), Ct);
        Assert.Equal(["II-1", "II-2", "II-3", "III-1"], french.EnumerateArray().Select(r => r.GetProperty("recommendation").GetString()).ToArray());
        Assert.All(french.EnumerateArray(), r => Assert.Equal("fr", r.GetProperty("language").GetString()));
        Assert.StartsWith("Le Comité exige", french[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        var english = Csv(await client.GetStringAsync(U($"/api/v1/export/recommendations.csv?{Round}&language=EN"), Ct));
        Assert.Equal(9, english.Count);
        Assert.All(english.Skip(1), r => Assert.Equal("en", r[^2]));
        var all = await client.GetFromJsonAsync<JsonElement>(U($"/api/v1/export/recommendations.json?{Round}"), Ct);
        Assert.All(all.EnumerateArray(), r => Assert.Equal("en", r.GetProperty("language").GetString()));

        // Both filters together, as a workbook.
        using var xlsx = await client.GetAsync(U($"/api/v1/export/recommendations.xlsx?{Round}&language=fr&tag=themes:screening"), Ct);
        var cells = XlsxCells(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("language", cells);
        Assert.Contains(cells, c => c.StartsWith("Le Comité demande à la Ruritanie", StringComparison.Ordinal));
        Assert.DoesNotContain("III-1", cells);

        // The demo's replies are in English: every reply row says so; none is French.
        var replies = await client.GetFromJsonAsync<JsonElement>(U($"/api/v1/export/replies.json?{Round}&language=en"), Ct);
        Assert.NotEqual(0, replies.GetArrayLength());
        Assert.All(replies.EnumerateArray(), r => Assert.Equal("en", r.GetProperty("language").GetString()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(U($"/api/v1/export/replies.json?{Round}&language=fr"), Ct)).GetArrayLength());
    }

    [Fact]
    public async Task ExportApi_BadTagOrLanguage_IsAProblemNamingIt()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();

        using var unknownTag = await client.GetAsync(U($"/api/v1/export/recommendations.csv?{Round}&tag=themes:no-such-theme"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownTag.StatusCode);
        Assert.Contains("themes:no-such-theme", await unknownTag.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var german = await client.GetAsync(U($"/api/v1/export/replies.json?{Round}&language=de"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, german.StatusCode);
        Assert.Contains("'de'", await german.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var assessments = await client.GetAsync(U($"/api/v1/export/assessments.csv?{Round}&language=fr"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, assessments.StatusCode);
    }

    [Fact]
    public async Task MatrixPage_TagFilter_DownloadLinksCarryIt()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();

        var page = await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix?Tag=themes:screening"), Ct);

        Assert.Contains("/api/v1/export/recommendations.csv?body=Lanzarote&amp;round=3&amp;tag=themes%3Ascreening", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCommand_TagAndLanguage_FilterTheFile()
    {
        var store = await TestData.NewStoreAsync();
        await DemoData.SeedAsync(store, TimeProvider.System, Ct);
        var folder = Directory.CreateTempSubdirectory("rapporteur-export-").FullName;
        var json = Path.Combine(folder, "fr.json");

        var (code, stdout, stderr) = RapporteurProcess.Run("export", "recommendations", "-o", json, "--data", store.Directory, "--tag", "themes:screening", "--language", "fr");

        Assert.True(code == 0, stderr);
        Assert.Contains("(2 rows)", stdout, StringComparison.Ordinal);
        var rows = JsonDocument.Parse(await File.ReadAllTextAsync(json, Ct)).RootElement;
        Assert.Equal(["II-1", "II-2"], rows.EnumerateArray().Select(r => r.GetProperty("recommendation").GetString()).ToArray());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("fr", r.GetProperty("language").GetString()));

        var csv = Path.Combine(folder, "matrix.csv");
        (code, _, stderr) = RapporteurProcess.Run("export", "matrix", "-o", csv, "--data", store.Directory, "--tag", "screening");
        Assert.True(code == 0, stderr);
        Assert.All(Csv(await File.ReadAllTextAsync(csv, Ct)).Skip(1), r => Assert.Contains(r[2], new[] { "II-1", "II-2" }));

        (code, _, stderr) = RapporteurProcess.Run("export", "replies", "-o", Path.Combine(folder, "x.csv"), "--data", store.Directory, "--tag", "themes:nothing");
        Assert.Equal(2, code);
        Assert.Contains("themes:nothing", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(folder, "x.csv")));
    }

    [Theory]
    [InlineData("The Committee requires all Parties to check the criminal record of coaches.", "en")]
    [InlineData("Le Comité exige que toutes les Parties vérifient le casier judiciaire des entraîneurs.", "fr")]
    [InlineData("Oui. Un bureau indépendant reçoit les signalements par téléphone et par courriel.", "fr")]
    [InlineData("Yes.", "en")]
    [InlineData("", "en")]
    public void TextLanguage_Sentence_IsTold(string text, string expected) => Assert.Equal(expected, TextLanguage.Guess(text));

    private static List<string> XlsxCells(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var book = SpreadsheetDocument.Open(stream, false);
        var shared = book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return book.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>()).Select(t => t.Text).Concat(shared).ToList();
    }
}
