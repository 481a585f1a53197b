using System.Text;
using Rapporteur.Core.Import.Text;
using UglyToad.PdfPig.Content;

namespace Rapporteur.Core.Import.Formats;

/// <summary>One glyph as the line builder sees it: PDF user-space coordinates (y grows upwards), size in points.</summary>
internal readonly record struct PdfGlyph(string Value, double Left, double Right, double Baseline, double Size, bool Bold)
{
    public bool IsSpace => Value.Length > 0 && string.IsNullOrWhiteSpace(Value);
}

/// <summary>A text line of one page with the geometry the document pass needs (furniture, spacing, boxes, headings).</summary>
internal sealed record PdfTextLine(int Page, string Text, double Baseline, double Left, double Right, double Size, bool Bold, int GlyphCount)
{
    /// <summary>Approximate ink extent: descenders below the baseline, capitals above it.</summary>
    public double Bottom => Baseline - 0.2 * Size;
    public double Top => Baseline + 0.7 * Size;
}

/// <summary>The lines of one page, plus what the page had that did not become a line.</summary>
internal sealed record PdfPageText(int Page, double PageBottom, double PageTop, IReadOnlyList<PdfTextLine> Lines, string RotatedText, int UnmappedGlyphs, int Images);

/// <summary>Builds text lines from a page's letters: groups them by baseline, folds raised small digits (footnote
/// markers) into the line they belong to, and puts spaces where words are apart.</summary>
internal static class PdfPageTextBuilder
{
    /// <summary>Smaller than this share of the line's size counts as superscript (when also raised).</summary>
    private const double SmallRatio = 0.8;

    /// <summary>A baseline at least this share of the line's size above the line's baseline counts as raised.</summary>
    private const double RaisedRatio = 0.15;

    /// <summary>A gap wider than this share of the font size between two letters is a word break.</summary>
    private const double WordGapRatio = 0.2;

    private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    public static PdfPageText Build(Page page)
    {
        var glyphs = new List<PdfGlyph>(page.Letters.Count);
        var rotated = new StringBuilder();
        var unmapped = 0;
        var boldNames = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var letter in page.Letters)
        {
            var value = letter.Value ?? "";
            // The control characters (char.IsControl): U+0000–U+001F and U+007F–U+009F.
            if (value.Length == 0 || value.AsSpan().ContainsAnyInRange('\0', '\u001F') || value.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
            {
                // A glyph the font gives no Unicode for: keep its place visible rather than drop it.
                unmapped++;
                value = "\uFFFD";
            }
            if (letter.TextOrientation != TextOrientation.Horizontal)
            {
                rotated.Append(value);
                continue;
            }
            var size = letter.PointSize;
            if (!(size > 0) || double.IsInfinity(size)) size = Math.Max(letter.BoundingBox.Height, 1);
            var left = letter.StartBaseLine.X;
            var right = Math.Max(letter.EndBaseLine.X, left);
            glyphs.Add(new PdfGlyph(value, left, right, letter.StartBaseLine.Y, size, IsBoldFont(letter, boldNames)));
        }
        var bounds = page.CropBox.Bounds;
        var lines = BuildLines(page.Number, glyphs);
        return new PdfPageText(page.Number, bounds.Bottom, bounds.Top, lines, Paragraphs.CollapseSpaces(rotated.ToString()).Trim(), unmapped, page.NumberOfImages);
    }

