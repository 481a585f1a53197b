using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Data;
using Rapporteur.Features.Account;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Security;

/// <summary>Personal access tokens: made on /account/tokens by a web session (after two-factor sign-in and with the
/// code again, or with the password for accounts without two-factor), shown once, stored hashed, used without a second
/// factor, refused once revoked or expired; the password-for-token endpoint still refuses two-factor accounts.</summary>
public sealed partial class ApiTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string DraftReply = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";

    [Fact]
    public async Task TwoFactorAccount_CreatesATokenInItsTwoFactorSession_AndUsesItWithoutACode()
    {
        await using var web = await WebApp.StartAsync(configure: b => b.Configuration["Security:RequireTwoFactorForStaff"] = "true");
        var session = await web.SignedInAsync("rapporteur@demo.test");
        var page = await session.GetStringAsync(new Uri("/account/authenticator", UriKind.Relative), Ct);
        var key = Secret().Match(page).Groups[1].Value;
        var enrol = await WebApp.FormAsync(session, "/account/authenticator");
        using (var on = await session.PostAsync(new Uri("/account/authenticator", UriKind.Relative), Form(enrol, ("code", TwoFactorTests.Totp(key, DateTimeOffset.UtcNow))), Ct))
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);

        // A password alone gets no token for this account; the refusal says where tokens come from.
        using (var refused = await web.Client().PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative),
                   new { email = "rapporteur@demo.test", password = Rapporteur.Features.Demo.DemoAccounts.Password }, Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("/account/tokens", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var form = await WebApp.FormAsync(session, "/account/tokens");
        using (var wrong = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative), Form(form, ("name", "nightly export"), ("days", "30"), ("code", "000000")), Ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            Assert.DoesNotMatch(TokenPattern(), await wrong.Content.ReadAsStringAsync(Ct));
        }
        using var created = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative),
            Form(form, ("name", "nightly export"), ("days", "30"), ("code", TwoFactorTests.Totp(key, DateTimeOffset.UtcNow))), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = TokenPattern().Match(await created.Content.ReadAsStringAsync(Ct)).Value;
        Assert.NotEmpty(token);

        // Shown once: the list names it, never shows it again; only a hash is stored.
        var list = await session.GetStringAsync(new Uri("/account/tokens", UriKind.Relative), Ct);
        Assert.Contains("nightly export", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapporteurDbContext>();
            var stored = await db.UserTokens.Where(t => t.LoginProvider == ApiTokens.Provider).Select(t => t.Value).SingleAsync(Ct);
            Assert.DoesNotContain(token.Split('_', 3)[2], stored!, StringComparison.Ordinal);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "token.create", Ct));
        }

        // The token acts as the rapporteur (staff read a Party's draft) and counts as two-factor for the staff rule.
        var script = web.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri(DraftReply, UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative), Ct)).StatusCode);
        // A token cannot manage tokens: that page takes only the browser session.
        Assert.NotEqual(HttpStatusCode.OK, (await script.GetAsync(new Uri("/account/tokens", UriKind.Relative), Ct)).StatusCode);

        Assert.NotEqual(HttpStatusCode.Unauthorized, await WriteAsync(script));

        var id = token.Split('_')[1];
        using (var revoked = await session.PostAsync(new Uri("/account/tokens?handler=Revoke", UriKind.Relative), Form(form, ("id", id)), Ct))
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync(script));
    }

    [Fact]
    public async Task AccountWithoutTwoFactor_CreatesATokenWithItsPassword_ThatExpires()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var web = await WebApp.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var session = await web.SignedInAsync("sylvania@demo.test");
        var form = await WebApp.FormAsync(session, "/account/tokens");
        using (var wrong = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative), Form(form, ("name", "sync"), ("days", "30"), ("password", "not the password")), Ct))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        using (var odd = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative), Form(form, ("name", "sync"), ("days", "5000"), ("password", Rapporteur.Features.Demo.DemoAccounts.Password)), Ct))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, odd.StatusCode);
        using var created = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative),
            Form(form, ("name", "sync"), ("days", "30"), ("password", Rapporteur.Features.Demo.DemoAccounts.Password)), Ct);
        var token = TokenPattern().Match(await created.Content.ReadAsStringAsync(Ct)).Value;
        Assert.NotEmpty(token);

        var script = web.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri(DraftReply, UriKind.Relative), Ct)).StatusCode);
        // A forged secret for a real id, and the real token once expired: both 401.
        var forged = web.Client();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[.."rap_0123456789abcdef_".Length] + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync(forged));
        Assert.NotEqual(HttpStatusCode.Unauthorized, await WriteAsync(script));
        clock.Now = clock.Now.AddDays(31);
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync(script));
        Assert.NotEqual(HttpStatusCode.OK, (await script.GetAsync(new Uri(DraftReply, UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task TokenCreation_WrongPasswordFiveTimes_LocksTheAccountLikeSignIn()
    {
        await using var web = await WebApp.StartAsync();
        var session = await web.SignedInAsync("ngo@demo.test");
        var form = await WebApp.FormAsync(session, "/account/tokens");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative), Form(form, ("name", "guess"), ("days", "30"), ("password", $"guess {i}")), Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        }
        using var right = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative),
            Form(form, ("name", "guess"), ("days", "30"), ("password", Rapporteur.Features.Demo.DemoAccounts.Password)), Ct);
        var body = await right.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.StatusCode);
        Assert.Contains("locked", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenPattern(), body);
    }

    [Fact]
    public async Task InvalidBearerToken_OnAPublicRead_Answers401WithProblemDetails()
    {
        await using var web = await WebApp.StartAsync();
        var session = await web.SignedInAsync("sylvania@demo.test");
        var form = await WebApp.FormAsync(session, "/account/tokens");
        using var created = await session.PostAsync(new Uri("/account/tokens", UriKind.Relative),
            Form(form, ("name", "sync"), ("days", "30"), ("password", Rapporteur.Features.Demo.DemoAccounts.Password)), Ct);
        var token = TokenPattern().Match(await created.Content.ReadAsStringAsync(Ct)).Value;
        Assert.NotEmpty(token);
        const string PublicRead = "/api/v1/rounds";

        // Anonymous callers and the right token read; a forged secret, an unknown id, a malformed rap_ token and a
        // bearer token that is not one of ours all get 401 with a reason, not the anonymous view.
        Assert.Equal(HttpStatusCode.OK, (await web.Client().GetAsync(new Uri(PublicRead, UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(web, token).GetAsync(new Uri(PublicRead, UriKind.Relative), Ct)).StatusCode);
        foreach (var wrong in new[] { token[.."rap_0123456789abcdef_".Length] + new string('A', 43), "rap_0123456789abcdef_" + new string('A', 43), "rap_not-a-token", "not-a-token" })
        {
            using var response = await Bearer(web, wrong).GetAsync(new Uri(PublicRead, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
            Assert.Equal("Invalid token", problem.GetProperty("title").GetString());
            Assert.Contains("no Authorization header", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        // Public pages too: a script that reads them with a bad token learns it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(web, "rap_0123456789abcdef_" + new string('A', 43)).GetAsync(new Uri("/rounds/Lanzarote/3", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task TokenLookup_ByProviderAndId_UsesAnIndex()
    {
        var store = await TestData.NewStoreAsync();
        await using var db = store.CreateContext();
        var entity = db.Model.FindEntityType(typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<string>))!;
        Assert.Contains(entity.GetIndexes(), i => i.Properties.Select(p => p.Name).SequenceEqual(["LoginProvider", "Name"]));

        // The migrated database has it, and SQLite's planner takes it for the handler's query (not a scan of the table).
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT UserId, Value FROM AspNetUserTokens WHERE LoginProvider = 'Rapporteur.ApiToken' AND Name = '0123456789abcdef'";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) plan.Add(reader.GetString(3));
        Assert.Contains(plan, p => p.Contains("USING INDEX IX_AspNetUserTokens_LoginProvider_Name", StringComparison.Ordinal));
    }

    private static HttpClient Bearer(WebApp web, string token)
    {
        var client = web.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A save of the draft that cannot succeed (no version): 401 when the caller is not signed in, else a
    /// 4xx about the request itself.</summary>
    private static async Task<HttpStatusCode> WriteAsync(HttpClient client)
    {
        using var response = await client.PutAsJsonAsync(new Uri(DraftReply, UriKind.Relative), new { answers = Array.Empty<object>() }, Ct);
        return response.StatusCode;
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> hidden, params (string Name, string Value)[] fields) =>
        new([.. hidden, .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("secret=([A-Z2-7]+)")]
    private static partial Regex Secret();

    [GeneratedRegex("rap_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
