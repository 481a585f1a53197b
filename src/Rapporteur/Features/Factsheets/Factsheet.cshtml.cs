using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;

namespace Rapporteur.Features.Factsheets;

/// <summary>A published factsheet: chapters, the Committee's text, recommendations with their strength, the Party's
/// boxes (follow-up in orange, promising practices in blue), and footnotes as linked notes.</summary>
public sealed class FactsheetModel(RapporteurDbContext db, Translations.TranslationStore translations) : PageModel
{
    public Round Round { get; private set; } = null!;
    public Factsheet Factsheet { get; private set; } = null!;
    public IReadOnlyDictionary<string, Recommendation> Recommendations { get; private set; } = new Dictionary<string, Recommendation>();

    /// <summary>The reader's language when it is not English: chapter titles, paragraphs and boxes translated into it.</summary>
    public IReadOnlyDictionary<(string Kind, int Id), Translations.TranslationView> Translated { get; private set; } = new Dictionary<(string, int), Translations.TranslationView>();

    /// <summary>True when the reader asked for a language other than English.</summary>
    public bool OtherLanguage { get; private set; }

    /// <summary>The text in the reader's language when an up-to-date translation exists; null otherwise (an outdated
    /// one gives way to the English, as everywhere the public reads).</summary>
    public string? In(string kind, int id) => Translated.TryGetValue((kind, id), out var t) && !t.Outdated ? t.Translation.Text : null;

    /// <summary>How many translated pieces are outdated (the English changed since): shown in English meanwhile.</summary>
    public int OutdatedCount => Translated.Values.Count(t => t.Outdated);

    /// <summary>The preamble in the reader's language when it is translated (and its paragraphs line up with the
    /// English); the English otherwise.</summary>
    public IReadOnlyList<string> Preamble => Translations.TranslationTargets.PartsMatching(Translations.TranslationTargets.Preamble,
        In(Translations.TranslationTargets.Preamble, Factsheet.Id), Factsheet.Preamble) ?? Factsheet.Preamble;

    /// <summary>Whether <see cref="Preamble"/> is the translation.</summary>
    public bool PreambleTranslated => !ReferenceEquals(Preamble, Factsheet.Preamble);

    public async Task<IActionResult> OnGetAsync(string body, int number, string party, CancellationToken cancellationToken)
    {
        var round = await RoundQueries.FindAsync(db, body, number, cancellationToken);
        if (round is null) return NotFound();
        var factsheet = await db.Factsheets
            .Where(f => f.RoundId == round.Id && f.Party!.Name == party && f.Status == PublicationStatus.Published)
            .Include(f => f.Party)
            .Include(f => f.Chapters.OrderBy(c => c.Order)).ThenInclude(c => c.Blocks.OrderBy(b => b.Order)).ThenInclude(b => b.Box)
            .Include(f => f.Footnotes.OrderBy(n => n.Number))
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        // A draft is never public: it is as absent as a factsheet that does not exist.
        if (factsheet is null) return NotFound();
        Round = round;
        Factsheet = factsheet;
        Recommendations = await db.Recommendations.Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.Code, StringComparer.Ordinal, cancellationToken);
        var language = Languages.Languages.Current;
        OtherLanguage = language != Languages.Languages.English;
        if (OtherLanguage)
        {
            var blocks = factsheet.Chapters.SelectMany(c => c.Blocks).ToList();
            Translated = await translations.ForAsync(language,
                factsheet.Chapters.Select(c => (Translations.TranslationTargets.Chapter, c.Id, c.Title))
                    .Concat(blocks.Where(b => b.Box is null).Select(b => (Translations.TranslationTargets.Block, b.Id, b.Text)))
                    .Concat(blocks.Where(b => b.Box is not null).Select(b => (Translations.TranslationTargets.Box, b.Box!.Id, b.Box.Text)))
                    .Append((Translations.TranslationTargets.FactsheetTitle, factsheet.Id, factsheet.Title))
                    .Concat(factsheet.Preamble.Count > 0 ? [(Translations.TranslationTargets.Preamble, factsheet.Id, Translations.TranslationTargets.Joined(Translations.TranslationTargets.Preamble, factsheet.Preamble))] : [])
                    .Concat(factsheet.Footnotes.Select(n => (Translations.TranslationTargets.Footnote, n.Id, n.Text))), cancellationToken);
        }
        return Page();
    }
}
