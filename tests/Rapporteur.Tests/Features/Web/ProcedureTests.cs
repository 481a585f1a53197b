using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>Roles at work: focal points answer for their own Party only, staff assess, anonymous callers change nothing.</summary>
public sealed class ProcedureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData("POST", "/api/v1/rounds")]
    [InlineData("PUT", "/api/v1/rounds/Lanzarote/3/replies/Sylvania")]
    [InlineData("PUT", "/api/v1/rounds/Lanzarote/3/assessments/I-1/Ruritania")]
    [InlineData("DELETE", "/api/v1/rounds/Lanzarote/3")]
    [InlineData("PATCH", "/api/v1/no/such/thing")]
    public async Task Anonymous_writes_to_the_api_are_refused_whatever_the_body(string method, string path)
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        foreach (var body in new[] { "{}", "not json at all", "" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), U(path)) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Token_endpoint_locks_an_account_after_five_wrong_passwords()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(U("/api/v1/auth/token"), new { email = "secretariat@demo.test", password = "wrong-password-1" }, Ct)).StatusCode);
        var locked = await client.PostAsJsonAsync(U("/api/v1/auth/token"), new { email = "secretariat@demo.test", password = Rapporteur.Features.Demo.DemoAccounts.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_saves_and_submits_its_own_reply_only()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        using var anonymous = web.Client();
        const string path = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";

        // The draft is Sylvania's: others (and the public) do not even learn it exists.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U(path), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ruritania.GetAsync(U(path), Ct)).StatusCode);
        var own = await sylvania.GetAsync(U(path), Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var version = int.Parse(own.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        var answers = new[] { new { question = "1.1", text = "<p>Our <strong>federation</strong> adopted a code.</p><script>alert(1)</script>", items = new Dictionary<string, string>() } };
        Assert.Equal(HttpStatusCode.Forbidden, (await ruritania.PutAsJsonAsync(U(path), new { answers, version }, Ct)).StatusCode);
        var saved = await sylvania.PutAsJsonAsync(U(path), new { answers, version }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);

        // A save based on the old version is a conflict, never a silent overwrite.
        var stale = await sylvania.PutAsJsonAsync(U(path), new { answers, version }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var reply = JsonDocument.Parse(await sylvania.GetStringAsync(U(path), Ct));
        var text = reply.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("question").GetString() == "1.1").GetProperty("text").GetString();
        Assert.Equal("<p>Our <strong>federation</strong> adopted a code.</p>", text);

        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U(path), new { answers, version = version + 1, submit = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(U(path), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sylvania.PutAsJsonAsync(U(path), new { answers, version = version + 2 }, Ct)).StatusCode);

        await using var db = web.Store.CreateContext();
        var versions = await db.ContentVersions.Where(v => v.EntityType == "reply").OrderBy(v => v.Version).ToListAsync(Ct);
        Assert.Equal(["save", "submit"], versions.Select(v => v.Action));
        Assert.All(versions, v => Assert.Equal("sylvania@demo.test", v.UserName));
    }

    [Fact]
    public async Task Staff_assess_on_the_body_scale_and_the_matrix_shows_it()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.WithTokenAsync("rapporteur@demo.test");
        using var focal = await web.WithTokenAsync("ruritania@demo.test");
        using var anonymous = web.Client();
        using var matrix = JsonDocument.Parse(await anonymous.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/matrix"), Ct));
        var row = matrix.RootElement.GetProperty("recommendations")[0];
        var code = row.GetProperty("id").GetString()!;
        var party = row.GetProperty("status").EnumerateObject().First().Name;
        var path = $"/api/v1/rounds/Lanzarote/3/assessments/{code}/{party}";

        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PutAsJsonAsync(U(path), new { status = "implemented" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PutAsJsonAsync(U(path), new { status = "mostly done" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync(U(path), new { status = "partially-implemented", assessedOn = "2026-09-01", version = 0 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync(U(path), new { status = "implemented", assessedOn = "2026-11-20", version = 1 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync(U(path), new { status = "not-implemented", version = 1 }, Ct)).StatusCode);

        using var after = JsonDocument.Parse(await anonymous.GetStringAsync(U($"/api/v1/rounds/Lanzarote/3/matrix?status=implemented"), Ct));
        var assessed = after.RootElement.GetProperty("recommendations").EnumerateArray().Single(r => r.GetProperty("id").GetString() == code);
        Assert.Equal("implemented", assessed.GetProperty("assessment").GetProperty(party).GetString());

        var page = await anonymous.GetStringAsync(U($"/rounds/Lanzarote/3/recommendations/{code}"), Ct);
        Assert.Contains("History (2 versions)", page, StringComparison.Ordinal);
        Assert.Contains("2026-09-01: partially-implemented", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matrix_exports_as_csv_and_xlsx_with_one_row_per_cell()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        using var json = JsonDocument.Parse(await client.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/matrix"), Ct));
        var cells = json.RootElement.GetProperty("recommendations").EnumerateArray().Sum(r => r.GetProperty("status").EnumerateObject().Count());

        var csv = await client.GetAsync(U("/api/v1/rounds/Lanzarote/3/matrix.csv"), Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("body,round,recommendation,strength,addressee,chapter,party,status", lines[0], StringComparison.Ordinal);
        Assert.Equal(cells + 1, lines.Length);

        var xlsx = await client.GetAsync(U("/api/v1/rounds/Lanzarote/3/matrix.xlsx"), Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)), false);
        var sheet = book.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Equal(cells + 1, sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(book, Ct));
    }

    [Fact]
    public async Task A_focal_point_edits_through_the_pages_with_history_and_restore()
    {
        await using var web = await WebApp.StartAsync();
        using var browser = await web.SignedInAsync("sylvania@demo.test");
        const string edit = "/rounds/Lanzarote/3/replies/Sylvania/edit";
        Assert.Contains("Sign out", await browser.GetStringAsync(U("/work"), Ct), StringComparison.Ordinal);

        async Task Save(string text)
        {
            var form = await WebApp.FormAsync(browser, edit);
            form["answers[1.1]"] = text;
            form["action"] = "save";
            var response = await browser.PostAsync(U(edit), new FormUrlEncodedContent(form), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await Save("First wording of the answer.");
        await Save("Second wording of the answer.");
        var history = await browser.GetStringAsync(U("/rounds/Lanzarote/3/replies/Sylvania/history"), Ct);
        Assert.Contains("<del>- First wording of the answer.</del>", history, StringComparison.Ordinal);
        Assert.Contains("<ins>+ Second wording of the answer.</ins>", history, StringComparison.Ordinal);

        // Restore version 1 (the first save) as a new version.
        var restore = await WebApp.FormAsync(browser, "/rounds/Lanzarote/3/replies/Sylvania/history");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = restore["__RequestVerificationToken"], ["version"] = "1", ["current"] = "2" };
        var restored = await browser.PostAsync(U("/rounds/Lanzarote/3/replies/Sylvania/history?handler=Restore"), new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("First wording of the answer.", await browser.GetStringAsync(U(edit), Ct), StringComparison.Ordinal);

        // Another Party's focal point cannot open this draft; a form post without the antiforgery token is refused.
        using var other = await web.SignedInAsync("ruritania@demo.test");
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(U(edit), Ct)).StatusCode); // to the access-denied page
        var forged = await other.PostAsync(U("/rounds/Lanzarote/3/replies/Ruritania/edit"), new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "0" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_password_is_refused_and_audited()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var form = await WebApp.FormAsync(client, "/account/login");
        // Without the antiforgery cookie the token alone is not enough: 400.
        form["email"] = "admin@demo.test";
        form["password"] = "not-the-password-1";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(U("/account/login"), new FormUrlEncodedContent(form), Ct)).StatusCode);
        await Assert.ThrowsAsync<Xunit.Sdk.EqualException>(() => web.SignedInAsync("admin@demo.test", "not-the-password-1"));
        await using var db = web.Store.CreateContext();
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), e => e.Action == "signin.failed" && e.Detail.StartsWith("admin@demo.test", StringComparison.Ordinal));
    }
}
