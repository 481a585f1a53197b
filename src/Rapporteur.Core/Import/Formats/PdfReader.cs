using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Fonts;

namespace Rapporteur.Core.Import.Formats;

/// <summary>
/// Reads the text layer of a PDF (with PdfPig) into lines, as PDF-extracted text looks: one line per baseline, a blank
/// line between paragraphs and at each page break, superscript footnote markers as Unicode superscript digits,
/// running headers, footers and page numbers removed (with a warning each), and layout hints (bold, heading level by
/// font size, shaded boxes by fill colour).
/// </summary>
/// <remarks>Not read: text in scanned images (no OCR), rotated text (reported), annotations and form fields. Lines
/// are found by baseline across the whole page width, so a two-column page yields lines that mix both columns.</remarks>
public sealed class PdfReader : IFormatReader
{
    /// <summary>A line this much larger than the body text is a heading.</summary>
    private const double HeadingRatio = 1.3;

    /// <summary>A gap between lines this many times the page's usual line spacing starts a paragraph.</summary>
    private const double ParagraphGapRatio = 1.5;

    private static readonly ParsingOptions Options = new() { UseLenientParsing = true };

    public string Format => "pdf";
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public bool Sniff(ReadOnlySpan<byte> header) => header.StartsWith("%PDF-"u8);

