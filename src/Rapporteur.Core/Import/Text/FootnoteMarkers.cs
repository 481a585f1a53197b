using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import.Text;

/// <summary>Footnote markers written as superscript digits ("abuse.¹⁰", "Netherlands.^{102/103}") and definitions
/// that start with them ("¹⁰ Para. 102.").</summary>
public static partial class FootnoteMarkers
{
    private static readonly SearchValues<char> MarkerStart = SearchValues.Create("⁰¹²³⁴⁵⁶⁷⁸⁹^");

    /// <summary>Removes the markers from a text and returns them in order.</summary>
    public static string Strip(string text, out IReadOnlyList<int> markers)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(MarkerStart) < 0)
        {
            markers = [];
            return text;
        }
        var found = new List<int>();
        var withoutBraces = !text.Contains("^{", StringComparison.Ordinal) ? text : BracedMarker().Replace(text, m =>
        {
            foreach (var part in m.Groups[1].Value.Split('/', ','))
                if (int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) found.Add(n);
            return "";
        });
        // The text without its markers is never longer than the text: a pooled buffer, then one string.
        var buffer = ArrayPool<char>.Shared.Rent(withoutBraces.Length);
        var length = 0;
        var rest = withoutBraces.AsSpan();
        while (true)
        {
            var start = rest.IndexOfAny(Superscript.DigitValues);
            var kept = start < 0 ? rest : rest[..start];
            kept.CopyTo(buffer.AsSpan(length));
            length += kept.Length;
            if (start < 0) break;
            var end = start + 1;
            while (end < rest.Length && Superscript.IsDigit(rest[end])) end++;
            found.Add(Superscript.Parse(rest[start..end]));
            // "10¹/11" style separators between two markers are dropped with them.
            if (end + 1 < rest.Length && rest[end] == '/' && Superscript.IsDigit(rest[end + 1])) end++;
            rest = rest[end..];
        }
        var result = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        markers = found;
        return result;
    }

    /// <summary>True when a paragraph is a footnote definition: superscript digits, a space, the text.</summary>
    public static bool TryParseDefinition(string text, out int number, out string rest)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Definition().Match(text);
        if (!m.Success)
        {
            number = 0;
            rest = "";
            return false;
        }
        number = Superscript.Parse(m.Groups[1].Value);
        rest = m.Groups[2].Value;
        return number > 0;
    }

    [GeneratedRegex(@"\^\{(\d{1,4}(?:\s*[/,]\s*\d{1,4})*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex BracedMarker();

    [GeneratedRegex(@"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})\s+(.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Definition();
}
