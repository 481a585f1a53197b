using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.FollowUp;
using Rapporteur.Tests.Support;
using Rapporteur.Web;

namespace Rapporteur.Tests.Features.Security;

/// <summary>The roles the matrix calls every endpoint as. A is Sylvania (its reply is a draft), B is Ruritania (its reply
/// is submitted and its factsheet published).</summary>
public enum Caller { Anonymous, CivilSociety, FocalPointA, FocalPointB, Rapporteur, Secretariat, Administrator }

/// <summary>Which item the route values point at: a draft one (Sylvania's reply, factsheet and box) or a published one
/// (Ruritania's).</summary>
public enum ItemState { Draft, Published }

/// <summary>
/// Calls every endpoint of the app — enumerated from the endpoint data source, so a new page or API operation is
/// called too and fails here until the table says who may call it — as every role, on a draft and a published item,
/// and compares allow/deny with the table. Everything a caller may not read carries a marker word; no response to that
/// caller (search, export, compilation, any page) may contain it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string DraftParty = "Sylvania";
    private const string PublishedParty = "Ruritania";

    // Marker words planted in drafts; each is visible only to the staff and to the focal point of the Party it belongs to.
    private const string SylvaniaReplyMarker = "zqxsylvaniareply";
    private const string SylvaniaBoxMarker = "zqxsylvaniabox";
    private const string RuritaniaBoxMarker = "zqxruritaniabox";

    internal static readonly Dictionary<Caller, string> Emails = new()
    {
        [Caller.CivilSociety] = "ngo@demo.test",
        [Caller.FocalPointA] = "sylvania@demo.test",
        [Caller.FocalPointB] = "ruritania@demo.test",
        [Caller.Rapporteur] = "rapporteur@demo.test",
        [Caller.Secretariat] = "secretariat@demo.test",
        [Caller.Administrator] = "admin@demo.test",
    };

    private static bool Staff(Caller c) => c is Caller.Rapporteur or Caller.Secretariat or Caller.Administrator;
    private static bool SecretariatOrAdmin(Caller c) => c is Caller.Secretariat or Caller.Administrator;
    private static bool Owner(Caller c, ItemState s) => (c, s) is (Caller.FocalPointA, ItemState.Draft) or (Caller.FocalPointB, ItemState.Published);

    private static readonly Func<Caller, ItemState, bool> Everyone = (_, _) => true;
    private static readonly Func<Caller, ItemState, bool> Nobody = (_, _) => false;
    private static readonly Func<Caller, ItemState, bool> SignedIn = (c, _) => c != Caller.Anonymous;
    private static readonly Func<Caller, ItemState, bool> StaffOnly = (c, _) => Staff(c);
    private static readonly Func<Caller, ItemState, bool> SecretariatOnly = (c, _) => SecretariatOrAdmin(c);
    private static readonly Func<Caller, ItemState, bool> PublishedToAll = (_, s) => s == ItemState.Published;
    private static readonly Func<Caller, ItemState, bool> StaffOrOwner = (c, s) => Staff(c) || Owner(c, s);
    private static readonly Func<Caller, ItemState, bool> PublishedOrStaffOrOwner = (c, s) => s == ItemState.Published || Staff(c) || Owner(c, s);

    /// <summary>"METHOD route" → who may call it. A route missing here fails the test: say who may call a new endpoint.
    /// Writes are sent with a body that cannot succeed (a stale version, an invalid status), so an allowed caller gets a
    /// 4xx that is not 401/403/404 and nothing changes.</summary>
    private static readonly Dictionary<string, Func<Caller, ItemState, bool>> Table = new(StringComparer.Ordinal)
    {
        // Pages
        ["GET /"] = Everyone,
        ["GET /search"] = Everyone,
        ["GET /account/login"] = Everyone,
        ["GET /account/logout"] = Everyone,
        ["GET /work"] = SignedIn,
        ["GET /account/authenticator"] = SignedIn,
        ["GET /account/tokens"] = SignedIn,
        ["GET /account/two-factor"] = Nobody, // without the password step's cookie it sends you to sign in
        ["GET /admin/outbox"] = SecretariatOnly,
        ["GET /admin/comments"] = SecretariatOnly,
        ["GET /history/{type}/{id:int}"] = StaffOnly,
        ["GET /rounds/new"] = SecretariatOnly,
        ["GET /rounds/{body}/{number:int}"] = Everyone,
        ["GET /rounds/{body}/{number:int}/manage"] = SecretariatOnly,
        ["GET /rounds/{body}/{number:int}/matrix"] = Everyone,
        ["GET /rounds/{body}/{number:int}/dashboard"] = Everyone,
        ["GET /rounds/{body}/{number:int}/report"] = Everyone,
        ["GET /rounds/{body}/{number:int}/reports/{id:int}"] = Everyone,
        ["GET /rounds/{body}/{number:int}/recommendations/{code}"] = Everyone,
        ["GET /rounds/{body}/{number:int}/compilation/{question?}"] = Everyone,
        ["GET /rounds/{body}/{number:int}/replies/{party}"] = PublishedToAll,
        ["GET /rounds/{body}/{number:int}/replies/{party}/edit"] = (c, s) => c != Caller.Anonymous && PublishedOrStaffOrOwner(c, s), // signed in; a submitted reply is read-only
        ["GET /rounds/{body}/{number:int}/replies/{party}/history"] = StaffOrOwner,
        ["GET /rounds/{body}/{number:int}/factsheets/{party}"] = PublishedToAll,
        ["GET /rounds/{body}/{number:int}/follow-up/{party}"] = StaffOrOwner,
        ["GET /rounds/{body}/{number:int}/comments/{party?}"] = (c, _) => c == Caller.CivilSociety,
        // Downloads
        ["GET /rounds/{body}/{number:int}/factsheets/{party}.{format:regex(^(pdf|docx|html)$)}"] = PublishedToAll,
        ["GET /rounds/{body}/{number:int}/compilation.{format:regex(^(pdf|docx|html)$)}"] = Everyone,
        ["GET /rounds/{body}/{number:int}/compliance-report.{format:regex(^(pdf|docx|html)$)}"] = Everyone,
        ["GET /rounds/{body}/{number:int}/reports/{id:int}.{format:regex(^(pdf|docx|html)$)}"] = Everyone, // published reports only (ReportTranslationTests)
        ["GET /site.css"] = Everyone,
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["GET /api/docs/{documentName?}"] = Everyone,
        ["GET /api/docs/favicon.svg"] = Everyone,
        ["GET /api/docs/scalar.js"] = Everyone,
        ["GET /api/docs/scalar.aspnetcore.js"] = Everyone,
        // API
        ["GET /api/v1/rounds/"] = Everyone,
        ["GET /api/v1/rounds/{body}/{number:int}/recommendations"] = Everyone,
        ["GET /api/v1/rounds/{body}/{number:int}/questions"] = Everyone,
        ["GET /api/v1/rounds/{body}/{number:int}/replies/{party}/"] = PublishedOrStaffOrOwner,
        ["PUT /api/v1/rounds/{body}/{number:int}/replies/{party}/"] = (c, s) => Owner(c, s),
        ["POST /api/v1/rounds/{body}/{number:int}/replies/{party}/import"] = (c, s) => Owner(c, s) || SecretariatOrAdmin(c),
        ["GET /api/v1/rounds/{body}/{number:int}/factsheets/{party}/boxes"] = PublishedToAll,
        ["GET /api/v1/rounds/{body}/{number:int}/matrix"] = Everyone,
        ["GET /api/v1/rounds/{body}/{number:int}/matrix.csv"] = Everyone,
        ["GET /api/v1/rounds/{body}/{number:int}/matrix.xlsx"] = Everyone,
        ["GET /api/v1/rounds/{body}/{number:int}/assessments"] = Everyone,
        ["PUT /api/v1/rounds/{body}/{number:int}/assessments/{code}/{party}"] = StaffOnly,
        ["POST /api/v1/rounds/"] = SecretariatOnly,
        ["POST /api/v1/rounds/{body}/{number:int}/questions"] = SecretariatOnly,
        ["POST /api/v1/rounds/{body}/{number:int}/status"] = SecretariatOnly,
        ["GET /api/v1/search"] = Everyone,
        ["GET /api/v1/export/{dataset}.{format}"] = Everyone,
        // Reply attachments (the route's reply is always Sylvania's draft, which holds a planted attachment)
        ["GET /api/v1/replies/{id:int}/attachments/"] = (c, _) => Staff(c) || c == Caller.FocalPointA,
        ["GET /api/v1/replies/{id:int}/attachments/{attachment:int}"] = (c, _) => Staff(c) || c == Caller.FocalPointA,
        ["POST /api/v1/replies/{id:int}/attachments/"] = (c, _) => c == Caller.FocalPointA,
        ["POST /api/v1/rounds/{body}/{number:int}/replies/{party}/reopen"] = SecretariatOnly,
        // Boxes over the API (both planted boxes wait for the Secretariat)
        ["GET /api/v1/rounds/{body}/{number:int}/factsheets/{party}/boxes/{id:int}"] = StaffOrOwner,
        ["POST /api/v1/rounds/{body}/{number:int}/factsheets/{party}/boxes"] = (c, s) => SecretariatOrAdmin(c) || Owner(c, s),
        ["PUT /api/v1/rounds/{body}/{number:int}/factsheets/{party}/boxes/{id:int}"] = (c, s) => SecretariatOrAdmin(c) || Owner(c, s),
        ["DELETE /api/v1/rounds/{body}/{number:int}/factsheets/{party}/boxes/{id:int}"] = (c, s) => SecretariatOrAdmin(c) || Owner(c, s),
        // Editing pages, translations, tags
        ["GET /rounds/{body}/{number:int}/factsheets/{party}/edit"] = SecretariatOnly,
        ["GET /rounds/{body}/{number:int}/report/draft"] = StaffOnly,
        ["GET /rounds/{body}/{number:int}/translations"] = SecretariatOnly,
        ["GET /translations/{kind}/{id:int}"] = SecretariatOnly,
        ["GET /api/v1/translations/"] = SecretariatOnly,
        ["GET /api/v1/translations/{kind}/{id:int}"] = SecretariatOnly,
        ["PUT /api/v1/translations/{kind}/{id:int}"] = SecretariatOnly, // "{}" without If-Match: 428 for the Secretariat
        ["GET /tags/{kind}/{id:int}"] = StaffOnly,
        ["GET /vocabularies"] = SecretariatOnly,
        ["GET /api/v1/tags/"] = Everyone,
        ["GET /api/v1/vocabularies"] = Everyone,
        ["POST /api/v1/tags/"] = StaffOnly,
        ["POST /api/v1/tags/suggest"] = StaffOnly,
    };

    /// <summary>Endpoints the matrix does not call, with the reason.</summary>
    private static readonly Dictionary<string, string> NotCalled = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/auth/token"] = "exchanges a password for a token; the rate-limit and log tests call it",
        ["GET /status/{code:int}"] = "the status page answers with the status it shows",
        ["GET /account/denied"] = "the access-denied page answers 403 to everyone, by design",
        ["DELETE /api/v1/replies/{id:int}/attachments/{attachment:int}"] = "removes the file for real; ReplyAttachmentsTests and IdorTests check who may",
        ["POST /api/v1/tags/{id:int}/accept"] = "decides a real suggestion; TagsTests.TagsApi_AddAcceptRejectSuggest_StaffOnly checks who may",
        ["POST /api/v1/tags/{id:int}/reject"] = "decides a real suggestion; TagsTests.TagsApi_AddAcceptRejectSuggest_StaffOnly checks who may",
    };

    /// <summary>Query strings that make an endpoint return rows (where a leak would show).</summary>
    private static readonly Dictionary<string, string> Queries = new(StringComparer.Ordinal)
    {
        ["/search"] = "?q=zqx*",
        ["/api/v1/search"] = "?q=zqx*",
        ["/api/v1/export/{dataset}.{format}"] = "?status=draft",
        ["/api/v1/tags/"] = "?kind=recommendation&id=1",
        ["/api/v1/translations/"] = "?body=Lanzarote&round=3",
    };

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_table_says()
    {
        await using var web = await WebApp.StartAsync();
        var ids = await PlantDraftsAsync(web);
        var clients = new Dictionary<Caller, HttpClient> { [Caller.Anonymous] = web.Client() };
        foreach (var (caller, email) in Emails) clients[caller] = await web.SignedInAsync(email);

        var endpoints = Endpoints(web);
        var unknown = endpoints.Where(e => !Table.ContainsKey(e) && !NotCalled.ContainsKey(e)).ToList();
        Assert.True(unknown.Count == 0, "Say in the table who may call: " + string.Join("; ", unknown));

        var failures = new List<string>();
        // Reads first, then writes (which are built to fail, but run last anyway).
        foreach (var key in endpoints.Where(Table.ContainsKey).OrderBy(k => k.StartsWith("GET ", StringComparison.Ordinal) ? 0 : 1))
        {
            var (method, route) = (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            if (route.Contains("/reports/{id", StringComparison.Ordinal) && ids.ReportId == 0) continue; // the demo data has no stored report
            // A route without an item in it answers the same whatever the item's state: called once.
            ItemState[] states = route.Contains("{party", StringComparison.Ordinal) || route.StartsWith("/history", StringComparison.Ordinal) ? [ItemState.Draft, ItemState.Published] : [ItemState.Published];
            foreach (var state in states)
            {
                var url = Fill(route, state, ids) + Queries.GetValueOrDefault(route, "");
                foreach (var (caller, client) in clients)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = WriteBody(method, route) };
                    using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                    var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    var expected = Table[key](caller, state);
                    var denied = IsDenied(response);
                    if ((int)response.StatusCode >= 500) failures.Add($"{method} {url} as {caller}: {(int)response.StatusCode}");
                    else if (expected == denied) failures.Add($"{method} {url} as {caller}: expected {(expected ? "allow" : "deny")}, got {(int)response.StatusCode}");
                    foreach (var marker in HiddenFrom(caller))
                        if (body.Contains(marker, StringComparison.OrdinalIgnoreCase))
                            failures.Add($"{method} {url} as {caller}: the response shows {marker}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches:\n" + string.Join("\n", failures));
    }

    /// <summary>Denied: 401, 403, 404, or a browser sent to the sign-in or access-denied page.</summary>
    internal static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } to
            && (to.Contains("/account/login", StringComparison.Ordinal) || to.Contains("/account/denied", StringComparison.Ordinal)));

    /// <summary>The markers a caller may not see.</summary>
    internal static IEnumerable<string> HiddenFrom(Caller caller)
    {
        if (Staff(caller)) yield break;
        if (caller != Caller.FocalPointA)
        {
            yield return SylvaniaReplyMarker;
            yield return SylvaniaBoxMarker;
        }
        if (caller != Caller.FocalPointB) yield return RuritaniaBoxMarker;
    }

    internal sealed record PlantedIds(string Question, int ReportId, int SylvaniaBox, int RuritaniaBox,
        int SylvaniaReply = 0, int SylvaniaAttachment = 0, int Recommendation = 0, int QuestionId = 0);

    /// <summary>Plants the markers: a word in Sylvania's draft reply, a draft box of Sylvania (in a new draft factsheet)
    /// and a draft box of Ruritania (waiting in its published factsheet).</summary>
    internal static async Task<PlantedIds> PlantDraftsAsync(WebApp web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RapporteurDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var sylvania = await db.Parties.SingleAsync(p => p.Name == DraftParty, ct);
        var ruritania = await db.Parties.SingleAsync(p => p.Name == PublishedParty, ct);
        var answer = await db.Set<Answer>().Where(a => db.Replies.Any(r => r.Id == a.ReplyId && r.PartyId == sylvania.Id)).OrderBy(a => a.Id).FirstAsync(ct);
        answer.Text += " " + SylvaniaReplyMarker;
        await db.SaveChangesAsync(ct);

        var boxes = scope.ServiceProvider.GetRequiredService<BoxEditor>();
        var a = await boxes.ProposeAsync(FocalPoint(sylvania.Id), "Lanzarote", 3, DraftParty, "II-1", Rapporteur.Core.Model.BoxType.FollowUp, $"Volunteers are checked too {SylvaniaBoxMarker}.", ct);
        var b = await boxes.ProposeAsync(FocalPoint(ruritania.Id), "Lanzarote", 3, PublishedParty, "II-1", Rapporteur.Core.Model.BoxType.FollowUp, $"Coaches are checked yearly {RuritaniaBoxMarker}.", ct);
        Assert.Equal(Rapporteur.Web.EditOutcome.Saved, a.Outcome);
        Assert.Equal(Rapporteur.Web.EditOutcome.Saved, b.Outcome);
        var question = await db.Questions.OrderBy(q => q.Id).Select(q => new { q.Number, q.Id }).FirstAsync(ct);
        var report = await db.Set<Report>().OrderBy(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var reply = await db.Replies.SingleAsync(r => r.PartyId == sylvania.Id && db.Rounds.Any(x => x.Id == r.RoundId && x.Number == 3), ct);
        var attachments = scope.ServiceProvider.GetRequiredService<Rapporteur.Features.Replies.ReplyAttachments>();
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("Notes of the working group " + SylvaniaReplyMarker));
        var attached = await attachments.AddAsync(FocalPoint(sylvania.Id), reply, null, "notes.txt", file, ct);
        Assert.True(attached.Succeeded, attached.Detail);
        var recommendation = await db.Recommendations.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(ct);
        return new(question.Number, report, a.Version, b.Version, reply.Id, attached.Attachment!.Id, recommendation, question.Id);
    }

    private static ClaimsPrincipal FocalPoint(int party) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "focal point"), new Claim(ClaimTypes.Role, Roles.FocalPoint), new Claim(Rapporteur.Web.Security.PartyClaim, party.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));

    /// <summary>"METHOD /route" for every routed endpoint (pages: GET, and POST when their model has a POST handler).</summary>
    private static List<string> Endpoints(WebApp web)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            {
                keys.Add("GET " + route);
                continue;
            }
            foreach (var m in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                if (m is not ("HEAD" or "OPTIONS")) keys.Add(m + " " + route);
        }
        return [.. keys];
    }

    /// <summary>The route with every parameter filled from the demo data.</summary>
    internal static string Fill(string route, ItemState state, PlantedIds ids)
    {
        var party = state == ItemState.Draft ? DraftParty : PublishedParty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["body"] = "Lanzarote",
            ["number"] = "3",
            ["party"] = Uri.EscapeDataString(party),
            ["code"] = "II-1",
            ["id"] = (route.StartsWith("/history", StringComparison.Ordinal) || route.Contains("/boxes/", StringComparison.Ordinal)
                ? (state == ItemState.Draft ? ids.SylvaniaBox : ids.RuritaniaBox)
                : route.StartsWith("/api/v1/replies/", StringComparison.Ordinal) ? ids.SylvaniaReply
                : route.StartsWith("/translations/", StringComparison.Ordinal) || route.StartsWith("/api/v1/translations/", StringComparison.Ordinal) ? ids.Recommendation
                : route.StartsWith("/tags/", StringComparison.Ordinal) ? ids.QuestionId
                : ids.ReportId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["attachment"] = ids.SylvaniaAttachment.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["kind"] = route.StartsWith("/tags/", StringComparison.Ordinal) ? "question" : "recommendation",
            ["type"] = BoxEditor.EntityType,
            ["question"] = ids.Question,
            ["format"] = route.Contains("export", StringComparison.Ordinal) ? "json" : "html",
            ["dataset"] = "replies",
            ["documentName"] = "v1",
            ["path"] = "",
        };
        return System.Text.RegularExpressions.Regex.Replace(route, @"\{\*{0,2}(?<name>[a-zA-Z]+)[^}]*\}",
            m => values.TryGetValue(m.Groups["name"].Value, out var v) ? v : throw new InvalidOperationException($"no value for {m.Value} in {route}"));
    }

    /// <summary>A body no write can succeed with: a stale version, an unknown status.</summary>
    private static HttpContent? WriteBody(string method, string route) => method switch
    {
        "GET" => null,
        _ when route.EndsWith("/import", StringComparison.Ordinal) => new MultipartFormDataContent { { new StringContent("Nothing that answers a question."), "document", "reply.txt" } },
        _ when route.EndsWith("/replies/{party}/", StringComparison.Ordinal) => Json("""{"answers":[],"version":9999}"""),
        // A file no reply may carry (an executable): an allowed caller gets 415 from the type check, after the authorization.
        _ when route.EndsWith("/attachments/", StringComparison.Ordinal) => new MultipartFormDataContent { { new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00, 0x03]), "file", "tool.exe" } },
        _ when route.EndsWith("/tags/suggest", StringComparison.Ordinal) => Json("""{"body":"Lanzarote","round":3}"""),
        _ when route.EndsWith("/status", StringComparison.Ordinal) => Json("""{"status":"no-such-status"}"""),
        _ when route.Contains("/assessments/", StringComparison.Ordinal) => Json("""{"status":"no-such-status","version":9999}"""),
        _ => Json("{}"),
    };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
