using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Export;

/// <summary>The demo data with a draft answer of Sylvania's that only its focal point and the staff may read.</summary>
public sealed class ExportWebApp : SharedWebApp
{
    protected override Task SetUpAsync(WebApp web) => ExportApiTests.SaveSylvaniaDraftAsync(web);
}

/// <summary><c>GET /api/v1/export/{dataset}.{format}</c> on the demo data: who sees what, the formats, the filters, the
/// audit. The tests that only read share one app; those that change data start their own.</summary>
public sealed class ExportApiTests(ExportWebApp shared) : IClassFixture<ExportWebApp>
{
    private WebApp Shared => shared.Web;

    private const string DraftMarker = "DRAFT-ONLY-TEXT-5521";
    private const string Round = "?body=Lanzarote&round=3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    /// <summary>Sylvania's focal point saves a draft answer no one else may read.</summary>
    internal static async Task SaveSylvaniaDraftAsync(WebApp web)
    {
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        const string path = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";
        var own = await sylvania.GetAsync(U(path), Ct);
        var version = int.Parse(own.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var answers = new[] { new { question = "1.1", text = DraftMarker, items = new Dictionary<string, string> { ["b"] = DraftMarker + " (volunteers)" } } };
        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U(path), new { answers, version }, Ct)).StatusCode);
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage response, string format)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (format != "xlsx") return await response.Content.ReadAsStringAsync(Ct);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
        return string.Join('\n', book.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>()).Select(t => t.Text));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("json")]
    public async Task ExportReplies_Anonymous_LeavesOutDraftAnswers(string format)
    {
        var web = Shared;
        using var anonymous = web.Client();

        var text = await TextOfAsync(await anonymous.GetAsync(U($"/api/v1/export/replies.{format}{Round}"), Ct), format);

        Assert.DoesNotContain(DraftMarker, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sylvania", text, StringComparison.Ordinal);
        Assert.Contains("Ruritania", text, StringComparison.Ordinal); // submitted: public
    }

    [Fact]
    public async Task ExportReplies_ByWhoAsks_DraftsOnlyForStaffAndTheirOwnParty()
    {
        var web = Shared;
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        using var staff = await web.WithTokenAsync("rapporteur@demo.test");
        using var ngo = await web.WithTokenAsync("ngo@demo.test");
        var path = U($"/api/v1/export/replies.csv{Round}");

        Assert.Contains(DraftMarker, await sylvania.GetStringAsync(path, Ct), StringComparison.Ordinal);
        Assert.Contains(DraftMarker, await staff.GetStringAsync(path, Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(DraftMarker, await ruritania.GetStringAsync(path, Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(DraftMarker, await ngo.GetStringAsync(path, Ct), StringComparison.Ordinal);
        // Elbonia's draft is Elbonia's: Sylvania's focal point does not see it.
        Assert.DoesNotContain("Elbonia", await sylvania.GetStringAsync(path, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportReplies_Json_HasOneRowPerAnswerAndItem()
    {
        var web = Shared;
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");

        using var json = JsonDocument.Parse(await sylvania.GetStringAsync(U("/api/v1/export/replies.json?round=3&party=Sylvania&status=draft"), Ct));

        var rows = json.RootElement.EnumerateArray().ToList();
        var question = rows.Where(r => r.GetProperty("question").GetString() == "1.1").ToList();
        Assert.Equal([null, "b"], question.Select(r => r.GetProperty("item").GetString()));
        Assert.Equal(DraftMarker + " (volunteers)", question[1].GetProperty("text").GetString());
        Assert.All(rows, r => Assert.Equal("draft", r.GetProperty("replyStatus").GetString()));
        Assert.Equal(3, rows[0].GetProperty("round").GetInt32());
        Assert.Equal("Prevention", rows[0].GetProperty("section").GetString());
    }

    [Fact]
    public async Task ExportAssessments_WithHistory_MarksTheCurrentVersion()
    {
        var web = Shared;
        using var anonymous = web.Client();

        using var json = JsonDocument.Parse(await anonymous.GetStringAsync(U("/api/v1/export/assessments.json?round=3&party=Ruritania&chapter=II"), Ct));

        var rows = json.RootElement.EnumerateArray().Select(r => (
            Code: r.GetProperty("recommendation").GetString(), Version: r.GetProperty("version").GetInt32(), Current: r.GetProperty("current").GetBoolean(),
            Status: r.GetProperty("status").GetString(), On: r.GetProperty("assessedOn").GetString(), By: r.GetProperty("recordedBy").ValueKind)).ToList();
        Assert.Equal([("II-1", 1, false, "partially-implemented", "2026-09-14"), ("II-1", 2, true, "implemented", "2026-11-09"), ("II-2", 1, true, "partially-implemented", "2026-11-09")],
            rows.Select(r => (r.Code, r.Version, r.Current, r.Status, r.On)));
        // Who recorded an assessment is for staff only.
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.By));
    }

    [Fact]
    public async Task ExportMatrix_StatusFilter_KeepsTheCellsThatHaveIt()
    {
        var web = Shared;
        using var anonymous = web.Client();

        var lines = (await anonymous.GetStringAsync(U($"/api/v1/export/matrix.csv{Round}&status=implemented"), Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("body,round,recommendation,strength,addressee,chapter,party,status,assessment,evidence,tags,text,language,translation", lines[0]);
        // Then the recommendation's text, its language and where it comes from (no language asked: the source).
        Assert.Collection(lines[1..],
            l => Assert.StartsWith("Lanzarote,3,II-1,require,all,II,Ruritania,implemented,implemented,followUp,lanzarote-articles:5(3); sdg:16.2; themes:screening,", l, StringComparison.Ordinal),
            l => Assert.StartsWith("Lanzarote,3,III-2,request,party,III,Freedonia,implemented,implemented,,lanzarote-articles:35; themes:child-friendly-justice; themes:victim-assistance,", l, StringComparison.Ordinal));
        Assert.All(lines[1..], l => Assert.EndsWith(",en,source", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportRecommendations_PartyAndStrength_FilterAsTheMatrixDoes()
    {
        var web = Shared;
        using var anonymous = web.Client();

        using var json = JsonDocument.Parse(await anonymous.GetStringAsync(U($"/api/v1/export/recommendations.json{Round}&party=Grand%20Fenwick&strength=invite"), Ct));

        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["II-3", "III-3", "IV-2"], rows.Select(r => r.GetProperty("recommendation").GetString()));
        Assert.Equal([48], rows[0].GetProperty("paragraphs").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public async Task Export_Xlsx_IsAValidWorkbookWithOneRowPerRecord()
    {
        var web = Shared;
        using var anonymous = web.Client();
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync(U($"/api/v1/export/replies.json{Round}"), Ct));

        var xlsx = await anonymous.GetAsync(U($"/api/v1/export/replies.xlsx{Round}"), Ct);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("lanzarote-round-3-replies.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(book, Ct));
        var rows = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count();
        Assert.Equal(json.RootElement.GetArrayLength() + 1, rows);
    }

    [Fact]
    public async Task ExportRecommendations_MoreRowsThanAnyPage_AreAllThere()
    {
        const int extra = 2500;
        await using var web = await WebApp.StartAsync();
        await using (var db = web.Store.CreateContext())
        {
            var round = await db.Rounds.SingleAsync(Ct);
            db.Recommendations.AddRange(Enumerable.Range(1, extra).Select(i => new Rapporteur.Data.Entities.Recommendation
            {
                RoundId = round.Id, Code = $"IX-{i}", Strength = "invite", Addressee = Rapporteur.Core.Model.AddresseeKind.All, Chapter = "IX", Text = $"Recommendation number {i}.",
            }));
            await db.SaveChangesAsync(Ct);
        }
        using var anonymous = web.Client();

        using var json = JsonDocument.Parse(await anonymous.GetStringAsync(U("/api/v1/export/recommendations.json?round=3"), Ct));
        var csv = await anonymous.GetStringAsync(U("/api/v1/export/recommendations.csv?round=3&chapter=IX"), Ct);

        Assert.Equal(8 + extra, json.RootElement.GetArrayLength());
        Assert.Equal(extra + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Export_BySignedInUser_IsInTheAuditLog()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.WithTokenAsync("secretariat@demo.test");
        using var anonymous = web.Client();

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(U("/api/v1/export/replies.xlsx?round=3&party=Sylvania"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(U("/api/v1/export/matrix.csv?round=3"), Ct)).StatusCode);

        await using var db = web.Store.CreateContext();
        var exports = await db.AuditEntries.Where(e => e.Action == "export").ToListAsync(Ct);
        var entry = Assert.Single(exports);
        Assert.Equal("secretariat@demo.test", entry.UserName);
        Assert.Equal("replies.xlsx round=3 party=Sylvania", entry.Detail);
    }

    [Theory]
    [InlineData("/api/v1/export/answers.csv", HttpStatusCode.NotFound, "Exports are recommendations, replies, assessments, matrix")]
    [InlineData("/api/v1/export/replies.pdf", HttpStatusCode.NotFound, "as csv, xlsx, json")]
    [InlineData("/api/v1/export/replies.csv?round=9", HttpStatusCode.NotFound, "There is no round 9.")]
    [InlineData("/api/v1/export/replies.csv?party=Atlantis", HttpStatusCode.NotFound, "There is no Party Atlantis.")]
    [InlineData("/api/v1/export/replies.csv?body=GRETA", HttpStatusCode.NotFound, "There is no treaty body GRETA")]
    [InlineData("/api/v1/export/replies.csv?strength=invite", HttpStatusCode.BadRequest, "Replies are filtered by body, round, party and status")]
    [InlineData("/api/v1/export/replies.csv?status=late", HttpStatusCode.BadRequest, "draft or submitted")]
    [InlineData("/api/v1/export/matrix.csv?addressee=some", HttpStatusCode.BadRequest, "addressee is 'all' or 'party'")]
    public async Task Export_BadRequest_IsProblemDetailsThatSaysWhy(string path, HttpStatusCode status, string detail)
    {
        var web = Shared;
        using var client = web.Client();

        var response = await client.GetAsync(U(path), Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_LinkToTheExportsWithTheirFilters()
    {
        var web = Shared;
        using var client = web.Client();

        var round = await client.GetStringAsync(U("/rounds/Lanzarote/3"), Ct);
        var matrix = await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix?Strength=invite&Addressee=All"), Ct);

        Assert.Contains("href=\"/api/v1/export/replies.csv?body=Lanzarote&amp;round=3\"", round, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/export/matrix.xlsx?body=Lanzarote&amp;round=3&amp;strength=invite&amp;addressee=all\"", matrix, StringComparison.Ordinal);
        var linked = await client.GetAsync(U("/api/v1/export/matrix.csv?body=Lanzarote&round=3&strength=invite&addressee=all"), Ct);
        Assert.All((await linked.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1),
            line => Assert.Contains(",invite,all,", line, StringComparison.Ordinal));
    }
}
