using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Rounds;

/// <summary>The Secretariat's round operations over the API: create, add questions, open, close.</summary>
public static class RoundAdminApi
{
    public sealed record StatusRequest(string Status);

    public static RouteGroupBuilder MapRoundAdminApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rounds = api.MapGroup("/rounds").WithTags("Rounds").RequireAuthorization(Policies.Secretariat);
        rounds.MapPost("/", Create).WithName("CreateRound");
        rounds.MapPost("/{body}/{number:int}/questions", AddQuestion).WithName("AddQuestion");
        rounds.MapPost("/{body}/{number:int}/status", SetStatus).WithName("SetRoundStatus");
        return api;
    }

    private static async Task<Results<Created, ProblemHttpResult>> Create(RoundInput input, RoundAdmin admin, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await admin.CreateAsync(user, input, ct);
        return result.Outcome == EditOutcome.Saved ? TypedResults.Created($"/api/v1/rounds/{input.Body}/{input.Number}") : result.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddQuestion(string body, int number, QuestionInput input, RoundAdmin admin, RapporteurDbContext db,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (await RoundQueries.FindAsync(db, body, number, ct) is not { } round) return new EditResult(EditOutcome.NotFound, 0, Say.Format("There is no round {0} of {1}.", number, body)).ToProblem();
        var result = await admin.AddQuestionAsync(user, round, input, ct);
        return result.Outcome == EditOutcome.Saved ? TypedResults.NoContent() : result.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetStatus(string body, int number, StatusRequest request, RoundAdmin admin, RapporteurDbContext db,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (await RoundQueries.FindAsync(db, body, number, ct) is not { } round) return new EditResult(EditOutcome.NotFound, 0, Say.Format("There is no round {0} of {1}.", number, body)).ToProblem();
        if (!Enum.TryParse<RoundStatus>(request.Status, ignoreCase: true, out var status)) return new EditResult(EditOutcome.Invalid, 0, "status is Draft, Open or Closed.").ToProblem();
        var result = await admin.SetStatusAsync(user, round, status, ct);
        return result.Outcome == EditOutcome.Saved ? TypedResults.NoContent() : result.ToProblem();
    }
}
