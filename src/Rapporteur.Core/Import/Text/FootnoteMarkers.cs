using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import.Text;

/// <summary>Footnote markers written as superscript digits ("abuse.¹⁰", "Netherlands.^{102/103}") and definitions
/// that start with them ("¹⁰ Para. 102.").</summary>
public static partial class FootnoteMarkers
{
    private static readonly System.Buffers.SearchValues<char> MarkerStart = System.Buffers.SearchValues.Create("⁰¹²³⁴⁵⁶⁷⁸⁹^");

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
        var withoutBraces = BracedMarker().Replace(text, m =>
        {
            foreach (var part in m.Groups[1].Value.Split('/', ','))
                if (int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) found.Add(n);
            return "";
        });
        var sb = new StringBuilder(withoutBraces.Length);
        for (var i = 0; i < withoutBraces.Length; i++)
        {
            var c = withoutBraces[i];
            if (!Superscript.IsDigit(c))
            {
                sb.Append(c);
                continue;
            }
            var start = i;
            while (i + 1 < withoutBraces.Length && Superscript.IsDigit(withoutBraces[i + 1])) i++;
            found.Add(Superscript.Parse(withoutBraces.AsSpan(start, i - start + 1)));
            // "10¹/11" style separators between two markers are dropped with them.
            if (i + 2 < withoutBraces.Length && withoutBraces[i + 1] == '/' && Superscript.IsDigit(withoutBraces[i + 2])) i++;
        }
        markers = found;
        return sb.ToString();
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
