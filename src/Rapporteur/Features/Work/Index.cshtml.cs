using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using AddresseeKind = Rapporteur.Core.Model.AddresseeKind;

namespace Rapporteur.Features.Work;

/// <summary>"My work": what the signed-in person has to do — a focal point's replies and recommendations to follow
/// up; the staff's view of every round's replies.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(RapporteurDbContext db, TimeProvider clock) : PageModel
{
    public sealed record ReplyTask(Round Round, string Party, ReplyState State, int Version);

    public sealed record RoundSummary(Round Round, int Parties, int Submitted, int Drafts, int Late, int Recommendations);

    public string? PartyName { get; private set; }
    public IReadOnlyList<ReplyTask> Replies { get; private set; } = [];
    public IReadOnlyList<Recommendation> ToFollowUp { get; private set; } = [];
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public bool Staff { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rounds = await db.Rounds.Include(r => r.Body).OrderByDescending(r => r.Number).ToListAsync(ct);
        if (User.PartyId() is { } partyId)
        {
            var party = await db.Parties.SingleAsync(p => p.Id == partyId, ct);
            PartyName = party.Name;
            var replies = await db.Replies.Where(r => r.PartyId == partyId).ToDictionaryAsync(r => r.RoundId, ct);
            Replies = rounds.Where(r => r.Status != RoundStatus.Draft)
                .Select(r => new ReplyTask(r, party.Name, RoundQueries.StateOf(replies.GetValueOrDefault(r.Id), r.ReplyDeadline, now), replies.GetValueOrDefault(r.Id)?.Version ?? 0))
                .ToList();
            ToFollowUp = (await db.Recommendations.Include(r => r.Round).ThenInclude(r => r!.Body)
                    .Where(r => r.PartyId == partyId || r.Addressee == AddresseeKind.All).ToListAsync(ct))
                .OrderByDescending(r => r.Round!.Number).ThenBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        }
        Staff = User.IsStaff();
        if (!Staff) return;
        var parties = await db.Parties.CountAsync(ct);
        var all = await db.Replies.ToListAsync(ct);
        var recommendations = await db.Recommendations.GroupBy(r => r.RoundId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rounds = rounds.Select(r =>
        {
            var states = all.Where(x => x.RoundId == r.Id).Select(x => RoundQueries.StateOf(x, r.ReplyDeadline, now)).ToList();
            var late = states.Count(s => s == ReplyState.Late) + (r.ReplyDeadline is { } d && now > d.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc) ? parties - states.Count : 0);
            return new RoundSummary(r, parties, states.Count(s => s == ReplyState.Submitted), states.Count(s => s == ReplyState.Draft), late, recommendations.GetValueOrDefault(r.Id));
        }).ToList();
    }
}
