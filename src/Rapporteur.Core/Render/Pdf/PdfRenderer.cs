using Rapporteur.Core.Render.Documents;
using SkiaSharp;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>
/// A publication as an A4 PDF drawn with Skia: a cover page, a table of contents with page numbers and links, the
/// chapters, boxes as shaded rectangles in the palette's colours, and each footnote at the foot of the page that
/// carries its marker. Text is real text in embedded DejaVu fonts (cut down to the document's glyphs), the title,
/// author and subject are in the document's metadata, the language in its catalog, and the outline (bookmarks) lists
/// the chapters.
/// </summary>
/// <remarks>Two passes: the chapters are laid out first, which tells on which page each starts; then the contents,
/// whose length does not depend on the numbers, are laid out with them, and everything is drawn. The output is what
/// <see cref="Import.Formats.PdfReader"/> reads back: superscript markers, footnotes apart at the foot, a paragraph
/// gap between paragraphs, box text inside its fill.</remarks>
public sealed class PdfRenderer : IPublicationRenderer
{
    private readonly string _fontFolder;

    public PdfRenderer()
        : this(PdfFonts.DefaultFolder)
    {
    }

    /// <summary>A renderer that looks for the DejaVu font files in <paramref name="fontFolder"/>.</summary>
    public PdfRenderer(string fontFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fontFolder);
        _fontFolder = fontFolder;
    }

    public string Format => "pdf";
    public string Extension => ".pdf";

    public IReadOnlyList<string> Render(Publication publication, Stream output)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(output);
        using var fonts = new PdfFonts(_fontFolder);
        var flow = new PdfFlowBuilder(fonts, publication);
        var notes = flow.Notes();

        var cover = new PdfPaginator(fonts, notes).Paginate(flow.Cover());
        var body = new PdfPaginator(fonts, notes).Paginate(flow.Chapters());
        var contentsLength = publication.Chapters.Count == 0 ? 0 : new PdfPaginator(fonts, notes).Paginate(flow.Contents(null)).Count;
        var firstBodyPage = cover.Count + contentsLength + 1;
        var chapterPages = publication.Chapters.Select((c, i) => firstBodyPage + body.FindIndex(p => p.Destinations.Any(d => d.Name == PublicationChapter.Anchor(i)))).ToList();
        var contents = contentsLength == 0 ? [] : new PdfPaginator(fonts, notes).Paginate(flow.Contents(chapterPages));

        var metadata = new SKDocumentPdfMetadata
        {
            Title = publication.Title,
            Author = publication.Author,
            Subject = publication.Subject,
            Creator = "Rapporteur",
            Producer = "Rapporteur (SkiaSharp)",
        };
        List<PdfPage> pages = [.. cover, .. contents, .. body];
        fonts.Reduce(pages, "0123456789");
        // Into memory first: the outline and the language are appended to what Skia wrote (PdfOutline).
        using var skia = new MemoryStream();
        using (var document = SKDocument.CreatePdf(skia, metadata))
        using (var painter = new PdfPainter(fonts))
        {
            painter.Paint(document, pages);
            document.Close();
        }
        var bookmarks = publication.Chapters.Select((c, i) => (c.Heading, PublicationChapter.Anchor(i))).ToList();
        output.Write(PdfOutline.Append(skia.ToArray(), bookmarks, publication.Language));
        return fonts.Note is { } note ? [note] : [];
    }
}
