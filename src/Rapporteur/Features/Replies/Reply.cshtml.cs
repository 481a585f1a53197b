using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using AddresseeKind = Rapporteur.Core.Model.AddresseeKind;
using RecommendationId = Rapporteur.Core.Model.RecommendationId;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;

namespace Rapporteur.Features.Replies;

/// <summary>A submitted reply, question by question. Drafts are never shown here.</summary>
public sealed class ReplyModel(RapporteurDbContext db, Comments.CommentBoard board, ReplyAttachments attachments) : PageModel
{
    public Round Round { get; private set; } = null!;
    public Reply Reply { get; private set; } = null!;
    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public Comments.CommentsView Comments { get; private set; } = null!;
    public IReadOnlyList<ReplyAttachment> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string body, int number, string party, CancellationToken cancellationToken)
    {
        var round = await RoundQueries.FindAsync(db, body, number, cancellationToken);
        if (round is null) return NotFound();
        var reply = await db.Replies.Include(r => r.Party).Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.RoundId == round.Id && r.Party!.Name == party && r.Status == ReplyStatus.Submitted, cancellationToken);
        if (reply is null) return NotFound();
        Round = round;
        Reply = reply;
        Sections = await db.Sections.Where(s => s.RoundId == round.Id).OrderBy(s => s.Order)
            .Include(s => s.Questions.OrderBy(q => q.Order)).ThenInclude(q => q.Items).AsSplitQuery().ToListAsync(cancellationToken);
        Attachments = await attachments.ListAsync(reply.Id, cancellationToken);
        Comments = new(await board.VisibleAsync(User, round.Id, reply.PartyId, cancellationToken), Rapporteur.Features.Comments.CommentBoard.CanComment(User),
            $"/rounds/{body}/{number}/comments/{party}");
        return Page();
    }
}
