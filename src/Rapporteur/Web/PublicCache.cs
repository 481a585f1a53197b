using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Rapporteur.Data;

namespace Rapporteur.Web;

/// <summary>
/// The output cache for what anyone may read: anonymous GETs of the public pages (home, rounds and everything under
/// them) and of the API's round reads, plus the style sheet. Rules, each of which keeps a response from crossing users:
/// <list type="bullet">
/// <item>Only requests with no <c>Authorization</c> header, no cookie of ours (<c>rapporteur</c>, <c>rapporteur.2fa</c>,
/// even an expired one) and no authenticated user are looked up or stored. A signed-in user never gets a cached page,
/// and what a signed-in user is shown is never stored.</item>
/// <item>Only 200 responses that set no cookie and do not say <c>no-store</c>/<c>private</c> are stored: a page with an
/// antiforgery token (any form that posts) says <c>no-store</c>, and a <c>?culture=</c> choice sets a cookie.</item>
/// <item>Keyed by path, the whole query, the request's resolved culture (query, cookie or Accept-Language) and the data
/// generation (<see cref="DataGeneration"/>), which every write bumps: nothing read before a save is served after it.
/// A commit by another process on the SQLite files changes it within 0.1 s; entries expire after <see cref="Expiry"/>,
/// which bounds anything else (another process writing to PostgreSQL).</item>
/// </list>
/// The API's ETags are stored with the response; a cached entry answers a matching <c>If-None-Match</c> with 304.
/// </summary>
public static class PublicCache
{
    /// <summary>How long an entry lives at most.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    public static IServiceCollection AddRapporteurPublicCache(this IServiceCollection services) =>
        services.AddOutputCache(o =>
        {
            o.AddBasePolicy(new Policy());
            o.DefaultExpirationTimeSpan = Expiry;
        });

    /// <summary>After authentication and authorization, so the user is known and every request is still authorized
    /// (and rate-limited) before a cached answer is given.</summary>
    public static IApplicationBuilder UseRapporteurPublicCache(this IApplicationBuilder app) => app.UseOutputCache();

    /// <summary>Whether a path is one the cache may hold: public pages and public API reads.</summary>
    internal static bool Cacheable(PathString path) =>
        path == "/" || path == "/site.css"
        || path.StartsWithSegments("/rounds", StringComparison.Ordinal)
        || path.StartsWithSegments("/api/v1/rounds", StringComparison.Ordinal);

    /// <summary>An anonymous request: no credentials of any kind, valid or not.</summary>
    internal static bool Anonymous(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0 || context.User.Identity?.IsAuthenticated == true) return false;
        foreach (var cookie in request.Cookies)
            if (cookie.Key.StartsWith("rapporteur", StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    private sealed class Policy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            var use = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && Cacheable(request.Path) && Anonymous(http);
            context.EnableOutputCaching = use;
            context.AllowCacheLookup = use;
            context.AllowCacheStorage = use;
            context.AllowLocking = true;
            if (!use) return ValueTask.CompletedTask;
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name + "|" + CultureInfo.CurrentCulture.Name;
            context.CacheVaryByRules.VaryByValues["generation"] = DataGeneration.Of(http.RequestServices.GetRequiredService<DataStore>());
            context.ResponseExpirationTimeSpan = Expiry;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK
                || response.Headers.SetCookie.Count > 0
                || context.HttpContext.User.Identity?.IsAuthenticated == true
                || response.Headers.CacheControl.Any(v => v is not null && (v.Contains(CacheControlHeaderValue.NoStoreString, StringComparison.OrdinalIgnoreCase)
                    || v.Contains(CacheControlHeaderValue.PrivateString, StringComparison.OrdinalIgnoreCase))))
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}
