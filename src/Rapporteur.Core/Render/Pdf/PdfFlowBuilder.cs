using System.Globalization;
using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>Turns a publication into the flow blocks the paginator places: the cover, the contents (with the page
/// numbers it is given), the chapters, and the footnotes' own lines.</summary>
internal sealed class PdfFlowBuilder(PdfFonts fonts, Publication publication)
{
    private const float ChapterSize = 15;
    private int _group;

    public List<FlowBlock> Cover()
    {
        var blocks = new List<FlowBlock> { Text([publication.Title], [], TextStyle.Bold, 22, Palette.Heading) with { SpaceBefore = 150 } };
        foreach (var line in publication.Cover) blocks.Add(Text([line], [], TextStyle.Regular, 11, Palette.Muted));
        return blocks;
    }

    /// <summary>"Contents", then one entry per chapter with its page (a placeholder until the pages are known).</summary>
    public List<FlowBlock> Contents(IReadOnlyList<int>? pages)
    {
        var blocks = new List<FlowBlock> { Text([publication.Labels.Contents], [], TextStyle.Bold, ChapterSize, Palette.Heading) };
        for (var i = 0; i < publication.Chapters.Count; i++)
        {
            var chapter = publication.Chapters[i];
            // No full stop after the numeral: a contents line must not read as the chapter's own heading.
            var entry = chapter.Number is null ? chapter.Title : chapter.Number + "\u2002" + chapter.Title;
            var label = pages is null ? "000" : pages[i].ToString(CultureInfo.InvariantCulture);
            blocks.Add(new FlowBlock
            {
                Lines = LineBreaker.Break(fonts, [entry], [], TextStyle.Regular, PdfMetrics.BodySize, PdfMetrics.TextWidth - 50),
                PageLabel = label,
                LinkTo = PublicationChapter.Anchor(i),
            });
        }
        return blocks;
    }

    public List<FlowBlock> Chapters()
    {
        var blocks = new List<FlowBlock>();
        for (var i = 0; i < publication.Chapters.Count; i++)
        {
            var chapter = publication.Chapters[i];
            blocks.Add(Text([chapter.Heading], [], TextStyle.Bold, ChapterSize, Palette.Heading) with
            {
                KeepWithNext = true,
                Destination = PublicationChapter.Anchor(i),
                SpaceBefore = i == 0 ? 0 : 8,
            });
            foreach (var block in chapter.Blocks) blocks.AddRange(Blocks(block));
        }
        return blocks;
    }

    /// <summary>Each footnote's lines: "¹² text", the following lines hanging under the text.</summary>
    public Dictionary<int, NoteLines> Notes()
    {
        var result = new Dictionary<int, NoteLines>();
        foreach (var note in publication.Footnotes)
        {
            var mark = Superscript.FromNumber(note.Number) + " ";
            var hang = fonts.Width(mark, TextStyle.Regular, PdfMetrics.NoteSize);
            var text = LineBreaker.Break(fonts, [note.Text.ReplaceLineEndings(" ")], [], TextStyle.Regular, PdfMetrics.NoteSize, PdfMetrics.TextWidth - hang);
            var lines = text.Select((l, i) => i == 0 ? l with { Text = mark + l.Text } : l with { Indent = hang + l.Indent }).ToList();
            result[note.Number] = new NoteLines(lines);
        }
        return result;
    }

    private IEnumerable<FlowBlock> Blocks(PublicationBlock block)
    {
        var paragraphs = block.Paragraphs;
        switch (block.Role)
        {
            case BlockRole.Heading:
                var size = block.Level == 2 ? 11.5f : PdfMetrics.BodySize;
                yield return Text(paragraphs.SelectMany(p => p).ToList(), block.Notes, TextStyle.Bold, size, block.Level == 2 ? Palette.Ink : Palette.Muted) with { KeepWithNext = true };
                break;
            case BlockRole.Box:
                var group = ++_group;
                var style = block.Shade == Shade.Grey ? TextStyle.Italic : TextStyle.Regular;
                var width = PdfMetrics.TextWidth - 2 * PdfMetrics.BoxPadding;
                yield return Text([block.Label!], paragraphs.Count == 0 ? block.Notes : [], TextStyle.Bold, PdfMetrics.BodySize, Palette.Ink, width) with
                {
                    Group = group,
                    Shade = block.Shade,
                    KeepWithNext = paragraphs.Count > 0,
                };
                for (var i = 0; i < paragraphs.Count; i++)
                    yield return Text(paragraphs[i], i == paragraphs.Count - 1 ? block.Notes : [], style, PdfMetrics.BodySize, Palette.Ink, width) with
                    {
                        Group = group,
                        Shade = block.Shade,
                    };
                break;
            default:
                var rule = block.Role == BlockRole.Recommendation ? Palette.Strength(block.Tag!.Strength) : null;
                if (paragraphs.Count == 0) paragraphs = [[""]];
                for (var i = 0; i < paragraphs.Count; i++)
                    yield return Text(paragraphs[i], i == paragraphs.Count - 1 ? block.Notes : [], TextStyle.Regular, PdfMetrics.BodySize, Palette.Ink) with { Rule = rule };
                break;
        }
    }

    private FlowBlock Text(IReadOnlyList<string> lines, IReadOnlyList<int> notes, TextStyle style, float size, string color, float width = PdfMetrics.TextWidth) =>
        new()
        {
            Lines = LineBreaker.Break(fonts, lines, notes, style, size, width),
            Style = style,
            Size = size,
            Color = color,
        };
}
