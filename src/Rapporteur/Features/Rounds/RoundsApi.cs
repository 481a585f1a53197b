using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Rounds;

/// <summary>GET /api/v1/rounds, a round's recommendations and its questions. Each endpoint has its own response
/// records; EF entities never leave the server. Lists are paged (<see cref="Paging"/>); every GET has an ETag.</summary>
public static class RoundsApi
{
    public sealed record RoundResponse(string Body, int Number, string Theme, string TitleEn, string? TitleFr, DateOnly? Opens, DateOnly? ReplyDeadline, string Status);

    public sealed record RecommendationResponse(string Id, string? Strength, string Addressee, string? Party, string? Chapter, IReadOnlyList<int> Paragraphs, IReadOnlyList<string> RecommendedBy, string Text);

    /// <summary>A question of the questionnaire, in its order: <c>items</c> by letter, <c>prompts</c> ("→ Please specify").</summary>
    public sealed record QuestionResponse(string Number, string Section, string? Title, string Text, IReadOnlyDictionary<string, string> Items, IReadOnlyList<string> Prompts);

    public static RouteGroupBuilder MapRoundsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rounds = api.MapGroup("/rounds").WithTags("Rounds").WithETags();
        rounds.MapGet("/", ListRounds).WithName("ListRounds");
        rounds.MapGet("/{body}/{number:int}/recommendations", ListRecommendations).WithName("ListRecommendations");
        rounds.MapGet("/{body}/{number:int}/questions", ListQuestions).WithName("ListQuestions");
        return api;
    }

    private static async Task<Results<Ok<Page<RoundResponse>>, ProblemHttpResult>> ListRounds(RapporteurDbContext db, System.Security.Claims.ClaimsPrincipal user, int? offset, int? limit, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        // A round in preparation is the staff's.
        var staff = Security.IsStaff(user);
        return TypedResults.Ok(await paging.ApplyAsync(db.Rounds.Where(r => r.Status != RoundStatus.Draft || staff).OrderBy(r => r.Body!.ShortName).ThenBy(r => r.Number)
            .Select(r => new RoundResponse(r.Body!.ShortName, r.Number, r.Theme, r.TitleEn, r.TitleFr, r.Opens, r.ReplyDeadline, r.Status.ToString())), ct));
    }

    private static async Task<Results<Ok<Page<RecommendationResponse>>, ProblemHttpResult>> ListRecommendations(
        string body, int number, RapporteurDbContext db, string? strength, string? chapter, int? offset, int? limit, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return RoundNotFound(body, number);
        var query = db.Recommendations.Where(r => r.RoundId == round.Id);
        if (strength is not null) query = query.Where(r => r.Strength == strength);
        if (chapter is not null) query = query.Where(r => r.Chapter == chapter);
        var all = (await query.Include(r => r.Party).ToListAsync(ct)).OrderBy(r => r.Code, RecommendationCodeComparer.Instance)
            .Select(r => new RecommendationResponse(r.Code, r.Strength, r.Addressee == AddresseeKind.All ? "all" : "party",
                r.Party?.Name, r.Chapter, r.Paragraphs, r.RecommendedBy, r.Text)).ToList();
        return TypedResults.Ok(paging.Apply(all));
    }

    private static async Task<Results<Ok<Page<QuestionResponse>>, ProblemHttpResult>> ListQuestions(string body, int number, RapporteurDbContext db,
        int? offset, int? limit, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return RoundNotFound(body, number);
        var sections = await db.Sections.Where(s => s.RoundId == round.Id).OrderBy(s => s.Order)
            .Include(s => s.Questions.OrderBy(q => q.Order)).ThenInclude(q => q.Items).AsSplitQuery().AsNoTracking().ToListAsync(ct);
        var all = sections.SelectMany(s => s.Questions.Select(q => new QuestionResponse(q.Number, s.Name, q.Title, q.Text,
            q.Items.OrderBy(i => i.Letter, StringComparer.Ordinal).ToDictionary(i => i.Letter, i => i.Text, StringComparer.Ordinal), q.Prompts))).ToList();
        return TypedResults.Ok(paging.Apply(all));
    }

    private static ProblemHttpResult RoundNotFound(string body, int number) =>
        TypedResults.Problem(title: Say.Text("Round not found"), detail: Say.Format("There is no round {0} of {1}.", number, body), statusCode: StatusCodes.Status404NotFound);
}
