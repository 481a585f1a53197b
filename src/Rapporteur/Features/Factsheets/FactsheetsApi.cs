using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;

namespace Rapporteur.Features.Factsheets;

/// <summary>GET the boxes of a published factsheet (a draft factsheet is as absent as one that does not exist).</summary>
public static class FactsheetsApi
{
    /// <summary>A Party's box: <c>type</c> is followUp, promisingPractice or clarificationNote; <c>recommendations</c> the ids it follows.</summary>
    public sealed record BoxResponse(string Type, string? Chapter, string? Heading, string Text, IReadOnlyList<string> Recommendations, int Version);

    public static RouteGroupBuilder MapFactsheetsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/rounds/{body}/{number:int}/factsheets/{party}").WithTags("Factsheets").WithETags();
        group.MapGet("/boxes", ListBoxes).WithName("ListFactsheetBoxes");
        return api;
    }

    private static async Task<Results<Ok<Page<BoxResponse>>, ProblemHttpResult>> ListBoxes(string body, int number, string party, RapporteurDbContext db,
        System.Security.Claims.ClaimsPrincipal user, int? offset, int? limit, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        var factsheet = round is null ? null : await db.Factsheets.AsNoTracking()
            .Where(f => f.RoundId == round.Id && f.Party!.Name == party && f.Status == PublicationStatus.Published).Select(f => new { f.Id, f.PartyId }).SingleOrDefaultAsync(ct);
        if (factsheet is null)
            return TypedResults.Problem(title: "Not found", detail: $"No published factsheet of {party} in round {number} of {body}.", statusCode: StatusCodes.Status404NotFound);
        // A Party's box waits (draft) for the Secretariat: only the staff and that Party's focal point see it.
        var drafts = user.IsStaff() || user.PartyId() == factsheet.PartyId;
        return TypedResults.Ok(await paging.ApplyAsync(db.Boxes.AsNoTracking()
            .Where(b => b.FactsheetId == factsheet.Id && (drafts || b.Status == PublicationStatus.Published)).OrderBy(b => b.Id)
            .Select(b => new BoxResponse(b.Type == BoxType.FollowUp ? "followUp" : b.Type == BoxType.PromisingPractice ? "promisingPractice" : "clarificationNote",
                b.Chapter, b.Heading, b.Text, b.Recommendations, b.Version)), ct));
    }
}
