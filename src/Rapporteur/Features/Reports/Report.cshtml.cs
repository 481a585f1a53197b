using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Features.Translations;
using Rapporteur.Web;

namespace Rapporteur.Features.Reports;

/// <summary>An implementation report, chapter by chapter, each paragraph under its number (the place search results
/// for report paragraphs and notes link to). Published reports are public; drafts are for the staff. In another
/// language than English, the title, chapter titles, paragraphs and notes come translated where an up-to-date
/// translation exists; the rest in English, marked so.</summary>
public sealed class ReportModel(RapporteurDbContext db, TranslationStore translations) : PageModel
{
    public Round Round { get; private set; } = null!;
    public Report Report { get; private set; } = null!;
    public string? Party { get; private set; }
    public IReadOnlyList<Footnote> Notes { get; private set; } = [];

    /// <summary>True when the reader asked for a language other than English.</summary>
    public bool OtherLanguage { get; private set; }

    /// <summary>The translations into the reader's language, by (kind, id), with their outdated flag.</summary>
    public IReadOnlyDictionary<(string Kind, int Id), TranslationView> Translated { get; private set; } = new Dictionary<(string, int), TranslationView>();

    /// <summary>The up-to-date translation of a piece; null when there is none or it was made from an older English text.</summary>
    public string? In(string kind, int id) => Translated.TryGetValue((kind, id), out var t) && !t.Outdated ? t.Translation.Text : null;

    /// <summary>How many pieces are shown in French, and how many of the others have an outdated translation.</summary>
    public (int Current, int Outdated, int All) Progress { get; private set; }

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
        var language = Languages.Languages.Current;
        OtherLanguage = language != Languages.Languages.English;
        if (OtherLanguage)
        {
            var pieces = new[] { (TranslationTargets.ReportTitle, report.Id, report.Title) }
                .Concat(report.Chapters.Select(c => (TranslationTargets.ReportChapter, c.Id, c.Title)))
                .Concat(report.Chapters.SelectMany(c => c.Paragraphs).Select(x => (TranslationTargets.ReportParagraph, x.Id, x.Text)))
                .Concat(Notes.Select(n => (TranslationTargets.Footnote, n.Id, n.Text))).ToList();
            Translated = await translations.ForAsync(language, pieces, cancellationToken);
            var outdated = Translated.Values.Count(t => t.Outdated);
            Progress = (Translated.Count - outdated, outdated, pieces.Count);
        }
        return Page();
    }
}
