using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Rounds;

/// <summary>GET /api/v1/rounds and the round's recommendations. Each endpoint has its own response records; EF
/// entities never leave the server.</summary>
public static class RoundsApi
{
    public sealed record RoundResponse(string Body, int Number, string Theme, string TitleEn, string? TitleFr, DateOnly? Opens, DateOnly? ReplyDeadline, string Status);

    public sealed record RecommendationResponse(string Id, string? Strength, string Addressee, string? Party, string? Chapter, IReadOnlyList<int> Paragraphs, IReadOnlyList<string> RecommendedBy, string Text);

    public sealed record Page<T>(int Total, int Offset, int Limit, IReadOnlyList<T> Items);

    public static RouteGroupBuilder MapRoundsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rounds = api.MapGroup("/rounds").WithTags("Rounds");
        rounds.MapGet("/", ListRounds).WithName("ListRounds");
        rounds.MapGet("/{body}/{number:int}/recommendations", ListRecommendations).WithName("ListRecommendations");
        return api;
    }

    private static async Task<Ok<List<RoundResponse>>> ListRounds(RapporteurDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await db.Rounds.Where(r => r.Status != RoundStatus.Draft || Web.Security.IsStaff(user)).OrderBy(r => r.Body!.ShortName).ThenBy(r => r.Number)
            .Select(r => new RoundResponse(r.Body!.ShortName, r.Number, r.Theme, r.TitleEn, r.TitleFr, r.Opens, r.ReplyDeadline, r.Status.ToString()))
            .ToListAsync(ct));

    private static async Task<Results<Ok<Page<RecommendationResponse>>, ProblemHttpResult>> ListRecommendations(
        string body, int number, RapporteurDbContext db, string? strength, string? chapter, int? offset, int? limit, CancellationToken ct)
    {
        var take = limit ?? 100;
        var skip = offset ?? 0;
        if (take is < 1 or > 1000 || skip < 0)
            return TypedResults.Problem(title: "Invalid paging", detail: "limit must be 1 to 1000 and offset 0 or more.", statusCode: StatusCodes.Status400BadRequest);
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return TypedResults.Problem(title: "Round not found", detail: $"There is no round {number} of {body}.", statusCode: StatusCodes.Status404NotFound);
        var query = db.Recommendations.Where(r => r.RoundId == round.Id);
        if (strength is not null) query = query.Where(r => r.Strength == strength);
        if (chapter is not null) query = query.Where(r => r.Chapter == chapter);
        var all = (await query.Include(r => r.Party).ToListAsync(ct)).OrderBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        var items = all.Skip(skip).Take(take).Select(r => new RecommendationResponse(r.Code, r.Strength, r.Addressee == AddresseeKind.All ? "all" : "party",
            r.Party?.Name, r.Chapter, r.Paragraphs, r.RecommendedBy, r.Text)).ToList();
        return TypedResults.Ok(new Page<RecommendationResponse>(all.Count, skip, take, items));
    }
}
