using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Docx;

/// <summary>Writes the body: cover, contents field, chapters and their blocks, footnote references at the end of the
/// paragraphs that cite them.</summary>
internal sealed class DocxBodyWriter(Publication publication, DocxNotes notes)
{
    private readonly Body _body = new();
    private int _bookmark;

    public Body Write()
    {
        _body.Append(Paragraph(Style(DocxStyleSheet.Title), [publication.Title]));
        foreach (var line in publication.Cover) _body.Append(Paragraph(Style(DocxStyleSheet.Subtitle), [line]));
        Contents();
        for (var i = 0; i < publication.Chapters.Count; i++)
        {
            var chapter = publication.Chapters[i];
            var properties = Style(DocxStyleSheet.Heading(1));
            if (i == 0) properties.PageBreakBefore = new PageBreakBefore();
            _body.Append(Bookmarked(Paragraph(properties, [chapter.Heading]), PublicationChapter.Anchor(i)));
            foreach (var block in chapter.Blocks) Block(block);
        }
        return _body;
    }

    /// <summary>A TOC field (Word updates it on opening: settings' updateFields) whose entries link to the chapters.</summary>
    private void Contents()
    {
        if (publication.Chapters.Count == 0) return;
        var heading = Style(DocxStyleSheet.ContentsHeading);
        heading.PageBreakBefore = new PageBreakBefore();
        _body.Append(Paragraph(heading, [publication.Labels.Contents]));
        for (var i = 0; i < publication.Chapters.Count; i++)
        {
            var chapter = publication.Chapters[i];
            var p = new Paragraph(Style(DocxStyleSheet.Contents));
            if (i == 0)
                p.Append(
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
                    new Run(new FieldCode(" TOC \\o \"1-1\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }));
            // No full stop after the numeral: a contents line must not read as the chapter's own heading.
            var link = new Hyperlink { Anchor = PublicationChapter.Anchor(i), History = true };
            if (chapter.Number is { } number) link.Append(new Run(DocxText.Text(number)), new Run(new TabChar()));
            link.Append(new Run(DocxText.Text(chapter.Title)));
            p.Append(link);
            if (i == publication.Chapters.Count - 1) p.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            _body.Append(p);
        }
    }

    private void Block(PublicationBlock block)
    {
        var paragraphs = block.Paragraphs;
        switch (block.Role)
        {
            case BlockRole.Heading:
                _body.Append(Paragraph(Style(DocxStyleSheet.Heading(block.Level)), paragraphs.SelectMany(p => p).ToList(), block.Notes));
                break;
            case BlockRole.Box:
                _body.Append(Paragraph(BoxProperties(block.Shade, DocxStyleSheet.BoxLabel), [block.Label!], paragraphs.Count == 0 ? block.Notes : []));
                for (var i = 0; i < paragraphs.Count; i++)
                    _body.Append(Paragraph(BoxProperties(block.Shade, null), paragraphs[i], i == paragraphs.Count - 1 ? block.Notes : [], italic: block.Shade == Shade.Grey));
                break;
            default:
                var style = block.Role == BlockRole.Recommendation ? DocxStyleSheet.Recommendation : null;
                if (paragraphs.Count == 0) paragraphs = [[""]];
                for (var i = 0; i < paragraphs.Count; i++)
                {
                    var p = Paragraph(Style(style), paragraphs[i], i == paragraphs.Count - 1 ? block.Notes : []);
                    _body.Append(i == 0 && block.Tag is { } tag ? tag.Ids.Aggregate(p, (para, id) => Bookmarked(para, "rec_" + id.Value.Replace('-', '_').Replace('.', '_'))) : p);
                }
                break;
        }
    }

    /// <summary>A box paragraph: shaded (w:shd) in the box's fill, with a thick left edge in its accent colour.</summary>
    private static ParagraphProperties BoxProperties(Shade shade, string? style)
    {
        var properties = Style(style);
        properties.ParagraphBorders = new ParagraphBorders(
            new LeftBorder { Val = BorderValues.Single, Size = 24, Space = 8, Color = Palette.Accent(shade) });
        if (Palette.Fill(shade) is { } fill) properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill };
        properties.Indentation = new Indentation { Left = "227", Right = "113" };
        return properties;
    }

    private static ParagraphProperties Style(string? style) =>
        style is null ? new ParagraphProperties() : new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = style } };

    /// <summary>A paragraph of lines (parted by line breaks), with the footnote references after the last one.</summary>
    private Paragraph Paragraph(ParagraphProperties properties, IReadOnlyList<string> lines, IReadOnlyList<int>? noteNumbers = null, bool italic = false)
    {
        var p = new Paragraph(properties);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) p.Append(new Run(new Break()));
            var run = new Run(DocxText.Text(lines[i]));
            if (italic) run.PrependChild(new RunProperties { Italic = new Italic() });
            p.Append(run);
        }
        if (noteNumbers is { Count: > 0 }) p.Append(notes.References(noteNumbers));
        return p;
    }

    private Paragraph Bookmarked(Paragraph p, string name)
    {
        var id = (_bookmark++).ToString(CultureInfo.InvariantCulture);
        var start = new BookmarkStart { Id = id, Name = name };
        if (p.ParagraphProperties is { } properties) properties.InsertAfterSelf(start);
        else p.PrependChild(start);
        p.Append(new BookmarkEnd { Id = id });
        return p;
    }
}