    /// <summary>Bold by the font's name or its flags; the name test is kept per name, as a page has thousands of
    /// letters in a handful of fonts.</summary>
    private static bool IsBoldFont(Letter letter, Dictionary<string, bool> boldNames)
    {
        var name = letter.FontName ?? "";
        if (!boldNames.TryGetValue(name, out var bold))
            boldNames[name] = bold = name.Contains("Bold", StringComparison.OrdinalIgnoreCase)
                || name.Contains("Black", StringComparison.OrdinalIgnoreCase)
                || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase);
        return bold || letter.FontDetails?.IsBold == true;
    }

    /// <summary>Groups glyphs into lines, top to bottom.</summary>
    internal static IReadOnlyList<PdfTextLine> BuildLines(int page, IReadOnlyList<PdfGlyph> glyphs)
    {
        var clusters = ClusterByBaseline(glyphs);
        AttachRaisedClusters(clusters);
        var lines = new List<PdfTextLine>();
        foreach (var cluster in clusters)
        {
            if (cluster.Merged) continue;
            var line = ToLine(page, cluster);
            if (line is not null) lines.Add(line);
        }
        lines.Sort((a, b) => a.Baseline != b.Baseline ? b.Baseline.CompareTo(a.Baseline) : a.Left.CompareTo(b.Left));
        return lines;
    }

    private sealed class Cluster(double baseline)
    {
        public double Baseline { get; } = baseline;
        public List<PdfGlyph> Glyphs { get; } = [];
        public bool Merged { get; set; }
        public double Size { get; set; }
        public double Left { get; set; }
        public double Right { get; set; }

        public void Measure()
        {
            var ink = Glyphs.Where(g => !g.IsSpace).ToList();
            if (ink.Count == 0) ink = Glyphs;
            Size = Median(ink, g => g.Size);
            Left = ink.Min(g => g.Left);
            Right = ink.Max(g => g.Right);
        }
    }

    /// <summary>Glyphs whose baselines agree (within a fifth of their size) form one cluster.</summary>
    private static List<Cluster> ClusterByBaseline(IReadOnlyList<PdfGlyph> glyphs)
    {
        var sorted = InReadingOrder(glyphs, byBaseline: true);
        var clusters = new List<Cluster>();
        Cluster? current = null;
        foreach (var g in sorted)
        {
            var tolerance = Math.Max(1.0, 0.2 * g.Size);
            if (current is null || current.Baseline - g.Baseline > tolerance)
            {
                current = new Cluster(g.Baseline);
                clusters.Add(current);
            }
            current.Glyphs.Add(g);
        }
        foreach (var c in clusters) c.Measure();
        return clusters;
    }

    /// <summary>A cluster of small glyphs sitting a little above a cluster of larger ones (superscript footnote
    /// markers, "1er") belongs to that cluster's line.</summary>
    private static void AttachRaisedClusters(List<Cluster> clusters)
    {
        foreach (var small in clusters)
        {
            Cluster? host = null;
            foreach (var candidate in clusters)
            {
                if (ReferenceEquals(candidate, small) || candidate.Merged) continue;
                var rise = small.Baseline - candidate.Baseline;
                if (rise <= 0 || rise > 0.6 * candidate.Size) continue;
                if (small.Size >= SmallRatio * candidate.Size) continue;
                var reach = 2 * candidate.Size;
                if (small.Right < candidate.Left - reach || small.Left > candidate.Right + reach) continue;
                if (host is null || candidate.Baseline > host.Baseline) host = candidate;
            }
            if (host is null) continue;
            host.Glyphs.AddRange(small.Glyphs);
            small.Merged = true;
        }
    }

    private static PdfTextLine? ToLine(int page, Cluster cluster)
    {
        var glyphs = InReadingOrder(cluster.Glyphs, byBaseline: false);
        var ink = glyphs.Where(g => !g.IsSpace).ToList();
        if (ink.Count == 0) return null;

        // The line's own size and baseline come from its full-size glyphs, not from attached superscripts.
        var lineSize = Median(ink, g => g.Size);
        var body = ink.Where(g => g.Size >= SmallRatio * lineSize).ToList();
        var baseline = Median(body, g => g.Baseline);
        bool IsSuperscriptDigit(PdfGlyph g) =>
            g.Value.Length == 1 && char.IsAsciiDigit(g.Value[0]) && g.Size < SmallRatio * lineSize && g.Baseline - baseline > RaisedRatio * lineSize;

        var sb = new StringBuilder();
        PdfGlyph? previous = null;
        var previousSuperscript = false;
        var leadingMarker = true;
        var pendingSpace = false;
        foreach (var g in glyphs)
        {
            if (g.IsSpace)
            {
                pendingSpace = previous is not null;
                continue;
            }
            // Fake bold: some producers print every glyph twice, a fraction of a point apart.
            if (previous is { } p && string.Equals(p.Value, g.Value, StringComparison.Ordinal)
                && Math.Abs(p.Left - g.Left) < 0.3 * Math.Max(p.Right - p.Left, 0.1) && Math.Abs(p.Baseline - g.Baseline) < 0.5) continue;

            var superscript = IsSuperscriptDigit(g);
            if (previous is { } prev)
            {
                var gap = g.Left - prev.Right;
                var space = pendingSpace || gap > WordGapRatio * Math.Min(g.Size, prev.Size);
                if (superscript && !previousSuperscript && !leadingMarker) space = false; // "rules⁸": glued to its word
                if (previousSuperscript && leadingMarker && !superscript) space = true;   // "⁴ Text": one space after the number
                if (space) sb.Append(' ');
            }
            if (!superscript) leadingMarker = false;
            if (superscript) sb.Append(SuperscriptDigits[g.Value[0] - '0']);
            else sb.Append(ExpandLigature(g.Value));
            previous = g;
            previousSuperscript = superscript;
            pendingSpace = false;
        }
        var text = sb.ToString().Trim();
        if (text.Length == 0) return null;
        var bold = body.All(g => g.Bold);
        return new PdfTextLine(page, text, baseline, ink.Min(g => g.Left), ink.Max(g => g.Right), lineSize, bold, ink.Count);
    }

    /// <summary>Latin presentation ligatures ("ﬁ") are spelled out: NFC keeps them, and search would miss "confirm".</summary>
    private static string ExpandLigature(string value) => value switch
    {
        "\uFB00" => "ff",
        "\uFB01" => "fi",
        "\uFB02" => "fl",
        "\uFB03" => "ffi",
        "\uFB04" => "ffl",
        "\uFB05" or "\uFB06" => "st",
        _ => value,
    };

    private static double Median(List<PdfGlyph> glyphs, Func<PdfGlyph, double> value)
    {
        if (glyphs.Count == 0) return 0;
        var sorted = new double[glyphs.Count];
        for (var i = 0; i < sorted.Length; i++) sorted[i] = value(glyphs[i]);
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Top to bottom (when <paramref name="byBaseline"/>), then left to right; glyphs at the same place keep
    /// their content-stream order, as LINQ's stable OrderBy kept them, with small keys instead of LINQ's machinery.</summary>
    private static List<PdfGlyph> InReadingOrder(IReadOnlyList<PdfGlyph> glyphs, bool byBaseline)
    {
        var keys = new ReadingOrder[glyphs.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = new ReadingOrder(byBaseline ? glyphs[i].Baseline : 0, glyphs[i].Left, i);
        Array.Sort(keys);
        var sorted = new List<PdfGlyph>(keys.Length);
        foreach (var key in keys) sorted.Add(glyphs[key.Index]);
        return sorted;
    }

    private readonly record struct ReadingOrder(double Baseline, double Left, int Index) : IComparable<ReadingOrder>
    {
        public int CompareTo(ReadingOrder other)
        {
            var c = other.Baseline.CompareTo(Baseline); // descending: PDF's y grows upwards
            if (c == 0) c = Left.CompareTo(other.Left);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }
}
