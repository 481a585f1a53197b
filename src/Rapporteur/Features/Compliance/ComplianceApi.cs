using System.Security.Claims;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapporteur.Core.Model;
using Rapporteur.Core.Render.Tables;
using Rapporteur.Data;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;

namespace Rapporteur.Features.Compliance;

/// <summary>The compliance matrix as JSON, CSV and XLSX, and the Committee's assessments.</summary>
public static class ComplianceApi
{
    public sealed record MatrixResponse(string Body, int Round, IReadOnlyList<string> Parties, IReadOnlyList<string> Scale, IReadOnlyList<MatrixRowResponse> Recommendations);

    /// <summary><c>status</c>: per Party the assessment, or what the Party reported; Parties a recommendation is not
    /// addressed to are left out.</summary>
    public sealed record MatrixRowResponse(string Id, string? Strength, string Addressee, string? Party, string? Chapter,
        IReadOnlyDictionary<string, string> Status, IReadOnlyDictionary<string, string> Assessment, IReadOnlyDictionary<string, string> Evidence);

    public sealed record AssessmentRequest(string Status, DateOnly? AssessedOn, string? Note, int? Version);

    public sealed record AssessmentResponse(string Recommendation, string Party, string Status, int Version);

    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/rounds/{body}/{number:int}").WithTags("Compliance");
        group.MapGet("/matrix", GetMatrix).WithName("GetComplianceMatrix");
        group.MapGet("/matrix.csv", GetMatrixCsv).WithName("GetComplianceMatrixCsv");
        group.MapGet("/matrix.xlsx", GetMatrixXlsx).WithName("GetComplianceMatrixXlsx");
        group.MapPut("/assessments/{code}/{party}", PutAssessment).WithName("PutAssessment").RequireAuthorization(Policies.Staff);
        return api;
    }

    private static async Task<Results<Ok<MatrixResponse>, ProblemHttpResult>> GetMatrix(string body, int number, RapporteurDbContext db,
        string? chapter, string? strength, AddresseeKind? addressee, string? status, string? party, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return RoundNotFound(body, number);
        var matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(chapter, strength, addressee, status, party), ct);
        var rows = matrix.Rows.Select(r =>
        {
            var cells = matrix.Parties.Zip(r.Cells).Where(x => x.Second is not null).ToList();
            return new MatrixRowResponse(r.Code, r.Strength, r.Addressee == AddresseeKind.All ? "all" : "party", r.Party, r.Chapter,
                cells.ToDictionary(x => x.First, x => x.Second!.Status, StringComparer.Ordinal),
                cells.Where(x => x.Second!.Assessment is not null).ToDictionary(x => x.First, x => x.Second!.Assessment!, StringComparer.Ordinal),
                cells.Where(x => x.Second!.Evidence != Evidence.None).ToDictionary(x => x.First, x => x.Second!.Evidence == Evidence.FollowUp ? "followUp" : "promisingPractice", StringComparer.Ordinal));
        }).ToList();
        return TypedResults.Ok(new MatrixResponse(round.Body!.ShortName, round.Number, matrix.Parties, matrix.Scale, rows));
    }

    /// <summary>One row per recommendation × Party, streamed.</summary>
    private static async Task<IResult> GetMatrixCsv(string body, int number, RapporteurDbContext db, HttpContext http,
        string? chapter, string? strength, AddresseeKind? addressee, string? status, string? party, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return RoundNotFound(body, number);
        var matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(chapter, strength, addressee, status, party), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{body}-round-{number}-matrix.csv\"";
        await using (var csv = CsvWriter.Create(http.Response.Body, null, true))
        {
            await csv.WriteRecordAsync(Header, ct);
            foreach (var (row, partyName, cell) in Cells(matrix)) await csv.WriteRecordAsync(Fields(row, partyName, cell), ct);
            await csv.FlushAsync(ct);
        }
        return Results.Empty;
    }

    private static async Task<IResult> GetMatrixXlsx(string body, int number, RapporteurDbContext db,
        string? chapter, string? strength, AddresseeKind? addressee, string? status, string? party, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return RoundNotFound(body, number);
        var matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(chapter, strength, addressee, status, party), ct);
        var stream = new MemoryStream();
        XlsxTable.Write(stream, $"Round {number} matrix", Header, Cells(matrix).Select(x => (IReadOnlyList<string>)Fields(x.Row, x.Party, x.Cell)));
        stream.Position = 0;
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{body}-round-{number}-matrix.xlsx");
    }

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> PutAssessment(string body, int number, string code, string party,
        AssessmentRequest request, Assessments assessments, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await assessments.RecordAsync(user, body, number, code, party, request.Status, request.AssessedOn, request.Note, request.Version, ct);
        return result.Outcome == EditOutcome.Saved
            ? TypedResults.Ok(new AssessmentResponse(code, party, request.Status, result.Version))
            : result.ToProblem();
    }

    private static readonly string[] Header = ["recommendation", "strength", "addressee", "chapter", "party", "status", "assessment", "evidence"];

    private static IEnumerable<(MatrixRow Row, string Party, MatrixCell Cell)> Cells(Matrix matrix) =>
        matrix.Rows.SelectMany(r => matrix.Parties.Zip(r.Cells).Where(x => x.Second is not null).Select(x => (r, x.First, x.Second!)));

    private static string[] Fields(MatrixRow row, string party, MatrixCell cell) =>
        [row.Code, row.Strength ?? "", row.Addressee == AddresseeKind.All ? "all" : "party", row.Chapter ?? "", party, cell.Status, cell.Assessment ?? "",
         cell.Evidence switch { Evidence.FollowUp => "followUp", Evidence.PromisingPractice => "promisingPractice", _ => "" }];

    private static ProblemHttpResult RoundNotFound(string body, int number) =>
        TypedResults.Problem(title: "Round not found", detail: $"There is no round {number} of {body}.", statusCode: StatusCodes.Status404NotFound);
}
