using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Data;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>The output cache of anonymous public pages and API reads (Web/PublicCache.cs): it serves what it stored,
/// forgets it at the next save, and never crosses the line between anonymous and signed-in users.</summary>
public sealed class PublicCacheTests
{
    private const string Title = "Protecting children against sexual abuse in organised sport and leisure activities";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    /// <summary>Changes the round's title behind EF's back (no interceptor sees it), as another process would.</summary>
    private static async Task RenameBehindTheCacheAsync(DataStore store, string title)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DatabaseFile, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Rounds SET TitleEn = $title WHERE Number = 3";
        command.Parameters.AddWithValue("$title", title);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    /// <summary>The output cache marks what it serves with an Age header; a rendered response has none.</summary>
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    /// <summary>GETs until the answer comes from the cache (a write between two reads, e.g. the outbox at start-up,
    /// lets the first stored answer go): the page is cacheable.</summary>
    private static async Task<string> CachedAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(U(path), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (FromCache(response)) return await response.Content.ReadAsStringAsync(Ct);
        }
        Assert.Fail($"{path} was never served from the output cache");
        return "";
    }

    private static HttpMessageHandler Handler(WebApp web) =>
        ((Microsoft.AspNetCore.TestHost.TestServer)web.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()).CreateHandler();

    [Theory]
    [InlineData("/")]
    [InlineData("/rounds/Lanzarote/3")]
    [InlineData("/api/v1/rounds")]
    public async Task PublicRead_CachedForAnonymous_ChangesAfterTheNextSave(string path)
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        Assert.Contains(Title, await CachedAsync(anonymous, path), StringComparison.Ordinal);

        // A save through EF (as every edit and publication is) bumps the generation: the next read is fresh.
        await using (var db = web.Store.CreateContext())
        {
            var round = await db.Rounds.SingleAsync(r => r.Number == 3, Ct);
            round.TitleEn = "EDITED TITLE";
            await db.SaveChangesAsync(Ct);
        }
        using var edited = await anonymous.GetAsync(U(path), Ct);
        Assert.False(FromCache(edited));
        var html = await edited.Content.ReadAsStringAsync(Ct);
        Assert.Contains("EDITED TITLE", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Title, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPage_BulkUpdateOutsideSaveChanges_StillInvalidates()
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        Assert.Contains(Title, await CachedAsync(anonymous, "/"), StringComparison.Ordinal);
        await using (var db = web.Store.CreateContext())
            await db.Rounds.Where(r => r.Number == 3).ExecuteUpdateAsync(s => s.SetProperty(r => r.TitleEn, "BULK TITLE"), Ct);
        Assert.Contains("BULK TITLE", await anonymous.GetStringAsync(U("/"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPage_WriteByAnotherProcess_ShowsWithinTheFileCheck()
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        Assert.Contains(Title, await CachedAsync(anonymous, "/"), StringComparison.Ordinal);
        await RenameBehindTheCacheAsync(web.Store, "ANOTHER PROCESS");
        // The SQLite files are looked at every 0.1 s: the change shows well within a few seconds.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!(await anonymous.GetStringAsync(U("/"), Ct)).Contains("ANOTHER PROCESS", StringComparison.Ordinal))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "a write by another process never showed");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task PublicPage_SignedInAndAnonymous_NeverGetEachOthersCachedPage()
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        using var staff = await web.SignedInAsync("secretariat@demo.test");
        const string page = "/rounds/Lanzarote/3";

        // Anonymous first (stored), then signed in: the signed-in user gets their own page, not the stored one.
        Assert.DoesNotContain("Sign out", await CachedAsync(anonymous, page), StringComparison.Ordinal);
        using (var signedIn = await staff.GetAsync(U(page), Ct))
        {
            Assert.False(FromCache(signedIn));
            Assert.Contains("Sign out", await signedIn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Signed in first on a fresh key (never stored), then anonymous: no trace of the user.
        var fresh = page + "?x=1";
        for (var i = 0; i < 2; i++)
        {
            using var signedIn = await staff.GetAsync(U(fresh), Ct);
            Assert.False(FromCache(signedIn));
            Assert.Contains("Sign out", await signedIn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using (var after = await anonymous.GetAsync(U(fresh), Ct))
        {
            Assert.False(FromCache(after));
            Assert.DoesNotContain("Sign out", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // A bearer token, or a stale or forged sign-in cookie, is not anonymous either: never served from the cache.
        using var token = await web.WithTokenAsync("secretariat@demo.test");
        await CachedAsync(anonymous, "/api/v1/rounds");
        using (var withToken = await token.GetAsync(U("/api/v1/rounds"), Ct)) Assert.False(FromCache(withToken));
        await CachedAsync(anonymous, page);
        using var forged = new HttpRequestMessage(HttpMethod.Get, U(page));
        forged.Headers.Add("Cookie", "rapporteur=not-a-valid-ticket");
        using (var response = await anonymous.SendAsync(forged, Ct)) Assert.False(FromCache(response));
    }

    [Fact]
    public async Task PublicPage_CachedPerLanguage_AndNotPagesWithForms()
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        var english = await anonymous.GetStringAsync(U("/rounds/Lanzarote/3"), Ct);
        using var french = new HttpRequestMessage(HttpMethod.Get, U("/rounds/Lanzarote/3"));
        french.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var inFrench = await (await anonymous.SendAsync(french, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"fr\">", inFrench, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.NotEqual(english, inFrench);

        // The sign-in page carries an antiforgery token tied to each visitor's cookie: it is never stored (and it is
        // outside the cached paths anyway); every visitor gets their own token.
        using var one = new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()) { InnerHandler = Handler(web) }) { BaseAddress = new Uri("http://localhost") };
        using var two = new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()) { InnerHandler = Handler(web) }) { BaseAddress = new Uri("http://localhost") };
        var tokenOne = (await WebApp.FormAsync(one, "/account/login"))["__RequestVerificationToken"];
        var tokenTwo = (await WebApp.FormAsync(two, "/account/login"))["__RequestVerificationToken"];
        Assert.NotEqual(tokenOne, tokenTwo);
        Assert.False(Rapporteur.Web.PublicCache.Cacheable("/account/login"));
    }

    [Fact]
    public async Task ApiRead_CachedWithItsETag_AnswersIfNoneMatchWith304()
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        var first = await anonymous.GetAsync(U("/api/v1/rounds/Lanzarote/3/recommendations"), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var second = await anonymous.GetAsync(U("/api/v1/rounds/Lanzarote/3/recommendations"), Ct);
        Assert.Equal(etag, second.Headers.ETag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, U("/api/v1/rounds/Lanzarote/3/recommendations"));
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional, Ct)).StatusCode);
    }
}
