using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Compliance;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;

namespace Rapporteur.Features.Dashboards;

/// <summary>A round at a glance, for all Parties or one: replies received, recommendations by strength, compliance by
/// status, and what is overdue. Public figures only (submitted replies, published evidence, assessments).</summary>
public sealed class DashboardModel(RapporteurDbContext db, TimeProvider clock) : PageModel
{
    public Round Round { get; private set; } = null!;
    public string? Party { get; private set; }
    public IReadOnlyList<string> Parties { get; private set; } = [];
    public IReadOnlyList<Bar> Replies { get; private set; } = [];
    public IReadOnlyList<Bar> Strengths { get; private set; } = [];
    public IReadOnlyList<Bar> Compliance { get; private set; } = [];
    public IReadOnlyList<string> Overdue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string body, int number, string? party, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null || (round.Status == RoundStatus.Draft && !User.IsStaff())) return NotFound();
        Round = round;
        // The tagging sample has no replies or assessments: the page says so instead of drawing empty charts.
        if (round.IsSample) return Page();
        var parties = await db.Parties.OrderBy(p => p.Name).ToListAsync(ct);
        Parties = parties.Select(p => p.Name).ToList();
        if (party is not null && !Parties.Contains(party)) return NotFound();
        Party = party;
        var now = clock.GetUtcNow();
        var replies = await db.Replies.Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.PartyId, ct);
        var states = parties.Where(p => party is null || p.Name == party)
            .Select(p => (p.Name, State: RoundQueries.StateOf(replies.GetValueOrDefault(p.Id), round.ReplyDeadline, now))).ToList();
        Replies =
        [
            new("submitted", states.Count(s => s.State == ReplyState.Submitted), "#bfe5c9"),
            new("draft", states.Count(s => s.State == ReplyState.Draft), "#f6d9a0"),
            new("not started", states.Count(s => s.State == ReplyState.NotStarted), "#dfe3e8"),
            new("late", states.Count(s => s.State == ReplyState.Late), "#f2b8b8"),
        ];
        Overdue = states.Where(s => s.State == ReplyState.Late && replies.GetValueOrDefault(parties.First(p => p.Name == s.Name).Id)?.SubmittedAt is null)
            .Select(s => Languages.Say.Format("Reply of {0} (due {1})", s.Name, round.ReplyDeadline is { } due ? Languages.Languages.Date(due) : "")).ToList();

        var matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(Party: party), ct);
        var strengths = await db.Set<Strength>().Where(s => s.BodyId == round.BodyId).OrderBy(s => s.Rank).Select(s => s.Key).ToListAsync(ct);
        Strengths = strengths.Select((s, i) => new Bar(s, matrix.Rows.Count(r => r.Strength == s), i switch { 0 => "#f2b8b8", 1 => "#f6d9a0", _ => "#b9d3f0" })).ToList();
        var cells = matrix.Rows.SelectMany(r => r.Cells).OfType<MatrixCell>().ToList();
        Compliance = matrix.Scale.Select(s => new Bar(s.Replace('-', ' '), cells.Count(c => c.Assessment == s), Colour(s)))
            .Append(new Bar("follow-up reported", cells.Count(c => c.Assessment is null && c.Evidence == Evidence.FollowUp), "#ffe1b3"))
            .Append(new Bar("promising practice", cells.Count(c => c.Assessment is null && c.Evidence == Evidence.PromisingPractice), "#cfe0f7"))
            .Append(new Bar("nothing yet", cells.Count(c => c.Assessment is null && c.Evidence == Evidence.None), "#eef0f3")).ToList();
        return Page();
    }

    private static string Colour(string status) => status switch
    {
        "implemented" => "#bfe5c9",
        "partially-implemented" => "#f3e68f",
        "not-implemented" => "#f2b8b8",
        _ => "#dfe3e8",
    };
}
