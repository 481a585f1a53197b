using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render.Documents;

/// <summary>Lays an implementation report out for publishing: the title and the round on the cover, each chapter with
/// its numbered paragraphs ("12. The Committee …"), and the report's notes in a closing chapter. The notes are not tied
/// to a paragraph (the importer keeps their text, not where their markers stood), so they are printed in full once,
/// in number order, rather than at the foot of a page.</summary>
public static class ReportDocument
{
    /// <param name="report">The report (its recommendations are not used: they are its paragraphs' text).</param>
    /// <param name="notes">The report's notes.</param>
    /// <param name="party">The Party the report is about, when it is about one.</param>
    /// <param name="roundTitle">The round's title, in the document's language.</param>
    /// <param name="body">The treaty body, named in the metadata.</param>
    /// <param name="labels">The fixed text's language (English when null); the content comes as it is given.</param>
    public static Publication From(ImplementationReport report, IReadOnlyList<Footnote> notes, string? party, string roundTitle, TreatyBody? body = null, DocumentLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(roundTitle);
        labels ??= DocumentLabels.English;
        var cover = new List<string>();
        if (party is { Length: > 0 }) cover.Add(party);
        if (report.Round is { } round) cover.AddRange(Publication.RoundLines(round, roundTitle, labels));
        var chapters = report.Chapters.Select(c => new PublicationChapter(c.Chapter.Number, c.Chapter.Title,
            c.Paragraphs.Select(p => PublicationBlock.Paragraph(Numbered(p.Number, p.Text))).ToList())).ToList();
        if (notes.Count > 0)
            chapters.Add(new PublicationChapter(null, labels.Notes, notes.OrderBy(n => n.Number).Select(n => PublicationBlock.Paragraph(Numbered(n.Number, n.Text))).ToList()));
        var subject = party is { Length: > 0 } ? labels.ImplementationReport + " — " + party : labels.ImplementationReport;
        return new Publication(report.Title, cover, chapters, [], (body ?? TreatyBody.Lanzarote).Name, subject) { Labels = labels, Language = labels.Language };
    }

    private static string Numbered(int number, string text) => number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " + text;
}
