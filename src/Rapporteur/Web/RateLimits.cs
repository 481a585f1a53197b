using Rapporteur.Features.Languages;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Rapporteur.Web;

/// <summary>Limits from configuration (section <c>RateLimits</c>, e.g. <c>RateLimits__LoginPermits=20</c>): sign-in
/// attempts per client address and account, and API requests per signed-in user (or per address when anonymous).</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts (page and token endpoint) per address + account in one window.</summary>
    public int LoginPermits { get; set; } = 10;

    public int LoginWindowSeconds { get; set; } = 60;

    /// <summary>API requests per user (or per address when anonymous) in one window.</summary>
    public int ApiPermits { get; set; } = 600;

    public int ApiWindowSeconds { get; set; } = 60;
}

/// <summary>Rate limits (429 ProblemDetails with Retry-After), HSTS on HTTPS and the antiforgery cookie's flags:
/// what ASVS level 2 asks of the web host beyond <see cref="Security"/>.</summary>
public static class Hardening
{
    public static IServiceCollection AddRapporteurHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("RateLimits"));
        services.AddSingleton<LoginLimiter>();
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
                return new ValueTask(TooManyAsync(context.HttpContext, retry, "Too many API requests: wait before sending more."));
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
                if (!limits.Enabled || !http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                // Per user whether the user came with a token or a cookie; anonymous callers per address.
                var key = http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.Identity.Name : "ip:" + Address(http);
                return RateLimitPartition.GetFixedWindowLimiter($"{key}|{limits.ApiPermits}|{limits.ApiWindowSeconds}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.ApiPermits),
                    Window = TimeSpan.FromSeconds(Math.Max(1, limits.ApiWindowSeconds)),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>After authentication: the API limit needs the user, the sign-in limit the posted account.</summary>
    public static WebApplication UseRapporteurHardening(this WebApplication app)
    {
        app.UseHsts();
        app.Use(LimitSignIns);
        app.UseRateLimiter();
        app.Use(RequireTwoFactorForStaff);
        return app;
    }

    /// <summary>With <c>Security:RequireTwoFactorForStaff</c> on, staff sessions that did not pass the authenticator
    /// step are sent to set it up (pages) or refused (API, 403); account pages stay reachable.</summary>
    private static async Task RequireTwoFactorForStaff(HttpContext http, Func<Task> next)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && user.IsStaff() && !user.HasClaim("amr", "mfa")
            && http.RequestServices.GetRequiredService<IConfiguration>().GetValue<bool>("Security:RequireTwoFactorForStaff")
            && !http.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
            && !http.Request.Path.StartsWithSegments("/site.css", StringComparison.OrdinalIgnoreCase))
        {
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(title: Say.Text("Two-factor authentication required"), detail: Say.Text("Staff accounts sign in with two-factor authentication: set it up at /account/authenticator."),
                    statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
                return;
            }
            http.Response.Redirect("/account/authenticator?required=true");
            return;
        }
        await next();
    }

    private static async Task LimitSignIns(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path;
        if (!HttpMethods.IsPost(http.Request.Method)
            || !(path.Equals("/account/login", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/v1/auth/token", StringComparison.OrdinalIgnoreCase)))
        {
            await next();
            return;
        }
        var limiter = http.RequestServices.GetRequiredService<LoginLimiter>();
        var account = await AccountAsync(http);
        if (limiter.TryEnter(Address(http), account) is { } retry)
        {
            await TooManyAsync(http, retry, "Too many sign-in attempts from this address for this account: wait before trying again.");
            return;
        }
        await next();
    }

    /// <summary>The e-mail the request signs in with (form field or JSON property), lower-cased; "" when none.</summary>
    private static async Task<string> AccountAsync(HttpContext http)
    {
        if (http.Request.HasFormContentType)
            return (await http.Request.ReadFormAsync(http.RequestAborted))["email"].ToString().Trim().ToLowerInvariant();
        if (http.Request.ContentLength is > 64 * 1024) return "";
        http.Request.EnableBuffering();
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals("email", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } email
                ? email.GetString()!.Trim().ToLowerInvariant() : "";
        }
        catch (JsonException)
        {
            return "";
        }
        finally
        {
            http.Request.Body.Position = 0;
        }
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    private static async Task TooManyAsync(HttpContext http, TimeSpan retry, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(title: Say.Text("Too many requests"), detail: Say.Format("{0} Retry after {1} s.", detail, seconds), statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(http);
    }
}

/// <summary>Fixed windows of sign-in attempts per address + account, so one address cannot try many passwords on one
/// account (the lockout also applies) nor spray one password across accounts faster than the window allows each.</summary>
internal sealed class LoginLimiter(IOptionsMonitor<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
    {
        var limits = options.CurrentValue;
        return RateLimitPartition.GetFixedWindowLimiter($"{key}|{limits.LoginPermits}|{limits.LoginWindowSeconds}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.LoginPermits),
            Window = TimeSpan.FromSeconds(Math.Max(1, limits.LoginWindowSeconds)),
            QueueLimit = 0,
        });
    });

    /// <summary>Null when the attempt may go on; else how long to wait.</summary>
    public TimeSpan? TryEnter(string address, string account)
    {
        if (!options.CurrentValue.Enabled) return null;
        using var lease = _limiter.AttemptAcquire($"{address}|{account}");
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(options.CurrentValue.LoginWindowSeconds);
    }

    public void Dispose() => _limiter.Dispose();
}
