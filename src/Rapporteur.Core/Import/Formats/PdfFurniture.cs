using System.Text;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import.Formats;

/// <summary>Finds page furniture: running headers and footers, and bare page numbers, in the top and bottom margins.</summary>
internal static partial class PdfFurniture
{
    /// <summary>The share of the page height, at the top and at the bottom, where headers and footers live.</summary>
    private const double MarginShare = 0.08;

    /// <summary>The lines to drop. A margin line is furniture when it is a bare page number, or when its text (digits
    /// ignored, so "Page 3 of 9" matches "Page 4 of 9") comes back in the margins of at least half of the pages, and
    /// of at least three. A header that carries the page number ("Chapter 2: Scope   14") comes back only on its
    /// chapter's pages: it counts from three pages on when its number differs on every one of them.</summary>
    public static IReadOnlySet<PdfTextLine> Find(IReadOnlyList<PdfPageText> pages)
    {
        var found = new HashSet<PdfTextLine>(ReferenceEqualityComparer.Instance);
        var pagesByKey = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var numbersByKey = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var marginLines = new List<(PdfTextLine Line, string Key)>();
        foreach (var page in pages)
        {
            foreach (var line in page.Lines)
            {
                if (!InMargin(page, line)) continue;
                if (IsPageNumber(line.Text))
                {
                    found.Add(line);
                    continue;
                }
                var key = Key(line.Text);
                marginLines.Add((line, key));
                if (!pagesByKey.TryGetValue(key, out var set)) pagesByKey[key] = set = [];
                set.Add(page.Page);
                if (!numbersByKey.TryGetValue(key, out var numbers)) numbersByKey[key] = numbers = new HashSet<string>(StringComparer.Ordinal);
                numbers.Add(new string(line.Text.Where(char.IsDigit).ToArray()));
            }
        }
        foreach (var (line, key) in marginLines)
        {
            var count = pagesByKey[key].Count;
            if (count < 3) continue;
            var numbered = key.Contains('#', StringComparison.Ordinal) && numbersByKey[key].Count == count;
            if (count * 2 >= pages.Count || numbered) found.Add(line);
        }
        return found;
    }

    private static bool InMargin(PdfPageText page, PdfTextLine line)
    {
        var height = page.PageTop - page.PageBottom;
        if (height <= 0) return false;
        var middle = line.Baseline + 0.3 * line.Size;
        return middle >= page.PageTop - MarginShare * height || middle <= page.PageBottom + MarginShare * height;
    }

    /// <summary>"7", "Page 7", "p. 7", "7 / 12", "Page 7 of 12", "- 7 -", "vii".</summary>
    internal static bool IsPageNumber(string text) => PageNumber().IsMatch(text.Trim()) || DashedPageNumber().IsMatch(text.Trim());

    private static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        // A run of digits is one '#': page 9 and page 10 carry the same header.
        foreach (var c in Paragraphs.CollapseSpaces(text).Trim())
        {
            if (!char.IsDigit(c)) sb.Append(c);
            else if (sb.Length == 0 || sb[^1] != '#') sb.Append('#');
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^(?:(?:page|pages|p\.|pag\.|pagina|seite|blz\.)\s*)?(?:\d{1,4}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))(?:\s*(?:/|of|sur|van|de|von)\s*\d{1,4})?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^[-–—]\s*\d{1,4}\s*[-–—]$", RegexOptions.CultureInvariant)]
    private static partial Regex DashedPageNumber();
}
