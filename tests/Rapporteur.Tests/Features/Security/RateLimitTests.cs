using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Security;

/// <summary>Sign-in attempts per address + account and API requests per user are limited (429 ProblemDetails with
/// Retry-After), from configuration; the other tests run with the limits off.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Action<WebApplicationBuilder> Limits(int login, int api) => b =>
    {
        b.Configuration["RateLimits:Enabled"] = "true";
        b.Configuration["RateLimits:LoginPermits"] = login.ToString(System.Globalization.CultureInfo.InvariantCulture);
        b.Configuration["RateLimits:LoginWindowSeconds"] = "300";
        b.Configuration["RateLimits:ApiPermits"] = api.ToString(System.Globalization.CultureInfo.InvariantCulture);
        b.Configuration["RateLimits:ApiWindowSeconds"] = "300";
    };

    [Fact]
    public async Task TokenEndpoint_TooManyAttemptsOnOneAccount_Is429WithRetryAfter_OtherAccountsStillServed()
    {
        await using var web = await WebApp.StartAsync(configure: Limits(login: 3, api: 1000));
        var client = web.Client();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email = "ngo@demo.test", password = "not-the-password" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var limited = await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email = "NGO@demo.test", password = "rapporteur-demo-2026" }, Ct);
        await AssertTooManyAsync(limited);
        // Another account from the same address is not held back by the first one's attempts.
        using var other = await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email = "sylvania@demo.test", password = "rapporteur-demo-2026" }, Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task LoginPage_TooManyAttempts_Is429()
    {
        await using var web = await WebApp.StartAsync(configure: Limits(login: 2, api: 1000));
        var client = web.Client();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.PostAsync(new Uri("/account/login", UriKind.Relative),
                new FormUrlEncodedContent([new("email", "ngo@demo.test"), new("password", "wrong")]), Ct);
        }
        await AssertTooManyAsync(last!);
        last!.Dispose();
    }

    [Fact]
    public async Task Api_TooManyRequestsFromOneUser_Is429_AnotherUserIsServed()
    {
        await using var web = await WebApp.StartAsync(configure: Limits(login: 100, api: 5));
        var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await sylvania.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative), Ct)).StatusCode);
        using var limited = await sylvania.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative), Ct);
        await AssertTooManyAsync(limited);
        using var other = await ruritania.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        // Pages are not the API: people browsing are not limited here.
        using var page = await web.Client().GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retry = response.Headers.RetryAfter?.Delta;
        Assert.True(retry is { TotalSeconds: > 0 and <= 300 }, $"Retry-After: {response.Headers.RetryAfter}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(429, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Retry after", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
