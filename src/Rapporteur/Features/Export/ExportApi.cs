using System.Security.Claims;
using Rapporteur.Data;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Export;

/// <summary><c>GET /api/v1/export/{dataset}.{format}</c>: recommendations, replies, assessments (with their history) or
/// the compliance matrix as CSV, XLSX or JSON, filtered like the matrix. The caller sees what it may see (drafts only
/// for staff and the Party's own focal point); a signed-in caller's export is in the audit log.</summary>
public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/export/{dataset}.{format}", Export).WithTags("Export").WithName("Export")
            .WithSummary("Export a dataset (recommendations, replies, assessments, matrix) as csv, xlsx or json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ["application/json", Core.Render.Tables.XlsxTable.ContentType])
            .WithDescription("Filters: body, round, party, chapter, strength, addressee (all|party), status, tag (an accepted tag: vocabulary:code or code; "
                + "a recommendation's, or a reply's for replies), language (en|fr: the rows whose text is in that language, a recommendation's translation standing in; recommendations and replies. "
                + "Matrix: every cell, with its recommendation's text in that language — an up-to-date translation, else the source, as the translation column says), "
                + "translated=only (matrix, with language: only the cells whose recommendation is available in that language).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<IResult> Export(string dataset, string format, RapporteurDbContext db, TimeProvider clock, ClaimsPrincipal user, HttpContext http,
        string? body, int? round, string? party, string? chapter, string? strength, string? addressee, string? status,
        string? tag, string? language, string? translated, CancellationToken ct)
    {
        var which = ExportNames.Dataset(dataset);
        var how = ExportNames.Format(format);
        if (which is null || how is null)
            return Task.FromResult<IResult>(TypedResults.Problem(title: Say.Text("No such export"),
                detail: Say.Format("Exports are {0} as {1}, e.g. /api/v1/export/replies.csv?round=3.", string.Join(", ", ExportNames.Datasets), string.Join(", ", ExportNames.Formats)),
                statusCode: StatusCodes.Status404NotFound));
        if (Compliance.ComplianceApi.TranslatedOnly(translated) is not { } only)
            return Task.FromResult<IResult>(TypedResults.Problem(title: "Invalid filter", detail: Compliance.ComplianceApi.TranslatedProblem(translated!), statusCode: StatusCodes.Status400BadRequest));
        var filter = new ExportFilter(Blank(body), round, Blank(party), Blank(chapter), Blank(strength), Blank(addressee), Blank(status), Blank(tag), Blank(language), only);
        return StreamAsync(http, db, clock, user, which.Value, how.Value, filter, ct);
    }

    /// <summary>Writes the export to the response: CSV and JSON as the rows are read; XLSX into a temporary file first
    /// (the Open XML writer is synchronous, and the server does not block on the network), then sent from it.</summary>
    public static async Task<IResult> StreamAsync(HttpContext http, RapporteurDbContext db, TimeProvider clock, ClaimsPrincipal user,
        ExportDataset dataset, ExportFormat format, ExportFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var (table, error) = await Exports.OpenAsync(db, dataset, filter, ExportViewer.Of(user), ct);
        if (error is not null)
            return TypedResults.Problem(title: error.Status == StatusCodes.Status404NotFound ? Say.Text("Not found") : Say.Text("Invalid filter"), detail: error.Message, statusCode: error.Status);
        if (user.Identity?.IsAuthenticated == true) await Exports.RecordAsync(db, clock, user, dataset, format, filter, ct);
        var name = ExportNames.FileName(dataset, format, filter);
        if (format == ExportFormat.Xlsx)
        {
            var temporary = new FileStream(Path.Combine(Path.GetTempPath(), $"rapporteur-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await ExportWriter.WriteAsync(table!, format, temporary, ct);
                temporary.Position = 0;
                return TypedResults.File(temporary, format.ContentType(), name);
            }
            catch
            {
                await temporary.DisposeAsync();
                throw;
            }
        }
        http.Response.ContentType = format.ContentType();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await ExportWriter.WriteAsync(table!, format, http.Response.Body, ct);
        return TypedResults.Empty;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
