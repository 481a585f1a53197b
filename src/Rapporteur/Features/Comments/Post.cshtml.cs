using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;

namespace Rapporteur.Features.Comments;

/// <summary>Receives a comment on the round (no Party) or on a Party's submitted reply, then goes back to that page.</summary>
[Authorize(Policy = Policies.CivilSociety)]
public sealed class PostModel(RapporteurDbContext db, CommentBoard board) : PageModel
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync(string body, int number, string? party, string? organisation, string? text, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return NotFound();
        int? partyId = null;
        if (party is not null)
        {
            // Only a public (submitted) reply can be commented on.
            partyId = await db.Replies.Where(r => r.RoundId == round.Id && r.Party!.Name == party && r.Status == ReplyStatus.Submitted).Select(r => (int?)r.PartyId).SingleOrDefaultAsync(ct);
            if (partyId is null) return NotFound();
        }
        var result = await board.AddAsync(User, round.Id, partyId, organisation, text, ct);
        if (result.Outcome != EditOutcome.Saved)
        {
            Error = result.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect(party is null ? $"/rounds/{body}/{number}#comments" : $"/rounds/{body}/{number}/replies/{party}#comments");
    }
}
