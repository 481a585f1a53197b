using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import.Text;

/// <summary>A footnote definition found in the text: its number, text and lines.</summary>
public sealed record FootnoteDefinition(int Number, string Text, int FirstLine, int LastLine);

/// <summary>What <see cref="ExtractedText.Clean"/> returns: body lines, footnotes, and what was set aside.</summary>
public sealed record CleanedText(
    IReadOnlyList<SourceLine> Body,
    IReadOnlyList<FootnoteDefinition> Footnotes,
    IReadOnlyDictionary<int, IReadOnlyList<int>> MarkersByLine,
    IReadOnlyList<ParseWarning> Warnings);

/// <summary>
/// Cleans text extracted from a PDF by a converter (as in the corpus replies): the footnote area of each page
/// (a long run of spaces, then "1" on its own line, then the footnote's text), the hyperlink targets that the
/// converter dumps after a page ("https://..." lines), page numbers, and footnote markers glued to words
/// ("rules8", "adults:2", "indent 26" for footnote 6). The body keeps its original line numbers; a line that
/// starts a new page (after a footnote area or link dump) is preceded by a blank line so it starts a paragraph.
/// </summary>
public static partial class ExtractedText
{
    private enum Zone { Body, Footnotes, Links }

    public static CleanedText Clean(IReadOnlyList<SourceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var furniture = RunningHeaders(lines);
        var body = new List<SourceLine>(lines.Count);
        var footnotes = new List<FootnoteBuilder>();
        var warnings = new List<ParseWarning>();
        var zone = Zone.Body;
        var lastWasNumber = false;
        FootnoteBuilder? current = null;

        foreach (var line in lines)
        {
            var t = line.Text;
            if (furniture.Contains(line.Number))
            {
                warnings.Add(new ParseWarning("pageFurniture", line.Number, $"running header or footer set aside: {t.Trim()}"));
                continue;
            }
            switch (zone)
            {
                case Zone.Footnotes:
                    if (string.IsNullOrWhiteSpace(t)) continue;
                    if (NumberOnly().Match(t) is { Success: true } num)
                    {
                        var n = int.Parse(num.Groups[1].Value, CultureInfo.InvariantCulture);
                        var expected = footnotes.Count == 0 ? 1 : footnotes[^1].Number + 1;
                        if (n == expected)
                        {
                            current = new FootnoteBuilder(n, line.Number);
                            footnotes.Add(current);
                            lastWasNumber = true;
                            continue;
                        }
                        warnings.Add(new ParseWarning("pageNumber", line.Number, $"page number \"{t.Trim()}\" set aside"));
                        zone = Zone.Body;
                        body.Add(new SourceLine(line.Number, "", line.Hints, line.Page));
                        continue;
                    }
                    if (UrlOnly().IsMatch(t))
                    {
                        warnings.Add(LinkWarning(line));
                        zone = Zone.Links;
                        continue;
                    }
                    if (current is null || (t.StartsWith(' ') && !lastWasNumber && current.HasText))
                    {
                        zone = Zone.Body;
                        body.Add(new SourceLine(line.Number, "", line.Hints, line.Page));
                        body.Add(line);
                        continue;
                    }
                    current.Append(t, line.Number);
                    lastWasNumber = false;
                    continue;

                case Zone.Links:
                    if (string.IsNullOrWhiteSpace(t)) continue;
                    if (UrlOnly().IsMatch(t))
                    {
                        warnings.Add(LinkWarning(line));
                        continue;
                    }
                    zone = Zone.Body;
                    body.Add(new SourceLine(line.Number, "", line.Hints, line.Page));
                    body.Add(line);
                    continue;

                default:
                    if (Separator().IsMatch(t))
                    {
                        zone = Zone.Footnotes;
                        current = null;
                        lastWasNumber = false;
                        continue;
                    }
                    if ((body.Count == 0 || body[^1].IsBlank) && UrlOnly().IsMatch(t))
                    {
                        warnings.Add(LinkWarning(line));
                        zone = Zone.Links;
                        continue;
                    }
                    if ((body.Count == 0 || body[^1].IsBlank) && NumberOnly().IsMatch(t))
                    {
                        warnings.Add(new ParseWarning("pageNumber", line.Number, $"page number \"{t.Trim()}\" set aside"));
                        continue;
                    }
                    // The converter starts each page's first line with one space: a page break, so a paragraph break.
                    if (body.Count > 0 && !body[^1].IsBlank && PageStart().IsMatch(t))
                        body.Add(new SourceLine(line.Number, "", line.Hints, line.Page));
                    body.Add(line);
                    continue;
            }
        }

        var definitions = footnotes.Select(f => f.Build()).ToList();
        var markers = FindGluedMarkers(body, definitions, warnings);
        return new CleanedText(body, definitions, markers, warnings);
    }

