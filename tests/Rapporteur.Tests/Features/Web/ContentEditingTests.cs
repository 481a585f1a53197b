using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data.Entities;
using Rapporteur.Tests.Support;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;

namespace Rapporteur.Tests.Features.Web;

/// <summary>Changing published or submitted content: boxes edited and restored from their history, a submitted reply
/// reopened by the Secretariat.</summary>
public sealed class ContentEditingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var form = await WebApp.FormAsync(client, tokenFrom ?? page);
        fields["__RequestVerificationToken"] = form["__RequestVerificationToken"];
        var query = handler.Length == 0 ? "" : (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        return await client.PostAsync(U(page + query), new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task Box_EditedByItsPartyThenPublished_IsRestoredAsANewVersionByTheSecretariat()
    {
        await using var web = await WebApp.StartAsync();
        using var ruritania = await web.SignedInAsync("ruritania@demo.test");
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        using var rapporteur = await web.SignedInAsync("rapporteur@demo.test");
        const string page = "/rounds/Lanzarote/3/follow-up/Ruritania";

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(ruritania, page, "", new()
        {
            ["recommendation"] = "II-2", ["type"] = "FollowUp", ["text"] = "FIRST-WORDING: checks every two years.",
        })).StatusCode);
        await using var db = web.Store.CreateContext();
        var box = await db.Boxes.AsNoTracking().SingleAsync(b => b.Text.Contains("FIRST-WORDING"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(ruritania, page, "Edit", new()
        {
            ["box"] = $"{box.Id}", ["version"] = "1", ["text"] = "SECOND-WORDING: checks every year.",
        })).StatusCode);
        // An edit based on the old version is refused, the text kept out.
        var stale = await PostFormAsync(ruritania, page, "Edit", new() { ["box"] = $"{box.Id}", ["version"] = "1", ["text"] = "LOST-WORDING" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, page, "Publish", new() { ["box"] = $"{box.Id}" })).StatusCode);
        // Published: the Party no longer changes it.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(ruritania, page, "Edit", new() { ["box"] = $"{box.Id}", ["version"] = "3", ["text"] = "THIRD" })).StatusCode);

        var history = await secretariat.GetStringAsync(U($"/history/box/{box.Id}"), Ct);
        Assert.Contains("Restore as a new version", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Restore as a new version", await rapporteur.GetStringAsync(U($"/history/box/{box.Id}"), Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(rapporteur, $"/history/box/{box.Id}", "Restore", new() { ["version"] = "1" }, tokenFrom: "/rounds/Lanzarote/3/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, $"/history/box/{box.Id}", "Restore", new() { ["version"] = "1" })).StatusCode);

        var restored = await db.Boxes.AsNoTracking().SingleAsync(b => b.Id == box.Id, Ct);
        Assert.Equal(("FIRST-WORDING: checks every two years.", 4, PublicationStatus.Published), (restored.Text, restored.Version, restored.Status));
        var versions = await db.ContentVersions.Where(v => v.EntityType == "box" && v.EntityId == box.Id).OrderBy(v => v.Version).Select(v => v.Action).ToListAsync(Ct);
        Assert.Equal(["propose", "edit", "publish", "restore 1"], versions);
        // The factsheet shows the restored text.
        var block = await db.FactsheetBlocks.AsNoTracking().SingleAsync(b => b.BoxId == box.Id, Ct);
        Assert.Equal(restored.Text, block.Text);
    }

    [Fact]
    public async Task Reopen_SubmittedReply_IsADraftAgainWithTheReasonAuditedAndTheFocalPointNotified()
    {
        await using var web = await WebApp.StartAsync();
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        using var rapporteur = await web.WithTokenAsync("rapporteur@demo.test");
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        using var anonymous = web.Client();
        const string page = "/rounds/Lanzarote/3/replies/Ruritania/edit";
        const string api = "/api/v1/rounds/Lanzarote/3/replies/Ruritania";

        Assert.Equal(HttpStatusCode.Forbidden, (await rapporteur.PostAsJsonAsync(U(api + "/reopen"), new { reason = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(U(api + "/reopen"), new { reason = "x" }, Ct)).StatusCode);
        Assert.Contains("Reopen as a draft", await secretariat.GetStringAsync(U(page), Ct), StringComparison.Ordinal);
        var empty = await PostFormAsync(secretariat, page, "Reopen", new() { ["reason"] = "  " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);

        var reopened = await PostFormAsync(secretariat, page, "Reopen", new() { ["reason"] = "Question 2.1 is answered for round 2, not round 3." });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);

        await using var db = web.Store.CreateContext();
        var reply = await db.Replies.AsNoTracking().SingleAsync(r => r.Party!.Name == "Ruritania" && r.Round!.Number == 3, Ct);
        Assert.Equal(ReplyStatus.Draft, reply.Status);
        Assert.Null(reply.SubmittedAt);
        var version = await db.ContentVersions.SingleAsync(v => v.EntityType == "reply" && v.EntityId == reply.Id && v.Action == "reopen", Ct);
        Assert.Equal("secretariat@demo.test", version.UserName);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "reply.reopen", Ct);
        Assert.Contains("Question 2.1 is answered for round 2", audit.Detail, StringComparison.Ordinal);
        var message = await db.Outbox.SingleAsync(m => m.Key.StartsWith("reopen:"), Ct);
        Assert.Equal("ruritania@demo.test", message.To);
        Assert.Contains("Reason: Question 2.1 is answered for round 2, not round 3.", message.Body, StringComparison.Ordinal);

        // A draft again: no longer public, open to its focal point, and not reopened twice.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U(api), Ct)).StatusCode);
        var saved = await ruritania.PutAsJsonAsync(U(api), new { answers = new[] { new { question = "1.1", text = "Corrected." } }, version = reply.Version }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        using var token = await web.WithTokenAsync("secretariat@demo.test");
        Assert.Equal(HttpStatusCode.Conflict, (await token.PostAsJsonAsync(U(api + "/reopen"), new { reason = "again" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Factsheet_SecretariatWritesObservationsInTheDraftThenPublishes_EachChangeAVersion()
    {
        await using var web = await WebApp.StartAsync();
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        using var rapporteur = await web.SignedInAsync("rapporteur@demo.test");
        using var anonymous = web.Client();
        const string report = "/rounds/Lanzarote/3/report";
        const string page = "/rounds/Lanzarote/3/factsheets/Genovia/edit";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, report, "Recommendation", new()
        {
            ["code"] = "IV-3", ["strength"] = "invite", ["party"] = "Genovia", ["chapter"] = "IV", ["text"] = "The Committee invites Genovia to fund helplines.",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, report, "Adopt", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, report, "Factsheet", new() { ["party"] = "Genovia", ["publish"] = "false" })).StatusCode);

        // Staff who are not the Secretariat do not write factsheets.
        Assert.Equal(HttpStatusCode.Redirect, (await rapporteur.GetAsync(U(page), Ct)).StatusCode);
        await using var db = web.Store.CreateContext();
        var factsheet = await db.Factsheets.AsNoTracking().Include(f => f.Chapters).ThenInclude(c => c.Blocks).SingleAsync(f => f.Party!.Name == "Genovia", Ct);
        var chapter = factsheet.Chapters.Single(c => c.Number == "IV");
        var heading = chapter.Blocks.Single(b => b.Kind == Rapporteur.Core.Model.BlockKind.Heading);
        var recommendation = chapter.Blocks.Single(b => b.Recommendations.Contains("IV-3"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, page, "Add", new()
        {
            ["version"] = $"{factsheet.Version}", ["chapter"] = $"{chapter.Id}", ["after"] = $"{heading.Id}", ["kind"] = "Paragraph",
            ["text"] = "OBSERVATION-ONE: Genovia has two helplines for children in sport.",
        })).StatusCode);
        var added = await db.FactsheetBlocks.AsNoTracking().SingleAsync(b => b.Text.StartsWith("OBSERVATION-ONE"), Ct);
        Assert.Equal(1, added.Order); // after the heading, before the recommendation
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, page, "Save", new()
        {
            ["version"] = $"{factsheet.Version + 1}", ["block"] = $"{added.Id}", ["text"] = "OBSERVATION-TWO: Genovia has three helplines.",
        })).StatusCode);
        // Stale, or a recommendation's text: refused.
        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(secretariat, page, "Save", new() { ["version"] = $"{factsheet.Version}", ["block"] = $"{added.Id}", ["text"] = "LOST" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostFormAsync(secretariat, page, "Save", new() { ["version"] = $"{factsheet.Version + 2}", ["block"] = $"{recommendation.Id}", ["text"] = "No." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, page, "Move", new() { ["version"] = $"{factsheet.Version + 2}", ["block"] = $"{added.Id}", ["by"] = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U("/rounds/Lanzarote/3/factsheets/Genovia"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(secretariat, page, "Publish", new() { ["version"] = $"{factsheet.Version + 3}" })).StatusCode);

        var published = await anonymous.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Genovia"), Ct);
        Assert.Contains("OBSERVATION-TWO", published, StringComparison.Ordinal);
        Assert.Equal(2, (await db.FactsheetBlocks.AsNoTracking().SingleAsync(b => b.Id == added.Id, Ct)).Order); // moved one place down
        var versions = await db.ContentVersions.Where(v => v.EntityType == "factsheet" && v.EntityId == factsheet.Id).OrderBy(v => v.Version).Select(v => v.Action).ToListAsync(Ct);
        Assert.Equal(["before", "add", "edit", "move", "publish"], versions);
        var history = await secretariat.GetStringAsync(U($"/history/factsheet/{factsheet.Id}?from=2&to=3"), Ct);
        Assert.Contains("<ins>+   OBSERVATION-TWO: Genovia has three helplines.</ins>", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_DraftedChapterByChapter_ParagraphsRenumberedAndRecommendationsFollow_ThenFixedOnAdoption()
    {
        await using var web = await WebApp.StartAsync();
        using var rapporteur = await web.SignedInAsync("rapporteur@demo.test");
        using var focal = await web.SignedInAsync("ruritania@demo.test");
        const string page = "/rounds/Lanzarote/3/report/draft";
        var version = 0;

        async Task Ok(string handler, Dictionary<string, string> fields)
        {
            fields["version"] = $"{version}";
            var response = await PostFormAsync(rapporteur, page, handler, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            version++;
            if (version == 1) version++; // the first change also keeps the report as it was ("before")
        }

        Assert.Equal(HttpStatusCode.Redirect, (await focal.GetAsync(U(page), Ct)).StatusCode);
        await Ok("AddChapter", new() { ["chapterNumber"] = "I", ["title"] = "Introduction" });
        await Ok("AddChapter", new() { ["chapterNumber"] = "II", ["title"] = "Prevention" });
        await using var db = web.Store.CreateContext();
        var chapters = await db.Set<ReportChapter>().AsNoTracking().OrderBy(c => c.Order).ToListAsync(Ct);
        await Ok("AddParagraph", new() { ["chapter"] = $"{chapters[0].Id}", ["text"] = "PARA-A" });
        await Ok("AddParagraph", new() { ["chapter"] = $"{chapters[1].Id}", ["text"] = "PARA-B" });
        await Ok("AddParagraph", new() { ["chapter"] = $"{chapters[1].Id}", ["text"] = "PARA-C" });

        // Recommendation II-9 cites PARA-C (paragraph 3).
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(rapporteur, "/rounds/Lanzarote/3/report", "Recommendation", new()
        {
            ["code"] = "II-9", ["strength"] = "request", ["chapter"] = "II", ["paragraphs"] = "3", ["text"] = "The Committee requests all Parties to act.",
        })).StatusCode);
        var paraC = await db.Set<ReportParagraph>().AsNoTracking().SingleAsync(p => p.Text == "PARA-C", Ct);
        await Ok("MoveParagraph", new() { ["paragraph"] = $"{paraC.Id}", ["by"] = "-1" });
        var paraA = await db.Set<ReportParagraph>().AsNoTracking().SingleAsync(p => p.Text == "PARA-A", Ct);
        await Ok("MoveParagraph", new() { ["paragraph"] = $"{paraA.Id}", ["by"] = "1" }); // the last of chapter I becomes the first of chapter II
        await Ok("EditParagraph", new() { ["paragraph"] = $"{paraC.Id}", ["text"] = "PARA-C (revised)" });

        var paragraphs = await db.Set<ReportParagraph>().AsNoTracking().OrderBy(p => p.Number).Select(p => new { p.Number, p.Text, p.ChapterId }).ToListAsync(Ct);
        Assert.Equal(["PARA-A", "PARA-C (revised)", "PARA-B"], paragraphs.Select(p => p.Text));
        Assert.Equal([1, 2, 3], paragraphs.Select(p => p.Number));
        Assert.All(paragraphs, p => Assert.Equal(chapters[1].Id, p.ChapterId));
        var rec = await db.Recommendations.AsNoTracking().SingleAsync(r => r.Code == "II-9", Ct);
        Assert.Equal([2], rec.Paragraphs);

        // The empty chapter can go; a stale version is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(rapporteur, page, "DeleteChapter", new() { ["version"] = "1", ["chapter"] = $"{chapters[0].Id}" })).StatusCode);
        await Ok("DeleteChapter", new() { ["chapter"] = $"{chapters[0].Id}" });
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.PartyId == null && db.Rounds.Any(x => x.Id == r.RoundId && x.Number == 3), Ct);
        var read = await rapporteur.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{report.Id}"), Ct);
        Assert.Contains("<strong>2.</strong> PARA-C (revised)", read, StringComparison.Ordinal);
        // Moving PARA-C up (version 6 → 7) is a diff of the report's lines.
        var history = await rapporteur.GetStringAsync(U($"/history/report/{report.Id}?from=6&to=7"), Ct);
        Assert.Contains("<ins>+   2. PARA-C</ins>", history, StringComparison.Ordinal);
        Assert.Contains("move paragraph", history, StringComparison.Ordinal);
        // Recommendations citing paragraphs the report does not have (yet) keep their numbers.
        Assert.Equal([45], (await db.Recommendations.AsNoTracking().SingleAsync(r => r.Code == "II-2", Ct)).Paragraphs);

        // Adopted: the text is fixed.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(rapporteur, "/rounds/Lanzarote/3/report", "Adopt", [])).StatusCode);
        var late = await PostFormAsync(rapporteur, page, "EditParagraph", new() { ["version"] = $"{version}", ["paragraph"] = $"{paraC.Id}", ["text"] = "too late" }, tokenFrom: "/rounds/Lanzarote/3/report");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }
}
