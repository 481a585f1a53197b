using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Docx;

/// <summary>
/// Writes the footnotes part and the references to it. A footnote keeps its number: Word numbers footnotes in the
/// order they are cited, so a note whose number is the next in that sequence is an ordinary, automatically numbered
/// footnote, and one cited out of sequence carries its number as a custom mark (which Word leaves out of the count).
/// A marker whose note the document does not define, or a second citation of a note, is superscript text.
/// </summary>
internal sealed class DocxNotes(Publication publication)
{
    /// <summary>Word's own ids for the separator lines.</summary>
    private const int SeparatorId = -1;
    private const int ContinuationId = 0;

    private readonly Footnotes _part = new(
        new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = SeparatorId },
        new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = ContinuationId });
    private readonly HashSet<int> _cited = [];
    private int _nextAutomatic = 1;
    private int _nextId = 1;

    public Footnotes Part => _part;

    public static FootnoteDocumentWideProperties Properties() =>
        new(new FootnoteSpecialReference { Id = SeparatorId }, new FootnoteSpecialReference { Id = ContinuationId });

    /// <summary>The runs that mark these notes at the end of a paragraph, a thin space apart.</summary>
    public IEnumerable<Run> References(IReadOnlyList<int> numbers)
    {
        for (var i = 0; i < numbers.Count; i++)
        {
            if (i > 0) yield return Superscript("\u2009");
            var n = numbers[i];
            var note = publication.Note(n);
            if (note is null || !_cited.Add(n))
            {
                yield return new Run(DocxText.Text(Import.Text.Superscript.FromNumber(n)));
                continue;
            }
            var automatic = n == _nextAutomatic;
            if (automatic) _nextAutomatic++;
            var id = _nextId++;
            var mark = n.ToString(CultureInfo.InvariantCulture);
            _part.Append(new Footnote(new Paragraph(
                new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = DocxStyleSheet.FootnoteText } },
                automatic ? new Run(ReferenceStyle(), new FootnoteReferenceMark()) : new Run(ReferenceStyle(), DocxText.Text(mark)),
                new Run(DocxText.Text(" " + note.Text.ReplaceLineEndings(" ")))))
            { Id = id });
            var reference = new FootnoteReference { Id = id };
            if (!automatic) reference.CustomMarkFollows = OnOffValue.FromBoolean(true);
            yield return new Run(ReferenceStyle(), reference);
            if (!automatic) yield return new Run(ReferenceStyle(), DocxText.Text(mark));
        }
    }

    private static RunProperties ReferenceStyle() => new() { RunStyle = new RunStyle { Val = DocxStyleSheet.FootnoteReference } };

    private static Run Superscript(string text) =>
        new(new RunProperties { VerticalTextAlignment = new VerticalTextAlignment { Val = VerticalPositionValues.Superscript } }, DocxText.Text(text));
}

/// <summary>Text elements that keep their spaces.</summary>
internal static class DocxText
{
    public static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };
}