    public ParseResult<SourceDocument> Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        byte[] bytes;
        try
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        catch (IOException e)
        {
            return Unreadable(fileName, $"cannot read the input: {e.Message}");
        }
        if (bytes.Length == 0) return Unreadable(fileName, "the file is empty");
        // The header may follow a little junk (PDF readers look in the first kilobyte); none at all is another format.
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("%PDF-"u8) < 0) return Unreadable(fileName, "no %PDF- header, so not a PDF file");

        var pages = new List<PdfPageText>();
        var shading = new List<IReadOnlyList<PdfShadedArea>>();
        try
        {
            using var pdf = PdfDocument.Open(bytes, Options);
            if (pdf.NumberOfPages == 0) return Unreadable(fileName, "the document has no pages");
            for (var n = 1; n <= pdf.NumberOfPages; n++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = pdf.GetPage(n);
                pages.Add(PdfPageTextBuilder.Build(page));
                shading.Add(PdfShading.Find(page));
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            return Unreadable(fileName, "it is encrypted and cannot be opened without its password");
        }
        // PdfPig reports most damage as PdfDocumentFormatException, but on garbage it also lets through whatever its
        // parsers hit (found by fuzzing 0.1.16 with truncated, bit-flipped and random files): the types below. They all
        // mean "this input cannot be read"; anything else (out of memory, cancellation) is not about the input.
        catch (Exception e) when (e is PdfDocumentFormatException or PdfDocumentStackDepthException or InvalidFontFormatException
            or CorruptCompressedDataException or InvalidDataException or IOException or InvalidOperationException
            or NotSupportedException or NotImplementedException or InvalidCastException or IndexOutOfRangeException
            or ArgumentException or KeyNotFoundException or FormatException or ArithmeticException or NullReferenceException)
        {
            return Unreadable(fileName, Reason(e));
        }

        if (pages.All(p => p.Lines.Count == 0) && pages.Any(p => p.RotatedText.Length > 0))
            return Unreadable(fileName, "all of its text is rotated, and only horizontal text is read");
        if (pages.All(p => p.Lines.Count == 0))
            return ParseResult.Fail<SourceDocument>(new ParseError(fileName, "the PDF has no text layer (scanned?); OCR it first"));

        var warnings = new List<ParseWarning>();
        var lines = Assemble(pages, shading, warnings);
        if (!EndsWithEofMarker(bytes))
            warnings.Insert(0, new ParseWarning("truncated", 0, "the file does not end with %%EOF: it may be cut short; check that its last pages were read"));
        return ParseResult.Ok(new SourceDocument(fileName, Format, lines, hasLayout: true), warnings);
    }

    private static ParseResult<SourceDocument> Unreadable(string fileName, string reason) =>
        ParseResult.Fail<SourceDocument>(new ParseError(fileName, $"not a readable PDF: {reason}"));

    /// <summary>A short reason in one line, with PdfPig's own words in brackets for whoever digs further.</summary>
    private static string Reason(Exception e)
    {
        var message = e.Message.Split('\n', 2)[0].Trim().TrimEnd('.');
        if (message.Length > 160) message = string.Concat(message.AsSpan(0, 157), "...");
        return e is NotSupportedException or NotImplementedException
            ? $"it uses a feature the reader does not support ({message})"
            : $"the file is damaged or cut short ({message})";
    }

    private static bool EndsWithEofMarker(byte[] bytes)
    {
        var tail = bytes.AsSpan(Math.Max(0, bytes.Length - 1024));
        return tail.IndexOf("%%EOF"u8) >= 0;
    }

    /// <summary>The document pass: drops furniture, finds headings against the body size, paragraph breaks against
    /// the usual line spacing, and boxes; numbers the lines.</summary>
    private static List<SourceLine> Assemble(List<PdfPageText> pages, List<IReadOnlyList<PdfShadedArea>> shading, List<ParseWarning> warnings)
    {
        var furniture = PdfFurniture.Find(pages);
        var kept = pages.Select(p => p.Lines.Where(l => !furniture.Contains(l)).ToList()).ToList();
        var bodySize = BodySize(kept.SelectMany(l => l));
        var headingLevels = HeadingLevels(kept.SelectMany(l => l), bodySize);
        var documentSpacing = UsualSpacing(kept.SelectMany(Ratios).ToList()) ?? 1.2;

        var lines = new List<SourceLine>();
        var unmapped = 0;
        var firstUnmappedLine = 0;
        var firstUnmappedPage = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var pageLines = kept[i];
            var spacing = Math.Clamp(pageLines.Count >= 4 ? UsualSpacing(Ratios(pageLines).ToList()) ?? documentSpacing : documentSpacing, 1.0, 1.4);
            if (pageLines.Count > 0 && lines.Count > 0) lines.Add(new SourceLine(lines.Count + 1, "", Page: page.Page));
            var firstOnPage = lines.Count;
            PdfTextLine? previous = null;
            foreach (var line in page.Lines)
            {
                if (furniture.Contains(line))
                {
                    var at = lines.Count > firstOnPage ? lines.Count : lines.Count + 1;
                    warnings.Add(new ParseWarning("pageFurniture", at, $"removed running header/footer on page {page.Page}: \"{line.Text}\""));
                    continue;
                }
                if (previous is not null && Ratio(previous, line) > ParagraphGapRatio * spacing)
                    lines.Add(new SourceLine(lines.Count + 1, "", Page: page.Page));
                previous = line;
                lines.Add(ToSourceLine(line, lines.Count + 1, bodySize, headingLevels, shading[i], warnings));
            }
            if (page.UnmappedGlyphs > 0 && unmapped == 0) (firstUnmappedLine, firstUnmappedPage) = (Math.Max(1, lines.Count), page.Page);
            unmapped += page.UnmappedGlyphs;
            var last = Math.Max(lines.Count, 1);
            if (page.RotatedText.Length > 0)
                warnings.Add(new ParseWarning("rotatedText", last, $"skipped rotated text on page {page.Page}: \"{page.RotatedText}\""));
            if (page.Lines.Count == 0 && page.Images > 0)
                warnings.Add(new ParseWarning("pageWithoutText", last, $"page {page.Page} has no text layer (a scanned image?); nothing was read from it"));
        }
        if (unmapped > 0)
            warnings.Add(new ParseWarning("unmappedGlyphs", firstUnmappedLine,
                $"{unmapped} glyph{(unmapped > 1 ? "s have" : " has")} no Unicode mapping in the PDF's fonts and {(unmapped > 1 ? "were" : "was")} written as U+FFFD (the first on page {firstUnmappedPage})"));

        // A furniture line on a page whose other lines were all dropped may point past the last line.
        for (var w = 0; w < warnings.Count; w++)
            if (warnings[w].Line > lines.Count) warnings[w] = warnings[w] with { Line = lines.Count };
        return lines;
    }

    private static SourceLine ToSourceLine(PdfTextLine line, int number, double bodySize, Dictionary<double, int> headingLevels,
        IReadOnlyList<PdfShadedArea> shading, List<ParseWarning> warnings)
    {
        var text = SourceDocument.NormalizeNfc(line.Text, out _, out var replaced);
        if (replaced > 0)
            warnings.Add(new ParseWarning("invalidCharacters", number,
                $"{replaced} invalid Unicode code point{(replaced > 1 ? "s were" : " was")} replaced by U+FFFD"));
        var hints = LineHints.None;
        var level = 0;
        if (line.Bold) hints |= LineHints.Bold;
        if (bodySize > 0 && line.Size >= HeadingRatio * bodySize && headingLevels.TryGetValue(SizeClass(line.Size), out var l))
        {
            hints |= LineHints.Heading;
            level = l;
        }
        var shade = BoxShade.None;
        if (PdfShading.Containing(shading, line) is { } box)
        {
            hints |= LineHints.Boxed;
            shade = box.Shade;
        }
        return new SourceLine(number, text, hints, line.Page, level, shade);
    }

    /// <summary>The size most of the text is set in: the median over glyphs, not over lines, so that short
    /// headings do not count as much as long body lines.</summary>
    private static double BodySize(IEnumerable<PdfTextLine> lines)
    {
        var bySize = lines.GroupBy(l => SizeClass(l.Size)).Select(g => (Size: g.Key, Glyphs: g.Sum(l => l.GlyphCount))).OrderBy(s => s.Size).ToList();
        var total = bySize.Sum(s => s.Glyphs);
        var seen = 0;
        foreach (var (size, glyphs) in bySize)
        {
            seen += glyphs;
            if (seen * 2 >= total) return size;
        }
        return 0;
    }

    /// <summary>Heading level per size class: 1 for the largest size at least 1.3× the body size, 2 for the next, up to 6.</summary>
    private static Dictionary<double, int> HeadingLevels(IEnumerable<PdfTextLine> lines, double bodySize) =>
        lines.Where(l => bodySize > 0 && l.Size >= HeadingRatio * bodySize)
            .Select(l => SizeClass(l.Size))
            .Distinct()
            .OrderDescending()
            .Select((size, i) => (size, level: Math.Min(i + 1, 6)))
            .ToDictionary(x => x.size, x => x.level);

    /// <summary>Sizes to the half point: the same style may come out as 11.0 and 10.98.</summary>
    private static double SizeClass(double size) => Math.Round(size * 2, MidpointRounding.AwayFromZero) / 2;

    /// <summary>Baseline distance between two consecutive lines, in units of their font size.</summary>
    private static double Ratio(PdfTextLine upper, PdfTextLine lower) => (upper.Baseline - lower.Baseline) / Math.Max((upper.Size + lower.Size) / 2, 0.1);

    private static IEnumerable<double> Ratios(List<PdfTextLine> lines)
    {
        for (var i = 1; i < lines.Count; i++) yield return Ratio(lines[i - 1], lines[i]);
    }

    /// <summary>The usual line spacing: a low percentile of the spacings, since lines inside paragraphs outnumber
    /// paragraph gaps in most documents; near-zero spacings (lines side by side) do not count.</summary>
    private static double? UsualSpacing(List<double> ratios)
    {
        var usable = ratios.Where(r => r >= 0.5).Order().ToList();
        if (usable.Count == 0) return null;
        return usable[(int)Math.Floor(0.3 * (usable.Count - 1))];
    }
}
