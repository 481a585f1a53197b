using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Features.Export;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Compliance;

/// <summary>The compliance matrix as JSON, CSV and XLSX, and the Committee's assessments.</summary>
public static class ComplianceApi
{
    /// <summary><c>language</c>: the language asked for (null: each text as stored); <c>hiddenUntranslated</c>: the
    /// recommendations <c>translated=only</c> left out.</summary>
    public sealed record MatrixResponse(string Body, int Round, IReadOnlyList<string> Parties, IReadOnlyList<string> Scale, IReadOnlyList<MatrixRowResponse> Recommendations,
        string? Language, int HiddenUntranslated);

    /// <summary><c>status</c>: per Party the assessment, or what the Party reported; Parties a recommendation is not
    /// addressed to are left out. <c>text</c> is in <c>language</c>; <c>translation</c> says where it comes from (source,
    /// current; outdated or missing: the source text stands in), null when no language was asked for.</summary>
    public sealed record MatrixRowResponse(string Id, string? Strength, string Addressee, string? Party, string? Chapter,
        IReadOnlyDictionary<string, string> Status, IReadOnlyDictionary<string, string> Assessment, IReadOnlyDictionary<string, string> Evidence,
        string Text, string? Language, string? Translation);

    public sealed record AssessmentRequest(string Status, DateOnly? AssessedOn, string? Note, int? Version);

    public sealed record AssessmentResponse(string Recommendation, string Party, string Status, int Version);

