using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Data;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Security;

/// <summary>The focal point of Ruritania (Party B) guesses the names and ids of Sylvania's (Party A) draft reply and
/// draft box, through the pages and the API, with every method: each answer is a refusal that shows nothing of the
/// draft, and nothing changes.</summary>
public sealed class IdorTests
{
    private const string Reply = "/rounds/Lanzarote/3/replies/Sylvania";
    private const string ApiReply = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";

    [Fact]
    public async Task FocalPointOfB_GuessingPartyAsDrafts_IsRefusedEverywhereAndNothingChanges()
    {
        await using var web = await WebApp.StartAsync();
        var ids = await AuthorizationMatrixTests.PlantDraftsAsync(web);
        var before = await SnapshotAsync(web);
        var page = await web.SignedInAsync("ruritania@demo.test");
        var api = await web.WithTokenAsync("ruritania@demo.test");
        // B's own edit page gives a valid antiforgery token for B's session, the best a forger has.
        var own = await WebApp.FormAsync(page, "/rounds/Lanzarote/3/replies/Ruritania/edit");
        var token = own["__RequestVerificationToken"];
        var failures = new List<string>();

        async Task Check(HttpClient client, HttpMethod method, string url, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            // 405: the route exists but not for this method, which tells nothing either.
            if (!AuthorizationMatrixTests.IsDenied(response) && response.StatusCode != HttpStatusCode.MethodNotAllowed)
                failures.Add($"{method} {url}: {(int)response.StatusCode}");
            foreach (var marker in AuthorizationMatrixTests.HiddenFrom(Caller.FocalPointB))
                if (body.Contains(marker, StringComparison.OrdinalIgnoreCase)) failures.Add($"{method} {url}: shows {marker}");
        }

        FormUrlEncodedContent Form(params (string, string)[] fields) =>
            new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

        // The reply, through the pages.
        await Check(page, HttpMethod.Get, Reply);
        await Check(page, HttpMethod.Get, Reply + "/edit");
        await Check(page, HttpMethod.Get, Reply + "/history");
        await Check(page, HttpMethod.Post, Reply + "/edit", Form(("version", before.ReplyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("answers[1.1]", "overwritten by B"), ("action", "submit")));
        await Check(page, HttpMethod.Post, Reply + "/edit?handler=Import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("1.1 overwritten by B"), "document", "reply.txt" },
        });
        await Check(page, HttpMethod.Post, Reply + "/history?handler=Restore", Form(("version", "1"), ("current", before.ReplyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        // The reply, through the API (bearer token), every method.
        await Check(api, HttpMethod.Get, ApiReply);
        await Check(api, HttpMethod.Put, ApiReply, JsonContent.Create(new { answers = new[] { new { question = "1.1", text = "overwritten by B" } }, version = before.ReplyVersion, submit = true }));
        await Check(api, HttpMethod.Delete, ApiReply);
        await Check(api, HttpMethod.Post, ApiReply + "/import", new MultipartFormDataContent { { new StringContent("1.1 overwritten by B"), "document", "reply.txt" } });
        // The draft box and its factsheet, by guessed ids.
        await Check(page, HttpMethod.Get, "/rounds/Lanzarote/3/follow-up/Sylvania");
        await Check(page, HttpMethod.Post, "/rounds/Lanzarote/3/follow-up/Sylvania", Form(("recommendation", "II-1"), ("type", "FollowUp"), ("text", "box by B")));
        await Check(page, HttpMethod.Post, "/rounds/Lanzarote/3/follow-up/Sylvania?handler=Publish", Form(("box", ids.SylvaniaBox.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Check(page, HttpMethod.Post, "/rounds/Lanzarote/3/follow-up/Ruritania?handler=Publish", Form(("box", ids.SylvaniaBox.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Check(page, HttpMethod.Get, $"/history/box/{ids.SylvaniaBox}");
        await Check(page, HttpMethod.Get, "/rounds/Lanzarote/3/factsheets/Sylvania");
        await Check(page, HttpMethod.Get, "/rounds/Lanzarote/3/factsheets/Sylvania.html");
        await Check(api, HttpMethod.Get, "/api/v1/rounds/Lanzarote/3/factsheets/Sylvania/boxes");
        await Check(api, HttpMethod.Delete, "/api/v1/rounds/Lanzarote/3/factsheets/Sylvania/boxes");

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync(web));
    }

    [Fact]
    public async Task SearchAndExport_NeverShowAnotherPartysDrafts()
    {
        await using var web = await WebApp.StartAsync();
        await AuthorizationMatrixTests.PlantDraftsAsync(web);
        var ct = TestContext.Current.CancellationToken;
        var b = await web.WithTokenAsync("ruritania@demo.test");
        var a = await web.WithTokenAsync("sylvania@demo.test");
        // Prefix queries: the page repeats the query, which must not count as a leak.
        var seenByB = await b.GetStringAsync(new Uri("/api/v1/search?q=zqxsylvaniar*", UriKind.Relative), ct)
            + await b.GetStringAsync(new Uri("/api/v1/search?q=zqxsylvaniab*", UriKind.Relative), ct)
            + await b.GetStringAsync(new Uri("/search?q=zqxsylvaniar*", UriKind.Relative), ct)
            + await b.GetStringAsync(new Uri("/api/v1/export/replies.json?status=draft", UriKind.Relative), ct)
            + await b.GetStringAsync(new Uri("/api/v1/export/replies.csv", UriKind.Relative), ct);
        var seenByA = await a.GetStringAsync(new Uri("/api/v1/search?q=zqxsylvaniar*", UriKind.Relative), ct)
            + await a.GetStringAsync(new Uri("/api/v1/export/replies.json?status=draft", UriKind.Relative), ct);
        Assert.DoesNotContain("zqxsylvaniareply", seenByB, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("zqxsylvaniabox", seenByB, StringComparison.OrdinalIgnoreCase);
        // The owner does see its own draft: the filter is by Party, not a blanket refusal.
        Assert.Contains("zqxsylvaniareply", seenByA, StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Snapshot(int ReplyVersion, string Answers, int Boxes, string BoxStates);

    private static async Task<Snapshot> SnapshotAsync(WebApp web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RapporteurDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var reply = await db.Replies.Include(r => r.Answers).SingleAsync(r => r.Party!.Name == "Sylvania", ct);
        var boxes = await db.Boxes.OrderBy(x => x.Id).Select(x => x.Id + ":" + x.Status + ":" + x.Version).ToListAsync(ct);
        return new(reply.Version, string.Join("|", reply.Answers.OrderBy(x => x.Id).Select(x => x.Text)), boxes.Count, string.Join(",", boxes));
    }
}
