using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Comments;

/// <summary>
/// Civil society comments on a Party's reply or on the round as a whole; nothing is public until the Secretariat
/// approves it. Authors see their own pending comments.
/// </summary>
public sealed class CommentBoard(RapporteurDbContext db, TimeProvider clock)
{
    public static bool CanComment(ClaimsPrincipal user) => user.IsInRole(Roles.CivilSociety);

    public static bool CanModerate(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat);

    /// <summary>Approved comments, and the caller's own pending ones.</summary>
    public Task<List<Comment>> VisibleAsync(ClaimsPrincipal user, int roundId, int? partyId, CancellationToken ct)
    {
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Comments.Where(c => c.RoundId == roundId && c.PartyId == partyId && (c.Status == CommentStatus.Approved || (me != null && c.AuthorId == me && c.Status == CommentStatus.Pending)))
            .OrderBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<EditResult> AddAsync(ClaimsPrincipal user, int roundId, int? partyId, string? organisation, string? text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanComment(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Comments come from civil-society organisations' accounts."));
        var clean = RichText.Sanitize(text);
        if (clean.Length == 0) return new(EditOutcome.Invalid, 0, Say.Text("A comment needs some text."));
        if (clean.Length > 20_000) return new(EditOutcome.Invalid, 0, Say.Text("A comment is at most 20,000 characters."));
        var comment = new Comment
        {
            RoundId = roundId,
            PartyId = partyId,
            AuthorId = user.FindFirstValue(ClaimTypes.NameIdentifier)!,
            AuthorName = user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity!.Name!,
            Organisation = string.IsNullOrWhiteSpace(organisation) ? "(organisation not given)" : organisation.Trim(),
            Text = clean,
            Status = CommentStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Comments.Add(comment);
        AuditLog.Record(db, clock, user, "comment.add", $"round {roundId}, party {partyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, comment.Id);
    }

    public Task<List<Comment>> PendingAsync(CancellationToken ct) =>
        db.Comments.Include(c => c.Party).Where(c => c.Status == CommentStatus.Pending).OrderBy(c => c.Id).ToListAsync(ct);

    public async Task<EditResult> ModerateAsync(ClaimsPrincipal user, int id, bool approve, CancellationToken ct)
    {
        if (!CanModerate(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat moderates comments."));
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null) return new(EditOutcome.NotFound, 0, Say.Format("There is no comment {0}.", id));
        comment.Status = approve ? CommentStatus.Approved : CommentStatus.Rejected;
        comment.ModeratedAt = clock.GetUtcNow();
        AuditLog.Record(db, clock, user, approve ? "comment.approve" : "comment.reject", $"comment {id}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, id);
    }
}