    /// <summary>An assessment as it stands (its history is in the assessments export).</summary>
    public sealed record AssessmentItem(string Recommendation, string Party, string Status, DateOnly AssessedOn, string Note, int Version);

    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/rounds/{body}/{number:int}").WithTags("Compliance").WithETags();
        group.MapGet("/matrix", GetMatrix).WithName("GetComplianceMatrix");
        group.MapGet("/matrix.csv", GetMatrixCsv).WithName("GetComplianceMatrixCsv");
        group.MapGet("/matrix.xlsx", GetMatrixXlsx).WithName("GetComplianceMatrixXlsx");
        group.MapGet("/assessments", ListAssessments).WithName("ListAssessments");
        group.MapPut("/assessments/{code}/{party}", PutAssessment).WithName("PutAssessment").RequireAuthorization(Policies.Staff);
        return api;
    }

    private static async Task<Results<Ok<MatrixResponse>, ProblemHttpResult>> GetMatrix(string body, int number, RapporteurDbContext db,
        string? chapter, string? strength, AddresseeKind? addressee, string? status, string? party, string? tag, string? language, string? translated, CancellationToken ct)
    {
        string? lang = null;
        if (!string.IsNullOrWhiteSpace(language) && (lang = MatrixLanguage.Normalise(language)) is null) return InvalidFilter(MatrixLanguage.Problem(language));
        if (TranslatedOnly(translated) is not { } only) return InvalidFilter(TranslatedProblem(translated!));
        if (only && lang is null) return InvalidFilter($"translated=only needs a language ({string.Join(" or ", MatrixLanguage.Allowed)}): the one the recommendations must be available in.");
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return RoundNotFound(body, number);
        var matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(chapter, strength, addressee, status, party, tag, lang, only), ct);
        var rows = matrix.Rows.Select(r =>
        {
            var cells = matrix.Parties.Zip(r.Cells).Where(x => x.Second is not null).ToList();
            return new MatrixRowResponse(r.Code, r.Strength, r.Addressee == AddresseeKind.All ? "all" : "party", r.Party, r.Chapter,
                cells.ToDictionary(x => x.First, x => x.Second!.Status, StringComparer.Ordinal),
                cells.Where(x => x.Second!.Assessment is not null).ToDictionary(x => x.First, x => x.Second!.Assessment!, StringComparer.Ordinal),
                cells.Where(x => x.Second!.Evidence != Evidence.None).ToDictionary(x => x.First, x => x.Second!.Evidence == Evidence.FollowUp ? "followUp" : "promisingPractice", StringComparer.Ordinal),
                r.Text, r.Language?.Language, r.Language?.State);
        }).ToList();
        return TypedResults.Ok(new MatrixResponse(round.Body!.ShortName, round.Number, matrix.Parties, matrix.Scale, rows, lang, matrix.HiddenUntranslated));
    }

    /// <summary>One row per recommendation × Party, streamed: the matrix export of the export core, for this round.</summary>
    private static Task<IResult> GetMatrixCsv(string body, int number, RapporteurDbContext db, TimeProvider clock, ClaimsPrincipal user, HttpContext http,
        string? chapter, string? strength, AddresseeKind? addressee, string? status, string? party, string? tag, string? language, string? translated, CancellationToken ct) =>
        MatrixExportAsync(http, db, clock, user, ExportFormat.Csv, body, number, chapter, strength, addressee, status, party, tag, language, translated, ct);

    private static Task<IResult> GetMatrixXlsx(string body, int number, RapporteurDbContext db, TimeProvider clock, ClaimsPrincipal user, HttpContext http,
        string? chapter, string? strength, AddresseeKind? addressee, string? status, string? party, string? tag, string? language, string? translated, CancellationToken ct) =>
        MatrixExportAsync(http, db, clock, user, ExportFormat.Xlsx, body, number, chapter, strength, addressee, status, party, tag, language, translated, ct);

    private static Task<IResult> MatrixExportAsync(HttpContext http, RapporteurDbContext db, TimeProvider clock, ClaimsPrincipal user, ExportFormat format, string body, int number,
        string? chapter, string? strength, AddresseeKind? addressee, string? status, string? party, string? tag, string? language, string? translated, CancellationToken ct)
    {
        if (TranslatedOnly(translated) is not { } only) return Task.FromResult<IResult>(InvalidFilter(TranslatedProblem(translated!)));
        var filter = new ExportFilter(body, number, party, chapter, strength, addressee?.ToString(), status, string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(),
            string.IsNullOrWhiteSpace(language) ? null : language.Trim(), only);
        return ExportApi.StreamAsync(http, db, clock, user, ExportDataset.Matrix, format, filter, ct);
    }

    /// <summary>The <c>translated</c> parameter: false when absent, true for <c>only</c>, null for anything else.</summary>
    public static bool? TranslatedOnly(string? translated) =>
        string.IsNullOrWhiteSpace(translated) ? false : string.Equals(translated.Trim(), MatrixLanguage.Only, StringComparison.OrdinalIgnoreCase) ? true : null;

    public static string TranslatedProblem(string translated) => $"translated is 'only' (with a language) or absent, not '{translated}'.";

    private static ProblemHttpResult InvalidFilter(string detail) =>
        TypedResults.Problem(title: "Invalid filter", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The Committee's current assessments in a round (one Party's with <c>party</c>), by recommendation.</summary>
    private static async Task<Results<Ok<Page<AssessmentItem>>, ProblemHttpResult>> ListAssessments(string body, int number, RapporteurDbContext db,
        string? party, int? offset, int? limit, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return RoundNotFound(body, number);
        if (party is not null && !await db.Parties.AnyAsync(p => p.Name == party, ct))
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("There is no Party {0}.", party), statusCode: StatusCodes.Status404NotFound);
        var all = (await db.Assessments.AsNoTracking().Where(a => a.Recommendation!.RoundId == round.Id && (party == null || a.Party!.Name == party))
                .Select(a => new { a.Recommendation!.Code, Party = a.Party!.Name, a.Status, a.AssessedOn, a.Note, a.Version }).ToListAsync(ct))
            .OrderBy(a => a.Code, RecommendationCodeComparer.Instance).ThenBy(a => a.Party, StringComparer.Ordinal)
            .Select(a => new AssessmentItem(a.Code, a.Party, a.Status, a.AssessedOn, a.Note, a.Version)).ToList();
        return TypedResults.Ok(paging.Apply(all));
    }

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> PutAssessment(string body, int number, string code, string party,
        AssessmentRequest request, Assessments assessments, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await assessments.RecordAsync(user, body, number, code, party, request.Status, request.AssessedOn, request.Note, request.Version, ct);
        return result.Outcome == EditOutcome.Saved
            ? TypedResults.Ok(new AssessmentResponse(code, party, request.Status, result.Version))
            : result.ToProblem();
    }

    private static ProblemHttpResult RoundNotFound(string body, int number) =>
        TypedResults.Problem(title: Say.Text("Round not found"), detail: Say.Format("There is no round {0} of {1}.", number, body), statusCode: StatusCodes.Status404NotFound);
}
