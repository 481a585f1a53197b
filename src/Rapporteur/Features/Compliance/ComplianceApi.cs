using Microsoft.AspNetCore.Http.HttpResults;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Features.Rounds;

namespace Rapporteur.Features.Compliance;

/// <summary>GET /api/v1/rounds/{body}/{number}/matrix — the compliance matrix as JSON.</summary>
public static class ComplianceApi
{
    public sealed record MatrixResponse(string Body, int Round, IReadOnlyList<string> Parties, IReadOnlyList<MatrixRowResponse> Recommendations);

    public sealed record MatrixRowResponse(string Id, string? Strength, string Addressee, string? Party, string? Chapter, IReadOnlyDictionary<string, string> Status);

    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/rounds/{body}/{number:int}/matrix", GetMatrix).WithName("GetComplianceMatrix").WithTags("Compliance");
        return api;
    }

    private static async Task<Results<Ok<MatrixResponse>, ProblemHttpResult>> GetMatrix(
        string body, int number, RapporteurDbContext db, string? chapter, string? strength, AddresseeKind? addressee, CellStatus? status, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return TypedResults.Problem(title: "Round not found", detail: $"There is no round {number} of {body}.", statusCode: StatusCodes.Status404NotFound);
        var matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(chapter, strength, addressee, status), ct);
        var rows = matrix.Rows.Select(r => new MatrixRowResponse(r.Code, r.Strength, r.Addressee == AddresseeKind.All ? "all" : "party", r.Party, r.Chapter,
            matrix.Parties.Zip(r.Cells).Where(x => x.Second != CellStatus.NotApplicable)
                .ToDictionary(x => x.First, x => Name(x.Second), StringComparer.Ordinal))).ToList();
        return TypedResults.Ok(new MatrixResponse(round.Body!.ShortName, round.Number, matrix.Parties, rows));
    }

    private static string Name(CellStatus s) => s switch
    {
        CellStatus.FollowUpReported => "followUpReported",
        CellStatus.PromisingPractice => "promisingPractice",
        _ => "noInformation",
    };
}
