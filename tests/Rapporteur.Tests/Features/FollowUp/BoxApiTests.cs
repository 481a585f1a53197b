using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data.Entities;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.FollowUp;

/// <summary><c>/api/v1/rounds/{body}/{n}/factsheets/{party}/boxes</c>: boxes written over the API with the follow-up
/// page's rules, versions as ETags, and If-Match on every change.</summary>
public sealed class BoxApiTests
{
    private const string Boxes = "/api/v1/rounds/Lanzarote/3/factsheets/Ruritania/boxes";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(method, U(path));
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    [Fact]
    public async Task FocalPoint_CreatesUpdatesAndDeletesOwnBox_WithVersionsAndIfMatch()
    {
        await using var web = await WebApp.StartAsync();
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");

        var created = await ruritania.PostAsJsonAsync(U(Boxes), new { type = "followUp", recommendation = "II-1", text = "Volunteers are checked since May." }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var box = await JsonAsync(created);
        var id = box.GetProperty("id").GetInt32();
        Assert.Equal(("followUp", "Draft", 1), (box.GetProperty("type").GetString(), box.GetProperty("status").GetString(), box.GetProperty("version").GetInt32()));
        Assert.Equal($"{Boxes}/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        // Waiting: not in the published factsheet's list, not visible to the public, visible to its Party.
        var anonymous = web.Client();
        var list = await JsonAsync(await anonymous.GetAsync(U(Boxes), Ct));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U($"{Boxes}/{id}"), Ct)).StatusCode);
        var own = await ruritania.GetAsync(U($"{Boxes}/{id}"), Ct);
        Assert.Equal("\"1\"", own.Headers.ETag?.Tag);

        var noVersion = await ruritania.SendAsync(Request(HttpMethod.Put, $"{Boxes}/{id}", null, new { text = "Changed." }), Ct);
        Assert.Equal(HttpStatusCode.PreconditionRequired, noVersion.StatusCode);

        var updated = await ruritania.SendAsync(Request(HttpMethod.Put, $"{Boxes}/{id}", "\"1\"", new { text = "Volunteers are checked since <b>May 2026</b>." }), Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        Assert.Contains("May 2026", (await JsonAsync(updated)).GetProperty("text").GetString(), StringComparison.Ordinal);

        // Someone else's change since version 1: the stale write is refused and says which version is current.
        var stale = await ruritania.SendAsync(Request(HttpMethod.Put, $"{Boxes}/{id}", "\"1\"", new { text = "Older edit." }), Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (await JsonAsync(stale)).GetProperty("currentVersion").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ruritania.SendAsync(Request(HttpMethod.Delete, $"{Boxes}/{id}", "\"1\""), Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ruritania.SendAsync(Request(HttpMethod.Delete, $"{Boxes}/{id}", "W/\"2\""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ruritania.GetAsync(U($"{Boxes}/{id}"), Ct)).StatusCode);

        await using var db = web.Store.CreateContext();
        var versions = await db.ContentVersions.Where(v => v.EntityType == "box" && v.EntityId == id).OrderBy(v => v.Version).ToListAsync(Ct);
        Assert.Equal(["propose", "edit", "delete"], versions.Select(v => v.Action));
        Assert.All(versions, v => Assert.Equal("ruritania@demo.test", v.UserName));
    }

    [Fact]
    public async Task Writes_FollowTheFollowUpPagesRules_401_403_422()
    {
        await using var web = await WebApp.StartAsync();
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        using var secretariat = await web.WithTokenAsync("secretariat@demo.test");
        var followUp = new { type = "followUp", recommendation = "II-1", text = "Done." };

        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Client().PostAsJsonAsync(U(Boxes), followUp, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sylvania.PostAsJsonAsync(U(Boxes), followUp, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ruritania.PostAsJsonAsync(U(Boxes), new { type = "clarificationNote", recommendation = "II-1", text = "A note." }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ruritania.PostAsJsonAsync(U(Boxes), new { type = "opinion", recommendation = "II-1", text = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ruritania.PostAsJsonAsync(U(Boxes), new { type = "followUp", recommendation = "III-2", text = "Not ours." }, Ct)).StatusCode);

        var note = await JsonAsync(await secretariat.PostAsJsonAsync(U(Boxes), new { type = "clarificationNote", recommendation = "II-1", text = "The Secretariat notes the date." }, Ct));
        var noteId = note.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await ruritania.SendAsync(Request(HttpMethod.Put, $"{Boxes}/{noteId}", "\"1\"", new { text = "Mine now." }), Ct)).StatusCode);

        // A published box is the Secretariat's: the Party may no longer change it; the Secretariat's change reaches the factsheet.
        await using var db = web.Store.CreateContext();
        var published = await db.Boxes.Where(b => b.Status == PublicationStatus.Published && b.Type == BoxType.FollowUp
            && db.Factsheets.Any(f => f.Id == b.FactsheetId && f.Party!.Name == "Ruritania")).FirstAsync(Ct);
        var path = $"{Boxes}/{published.Id}";
        var tag = $"\"{published.Version}\"";
        Assert.Equal(HttpStatusCode.OK, (await web.Client().GetAsync(U(path), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ruritania.SendAsync(Request(HttpMethod.Put, path, tag, new { text = "Rewritten by the Party." }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ruritania.SendAsync(Request(HttpMethod.Delete, path, tag), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sylvania.SendAsync(Request(HttpMethod.Delete, path, tag), Ct)).StatusCode);
        var edited = await secretariat.SendAsync(Request(HttpMethod.Put, path, tag, new { text = "Corrected by the Secretariat." }), Ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await using var after = web.Store.CreateContext();
        Assert.Equal("Corrected by the Secretariat.", (await after.FactsheetBlocks.SingleAsync(b => b.BoxId == published.Id, Ct)).Text);
    }
}
