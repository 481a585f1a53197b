using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Tests.Support;
using Rapporteur.Web;

namespace Rapporteur.Tests.Features.Security;

/// <summary>Antiforgery on every form, XSS payloads through the sanitiser and every page that shows people's text,
/// security headers, cookie flags and HSTS.</summary>
public sealed partial class WebSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Payloads = File.ReadAllLines(Path.Combine(TestData.Root, "tests", "Rapporteur.Tests", "Features", "Security", "xss-payloads.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public async Task EveryPagePost_WithoutAntiforgeryToken_Is400OrRefused()
    {
        await using var web = await WebApp.StartAsync();
        var ids = await AuthorizationMatrixTests.PlantDraftsAsync(web);
        var clients = new List<(string, HttpClient)> { ("anonymous", web.Client()) };
        foreach (var email in new[] { "admin@demo.test", "rapporteur@demo.test", "ngo@demo.test", "sylvania@demo.test" })
            clients.Add((email, await web.SignedInAsync(email)));
        var failures = new List<string>();
        var posts = 0;
        foreach (var (route, handler) in PagePosts(web))
        {
            posts++;
            var url = AuthorizationMatrixTests.Fill(route, ItemState.Draft, ids) + (handler.Length > 0 ? "?handler=" + handler : "");
            var stopped = false;
            foreach (var (who, client) in clients)
            {
                using var response = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent([new("text", "no token"), new("email", "x@y.z")]), Ct);
                if (response.StatusCode == HttpStatusCode.BadRequest) stopped = true;
                else if (!AuthorizationMatrixTests.IsDenied(response)) failures.Add($"POST {url} as {who} without a token: {(int)response.StatusCode}");
            }
            if (!stopped) failures.Add($"POST {url}: no caller was stopped by the antiforgery check (all refused earlier)");
        }
        Assert.True(posts >= 8, $"only {posts} page forms found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Sanitizer_OwaspPayloads_LeaveNothingExecutable()
    {
        foreach (var payload in Payloads)
        {
            var clean = RichText.Sanitize(payload);
            Assert.True(Executable(clean) is null, $"{payload} → {clean}");
            var shown = RichText.ToHtml(payload).ToString() ?? "";
            Assert.True(Executable(shown) is null, $"{payload} → {shown}");
        }
    }

    /// <summary>Payloads put straight into the store (as an old import or a sanitiser bypass would leave them) are
    /// harmless on every page that shows them: reply text, compilation, box text, comments, assessment notes, search.</summary>
    [Fact]
    public async Task StoredPayloads_AreHarmlessOnEveryPageThatShowsPeoplesText()
    {
        await using var web = await WebApp.StartAsync();
        var all = string.Join("\n", Payloads);
        string question;
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapporteurDbContext>();
            var ruritania = await db.Parties.SingleAsync(p => p.Name == "Ruritania", Ct);
            var answers = await db.Set<Answer>().Where(a => db.Replies.Any(r => r.Id == a.ReplyId && r.PartyId == ruritania.Id)).OrderBy(a => a.Id).ToListAsync(Ct);
            answers[0].Text = "<p>rich answer</p>" + all; // the sanitiser's path
            answers[1].Text = "plain answer xsstext\n" + all; // the encoder's path
            question = await db.Questions.Where(q => q.Id == answers[0].QuestionId).Select(q => q.Number).SingleAsync(Ct);
            foreach (var box in await db.Boxes.ToListAsync(Ct)) box.Text = all;
            foreach (var block in await db.Set<FactsheetBlock>().ToListAsync(Ct)) block.Text = "<p>block</p>" + all;
            foreach (var assessment in await db.Assessments.ToListAsync(Ct)) assessment.Note = all;
            var round = await db.Rounds.SingleAsync(Ct);
            var ngo = await db.Users.SingleAsync(u => u.Email == "ngo@demo.test", Ct);
            db.Comments.Add(new Comment { AuthorId = ngo.Id, AuthorName = "<i>xss author</i>" + all, RoundId = round.Id, PartyId = ruritania.Id, Text = all, Organisation = all, Status = CommentStatus.Approved, CreatedAt = DateTimeOffset.UtcNow });
            db.Comments.Add(new Comment { AuthorId = ngo.Id, AuthorName = all, RoundId = round.Id, Text = "<p>c</p>" + all, Organisation = "<b>org</b>", Status = CommentStatus.Pending, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        var pages = new[]
        {
            "/rounds/Lanzarote/3", "/rounds/Lanzarote/3/replies/Ruritania", "/rounds/Lanzarote/3/replies/Ruritania/edit",
            $"/rounds/Lanzarote/3/compilation/{question}", "/rounds/Lanzarote/3/factsheets/Ruritania", "/rounds/Lanzarote/3/factsheets/Ruritania.html",
            "/rounds/Lanzarote/3/follow-up/Ruritania", "/rounds/Lanzarote/3/recommendations/II-1", "/rounds/Lanzarote/3/recommendations/II-2",
            "/admin/comments", "/search?q=xss", "/search?q=alert", "/search?q=" + Uri.EscapeDataString("<script>alert('xss')</script>"),
        };
        var secretariat = await web.SignedInAsync("secretariat@demo.test");
        var failures = new List<string>();
        foreach (var page in pages)
        {
            using var response = await secretariat.GetAsync(new Uri(page, UriKind.Relative), Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            if (!response.IsSuccessStatusCode) failures.Add($"{page}: {(int)response.StatusCode}");
            else if (Executable(html) is { } found) failures.Add($"{page}: {found}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_AndCookiesTheirFlags()
    {
        await using var web = await WebApp.StartAsync();
        var client = web.Client();
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        // HTTP: no HSTS (it would be ignored and is wrong to send), no Secure cookies.
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));

        var antiforgery = Cookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        var signIn = await SignInAsync(web, "http://localhost");
        var session = Cookies(signIn).Single(c => c.StartsWith("rapporteur=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", session.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Https_AddsHsts_AndMarksCookiesSecure()
    {
        await using var web = await WebApp.StartAsync();
        var signIn = await SignInAsync(web, "https://rapporteur.example");
        Assert.Contains("max-age=31536000", signIn.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        foreach (var cookie in Cookies(signIn))
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(Cookies(signIn));
    }

    /// <summary>Signs in through the form at <paramref name="origin"/>; the response is the sign-in POST's.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(WebApp web, string origin)
    {
        var client = web.Client();
        client.BaseAddress = new Uri(origin);
        using var form = await client.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);
        var html = await form.Content.ReadAsStringAsync(Ct);
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("email", "secretariat@demo.test"), new("password", Rapporteur.Features.Demo.DemoAccounts.Password), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", string.Join("; ", Cookies(form).Select(c => c[..c.IndexOf(';', StringComparison.Ordinal)])));
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static readonly string[] Dangerous = ["script", "iframe", "object", "embed", "base", "frame", "frameset", "applet"];

    /// <summary>Where a payload could run, read as a browser reads the page: a script or style element, an element that
    /// loads active content, an event-handler attribute or a javascript:/vbscript:/data: URL, each carrying the payload.</summary>
    private static string? Executable(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            var name = element.LocalName;
            var payload = element.OuterHtml.Contains("xss", StringComparison.OrdinalIgnoreCase) || element.OuterHtml.Contains("alert", StringComparison.OrdinalIgnoreCase)
                || element.OuterHtml.Contains("88,83,83", StringComparison.Ordinal);
            if (Dangerous.Contains(name) && payload) return Cut(element.OuterHtml);
            if (name == "style" && payload) return Cut(element.OuterHtml);
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) return $"<{name} {attribute.Name}=\"{Cut(attribute.Value)}\">";
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                if (value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("vbscript:", StringComparison.Ordinal)
                    || value.StartsWith("data:text/html", StringComparison.Ordinal) || (attribute.Name == "content" && value.Contains("url=javascript:", StringComparison.Ordinal))
                    || (attribute.Name == "style" && value.Contains("javascript:", StringComparison.Ordinal)))
                    return $"<{name} {attribute.Name}=\"{Cut(attribute.Value)}\">";
            }
        }
        return null;
    }

    private static string Cut(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>Pages with a POST handler, with the handler's name ("" for OnPost).</summary>
    private static IEnumerable<(string Route, string Handler)> PagePosts(WebApp web)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            if (!seen.Add(route)) continue;
            var model = typeof(WebHost).Assembly.GetTypes().FirstOrDefault(t => t.IsSubclassOf(typeof(PageModel)) && t.Namespace is not null
                && "/" + t.Namespace.Replace("Rapporteur.Features.", "", StringComparison.Ordinal).Replace('.', '/') + "/" + t.Name[..^"Model".Length] == page.ViewEnginePath);
            foreach (var m in model?.GetMethods().Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)) ?? [])
                yield return (route, m.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
