using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace Rapporteur.Web;

/// <summary>
/// The API reference at <c>/api/docs</c>: Scalar's UI over <c>/openapi/v1.json</c>, its script served by the app itself
/// (nothing loads from elsewhere: no web fonts, no telemetry, no proxy, no developer toolbar). The page's own inline script carries a nonce made
/// for that response, which is the one script the page's Content-Security-Policy lets run besides the app's own files;
/// Scalar's UI sets styles inline, so this page (only) allows inline styles.
/// </summary>
public static class ApiDocs
{
    public const string Path = "/api/docs";

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapScalarApiReference(Path, (options, http) =>
        {
            // Hex, not base64: a '+' or '/' would be HTML-encoded in the page and no longer match the header's nonce.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(18));
            options.WithTitle("Rapporteur API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument("v1")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideClientButton()
                .HideDeveloperTools()
                .WithDotNetFlag(false)
                .WithNonce(nonce);
            http.Response.Headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
                + "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
        });
        return app;
    }
}
