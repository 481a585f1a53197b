using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Rapporteur.Web;

/// <summary>
/// ETags on the API's GET endpoints: the handler's own (a version, e.g. a reply's <c>"7"</c>) when it sets one, else a
/// weak tag from a hash of the JSON. A request whose <c>If-None-Match</c> names the current tag gets 304 with no body.
/// The handler always runs first, so a caller who may not read the resource gets its 404, never a 304.
/// </summary>
public static class ETags
{
    /// <summary>Adds the ETag filter to every GET endpoint of the group.</summary>
    public static RouteGroupBuilder WithETags(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method)) return result;
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is not IValueHttpResult { Value: { } value } || inner is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }) return result;

            var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var json = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options);
            var tag = http.Response.Headers.ETag.ToString();
            if (tag.Length == 0)
            {
                tag = $"W/\"{Convert.ToBase64String(SHA256.HashData(json), 0, 18).Replace('+', '-').Replace('/', '_')}\"";
                http.Response.Headers.ETag = tag;
            }
            if (Matches(http.Request.Headers.IfNoneMatch, tag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(json, "application/json; charset=utf-8");
        });
        return group;
    }

    /// <summary>Weak comparison (RFC 9110 §13.1.2), as If-None-Match asks: <c>W/"x"</c> matches <c>"x"</c>; <c>*</c> matches any.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string tag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParse(tag, out var current)) return false;
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Tag.Equals("*", StringComparison.Ordinal) || t.Compare(current, useStrongComparison: false));
    }
}
