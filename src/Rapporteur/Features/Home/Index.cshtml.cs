using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Home;

/// <summary>The public home page: every round with what has come in.</summary>
public sealed class IndexModel(RapporteurDbContext db) : PageModel
{
    public sealed record RoundCard(int Id, string Body, int Number, string Title, string? TitleFr, DateOnly? Deadline, int Questions, int Parties, int Submitted, int Recommendations, bool IsSample);

    public IReadOnlyList<RoundCard> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var parties = await db.Parties.CountAsync(cancellationToken);
        // A round in preparation is the Secretariat's; the public sees it once it opens.
        var staff = Web.Security.IsStaff(User);
        Rounds = await db.Rounds.Where(r => staff || r.Status != RoundStatus.Draft).OrderByDescending(r => r.Number)
            .Select(r => new RoundCard(r.Id, r.Body!.ShortName, r.Number, r.TitleEn, r.TitleFr, r.ReplyDeadline,
                db.Questions.Count(q => q.RoundId == r.Id),
                parties,
                db.Replies.Count(x => x.RoundId == r.Id && x.Status == Core.Model.ReplyStatus.Submitted),
                db.Recommendations.Count(x => x.RoundId == r.Id),
                r.IsSample))
            .ToListAsync(cancellationToken);
    }
}