    /// <summary>Lines repeated at least three times, each standing alone between blank lines, that read like a running
    /// header or footer (short, no end punctuation, not a question, item or prompt).</summary>
    private static HashSet<int> RunningHeaders(IReadOnlyList<SourceLine> lines)
    {
        var candidates = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].Text.AsSpan().Trim();
            if (t.Length is < 3 or > 100 || t[^1] is '.' or '?' or ':' or ';' or '!' or ',') continue;
            if (t.StartsWith('→') || t.StartsWith("Question", StringComparison.Ordinal) || Paragraphs.StartsListItem(t) || char.IsAsciiDigit(t[0])) continue;
            var alone = (i == 0 || lines[i - 1].IsBlank) && (i + 1 == lines.Count || lines[i + 1].IsBlank);
            if (!alone) continue;
            var key = Digits().Replace(t.ToString(), "#");
            if (!candidates.TryGetValue(key, out var list)) candidates[key] = list = [];
            list.Add(lines[i].Number);
        }
        return candidates.Values.Where(l => l.Count >= 3).SelectMany(l => l).ToHashSet();
    }

    private static ParseWarning LinkWarning(SourceLine line) =>
        new("linkTarget", line.Number, $"hyperlink target dumped by the PDF converter set aside: {line.Text.Trim()}");

    /// <summary>Finds each footnote's marker in the body, in order, and removes it from the line's text.</summary>
    private static Dictionary<int, IReadOnlyList<int>> FindGluedMarkers(List<SourceLine> body, List<FootnoteDefinition> definitions, List<ParseWarning> warnings)
    {
        var byLine = new Dictionary<int, List<int>>();
        var index = 0; // position in body where the search for the next marker starts
        foreach (var def in definitions)
        {
            // The marker sits on the same page as its definition: take the last candidate before the definition.
            var found = false;
            var best = (Body: -1, Start: -1, Length: 0);
            var digits = def.Number.ToString(CultureInfo.InvariantCulture);
            for (var i = index; i < body.Count && body[i].Number < def.FirstLine; i++)
            {
                if (!body[i].Text.Contains(digits, StringComparison.Ordinal)) continue;
                var (start, length) = FindMarker(body[i].Text, def.Number);
                if (start >= 0) best = (i, start, length);
            }
            if (best.Body >= 0)
            {
                var i = best.Body;
                var text = body[i].Text;
                body[i] = body[i] with { Text = string.Concat(text.AsSpan(0, best.Start), text.AsSpan(best.Start + best.Length)) };
                if (!byLine.TryGetValue(body[i].Number, out var list)) byLine[body[i].Number] = list = [];
                list.Add(def.Number);
                index = i;
                found = true;
            }
            if (!found)
                warnings.Add(new ParseWarning("footnoteUnreferenced", def.FirstLine, $"footnote {def.Number} is defined but its marker was not found in the text before it"));
        }
        return byLine.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<int>)kv.Value);
    }

    /// <summary>Where footnote <paramref name="number"/>'s marker is in a line: digits glued to a word or punctuation
    /// ("rules8", ")1."), or alone at the end of the line ("children: 5", "indent 26" where 6 is the marker).</summary>
    internal static (int Start, int Length) FindMarker(string text, int number)
    {
        var digits = number.ToString(CultureInfo.InvariantCulture);
        var result = (-1, 0);
        foreach (Match m in Glued().Matches(text))
            if (string.Equals(m.Groups[1].Value, digits, StringComparison.Ordinal))
                result = (m.Groups[1].Index, m.Groups[1].Length);
        if (result.Item1 >= 0) return result;
        var end = TrailingNumber().Match(text);
        if (end.Success)
        {
            var run = end.Groups[1].Value;
            if (string.Equals(run, digits, StringComparison.Ordinal)) return (end.Groups[1].Index, run.Length);
            if (run.Length > digits.Length && run.EndsWith(digits, StringComparison.Ordinal))
                return (end.Groups[1].Index + run.Length - digits.Length, digits.Length);
        }
        return (-1, 0);
    }

    private sealed class FootnoteBuilder(int number, int line)
    {
        private readonly List<string> _parts = [];
        private readonly int _first = line;
        private int _last = line;

        public int Number { get; } = number;
        public bool HasText => _parts.Count > 0;

        public void Append(string text, int lineNumber)
        {
            _parts.Add(text.Trim());
            _last = lineNumber;
        }

        public FootnoteDefinition Build()
        {
            var text = "";
            foreach (var p in _parts) text = Paragraphs.JoinText(text, p);
            return new FootnoteDefinition(Number, Paragraphs.CollapseSpaces(text), _first, _last);
        }
    }

    [GeneratedRegex(@"^\s{15,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*(\d{1,3})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberOnly();

    [GeneratedRegex(@"^(?:https?://|www\.)\S+\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlOnly();

    [GeneratedRegex(@"(?:(?<=[\p{L}\)\]:;,?!”""’])|(?<=(?<!\d)\.))(\d{1,3})(?=[\s.,;:]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Glued();

    [GeneratedRegex(@"\s(\d{1,3})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingNumber();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    [GeneratedRegex(@"^ \S", RegexOptions.CultureInvariant)]
    private static partial Regex PageStart();
}
