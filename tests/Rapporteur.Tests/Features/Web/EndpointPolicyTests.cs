using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>Every endpoint that changes something names who may call it: a new one without a policy fails here.</summary>
public sealed class EndpointPolicyTests
{
    /// <summary>Endpoints that change something and are open by design, with the reason.</summary>
    private static readonly Dictionary<string, string> OpenByDesign = new(StringComparer.Ordinal)
    {
        ["/api/v1/auth/token"] = "exchanges a password for a token",
        ["/account/login"] = "signs in",
        ["/account/logout"] = "signs out whoever is signed in",
        ["/account/two-factor"] = "the second sign-in step; the short-lived two-factor cookie names the account",
        ["/rounds/{body}/{number:int}/recommendations/{code}"] = "public page; its POST handlers challenge anonymous callers and the service allows staff only",
        ["/rounds/{body}/{number:int}/report"] = "public page; its POST handlers challenge anonymous callers and the service allows staff only",
    };

    [Fact]
    public async Task Every_endpoint_that_changes_something_has_a_policy()
    {
        await using var web = await WebApp.StartAsync(demo: false);
        var endpoints = web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var missing = new List<string>();
        foreach (var e in endpoints)
        {
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            if (OpenByDesign.ContainsKey(route)) continue;
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page changes something when its model has a POST handler; then the model names a policy.
                var model = PageModelType(page.ViewEnginePath);
                if (model?.GetMethods().Any(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)) == true
                    && model.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Length == 0)
                    missing.Add($"page {route}");
                continue;
            }
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            if (methods.All(m => m is "GET" or "HEAD" or "OPTIONS")) continue;
            if (e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0) missing.Add($"{string.Join(",", methods)} {route}");
        }
        Assert.True(missing.Count == 0, "No policy on: " + string.Join("; ", missing));
    }

    private static Type? PageModelType(string viewEnginePath) =>
        typeof(Rapporteur.Web.WebHost).Assembly.GetTypes().FirstOrDefault(t => t.IsSubclassOf(typeof(PageModel))
            && t.Namespace is not null
            && "/" + t.Namespace.Replace("Rapporteur.Features.", "", StringComparison.Ordinal).Replace('.', '/') + "/" + t.Name[..^"Model".Length] == viewEnginePath);
}
