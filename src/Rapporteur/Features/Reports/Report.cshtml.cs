using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;

namespace Rapporteur.Features.Reports;

/// <summary>An implementation report, chapter by chapter, each paragraph under its number (the place search results
/// for report paragraphs and notes link to). Published reports are public; drafts are for the staff.</summary>
public sealed class ReportModel(RapporteurDbContext db) : PageModel
{
    public Round Round { get; private set; } = null!;
    public Report Report { get; private set; } = null!;
    public string? Party { get; private set; }
    public IReadOnlyList<Footnote> Notes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string body, int number, int id, CancellationToken cancellationToken)
    {
        var round = await RoundQueries.FindAsync(db, body, number, cancellationToken);
        if (round is null) return NotFound();
        var report = await db.Reports.Where(r => r.Id == id && r.RoundId == round.Id)
            .Include(r => r.Chapters.OrderBy(c => c.Order)).ThenInclude(c => c.Paragraphs.OrderBy(p => p.Number))
            .AsSplitQuery().SingleOrDefaultAsync(cancellationToken);
        // A draft is as absent as a report that does not exist, except for the staff.
        if (report is null || (report.Status != PublicationStatus.Published && !User.IsStaff())) return NotFound();
        Round = round;
        Report = report;
        Party = report.PartyId is { } p ? await db.Parties.Where(x => x.Id == p).Select(x => x.Name).SingleAsync(cancellationToken) : null;
        Notes = await db.Footnotes.Where(n => n.ReportId == id).OrderBy(n => n.Number).ToListAsync(cancellationToken);
        return Page();
    }
}
