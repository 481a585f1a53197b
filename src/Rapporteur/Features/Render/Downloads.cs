using Rapporteur.Core.Model;
using Rapporteur.Core.Render;
using Rapporteur.Core.Render.Documents;
using Rapporteur.Data;
using Rapporteur.Features.Rounds;

namespace Rapporteur.Features.Render;

/// <summary>
/// The public site's downloads, rendered on the fly by the same Core renderers as <c>rapporteur render</c>, from what
/// the public may see only: a published factsheet (<c>/rounds/{body}/{n}/factsheets/{party}.pdf|.docx|.html</c>), the
/// compilation of submitted replies (<c>/rounds/{body}/{n}/compilation.…</c>) and the compliance report built from the
/// published factsheets (<c>/rounds/{body}/{n}/compliance-report.…</c>) and a published implementation report
/// (<c>/rounds/{body}/{n}/reports/{id}.…</c>). Anything else is a 404.
/// </summary>
internal static class Downloads
{
    /// <summary>One document rendered at a time: anyone may ask for these, and a large PDF costs up to 0.2 s of CPU,
    /// so concurrent requests queue here instead of taking every core. (The renderer itself is safe to run in
    /// parallel: <c>PdfFontsAndConcurrencyTests</c>.)</summary>
    private static readonly SemaphoreSlim Rendering = new(1, 1);

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var round = app.MapGroup("/rounds/{body}/{number:int}").ExcludeFromDescription();
        // The format is constrained so that a Party whose name has a dot ("St. Lucia") still reaches its factsheet page.
        round.MapGet("/factsheets/{party}.{format:regex(^(pdf|docx|html)$)}", Factsheet);
        round.MapGet("/compilation.{format:regex(^(pdf|docx|html)$)}", Compilation);
        round.MapGet("/compliance-report.{format:regex(^(pdf|docx|html)$)}", ComplianceReport);
        round.MapGet("/reports/{id:int}.{format:regex(^(pdf|docx|html)$)}", Report);
        return app;
    }

    private static async Task<IResult> Factsheet(string body, int number, string party, string format, RapporteurDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await OpenAsync(db, body, number, format, http, ct) is not var (round, model, renderer)) return Results.NotFound();
        var sheets = await model.FactsheetsAsync(round, party, ct);
        if (sheets.Count == 0) return Results.NotFound();
        var publication = FactsheetDocument.From(sheets[0], await model.RecommendationsAsync(round, ct), BodyOf(round), LabelsOf(http));
        return await SendAsync(http, renderer, publication, Output.FileName(sheets[0].Party, round.Number, renderer));
    }

    private static async Task<IResult> Compilation(string body, int number, string format, RapporteurDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await OpenAsync(db, body, number, format, http, ct) is not var (round, model, renderer)) return Results.NotFound();
        var (questionnaire, replies) = await model.RepliesAsync(round, ct);
        if (replies.Count == 0) return Results.NotFound();
        var compilation = new Compilation(round.Number, model.RoundTitle(round), questionnaire, replies.OrderBy(r => r.Party.Name, StringComparer.Ordinal).ToList());
        return await SendAsync(http, renderer, CompilationDocument.From(compilation, BodyOf(round), LabelsOf(http)), FileName(round, "compilation", renderer));
    }

    private static async Task<IResult> ComplianceReport(string body, int number, string format, RapporteurDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await OpenAsync(db, body, number, format, http, ct) is not var (round, model, renderer)) return Results.NotFound();
        var recommendations = await model.RecommendationsAsync(round, ct);
        if (recommendations.Count == 0) return Results.NotFound();
        var report = Core.Render.Documents.ComplianceReport.From(round.Number, model.RoundTitle(round), recommendations, await model.FactsheetsAsync(round, null, ct));
        return await SendAsync(http, renderer, ComplianceDocument.From(report, BodyOf(round), LabelsOf(http)), FileName(round, "compliance-report", renderer));
    }

    private static async Task<IResult> Report(string body, int number, int id, string format, RapporteurDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await OpenAsync(db, body, number, format, http, ct) is not var (round, model, renderer)) return Results.NotFound();
        if (await model.ReportAsync(round, id, ct) is not var (report, notes, party)) return Results.NotFound();
        var publication = ReportDocument.From(report, notes, party, model.RoundTitle(round), BodyOf(round), LabelsOf(http));
        return await SendAsync(http, renderer, publication, FileName(round, "report-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), renderer));
    }

    private static async Task<(Data.Entities.Round, StoredModel, IPublicationRenderer)?> OpenAsync(RapporteurDbContext db, string body, int number, string format, HttpContext http, CancellationToken ct)
    {
        var renderer = PublicationRenderers.For(format);
        // Exact extensions only: "PDF" or "pdf " are other addresses.
        if (renderer is null || !string.Equals(renderer.Format, format, StringComparison.Ordinal)) return null;
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        return round is null ? null : (round, new StoredModel(db) { PublicOnly = true, Language = LabelsOf(http).Language }, renderer);
    }

    /// <summary>Renders into memory (a document is a few megabytes at most) and sends it: PDF and HTML to be shown in
    /// the browser, DOCX to be saved.</summary>
    private static async Task<IResult> SendAsync(HttpContext http, IPublicationRenderer renderer, Publication publication, string fileName)
    {
        var buffer = new MemoryStream();
        await Rendering.WaitAsync(http.RequestAborted);
        try
        {
            renderer.Render(publication, buffer);
        }
        finally
        {
            Rendering.Release();
        }
        buffer.Position = 0;
        var (type, inline) = renderer.Format switch
        {
            "pdf" => ("application/pdf", true),
            "html" => ("text/html; charset=utf-8", true),
            _ => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", false),
        };
        // The standalone page carries its own inline style sheet and no script: let the style in, and nothing else.
        if (renderer.Format == "html")
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        if (!inline) return Results.File(buffer, type, fileName);
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return Results.Stream(buffer, type);
    }

    private static string FileName(Data.Entities.Round round, string document, IPublicationRenderer renderer) =>
        $"{round.Body!.ShortName.ToLowerInvariant()}-round-{round.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{document}{renderer.Extension}";

    /// <summary>The document's language: <c>?lang=fr</c> when given (the factsheet page's links carry it), otherwise the
    /// reader's interface language.</summary>
    private static DocumentLabels LabelsOf(HttpContext http) =>
        DocumentLabels.For(http.Request.Query["lang"].ToString()) ?? DocumentLabels.For(Languages.Languages.Current) ?? DocumentLabels.English;

    private static TreatyBody BodyOf(Data.Entities.Round round) => TreatyBody.FindByShortName(round.Body!.ShortName) ?? TreatyBody.Lanzarote;
}
