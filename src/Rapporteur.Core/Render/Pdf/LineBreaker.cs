using Rapporteur.Core.Import.Text;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>Breaks text into lines that fit a width: at spaces, and inside a word only when the word alone is wider
/// than the line. Hard line feeds stay; a list line ("- ...") hangs its following lines under its text.</summary>
internal static class LineBreaker
{
    /// <summary>The block's lines; the footnote markers (superscript digits, a thin space apart) end the last line,
    /// and that line carries the notes.</summary>
    public static List<FlowLine> Break(PdfFonts fonts, IReadOnlyList<string> lines, IReadOnlyList<int> notes, TextStyle style, float size, float width, float indent = 0)
    {
        var result = new List<FlowLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var text = i == lines.Count - 1 ? lines[i] + Markers(notes) : lines[i];
            var hang = Import.Paragraphs.StartsListItem(text) ? fonts.Width(text[..(text.IndexOf(' ', StringComparison.Ordinal) + 1)], style, size) : 0;
            var first = true;
            foreach (var piece in Wrap(fonts, text, style, size, width - indent, hang))
            {
                result.Add(new FlowLine(piece, indent + (first ? 0 : hang), []));
                first = false;
            }
        }
        if (result.Count == 0) result.Add(new FlowLine(Markers(notes), indent, []));
        result[^1] = result[^1] with { Notes = notes };
        return result;
    }

    public static string Markers(IReadOnlyList<int> notes) => string.Join('\u2009', notes.Select(Superscript.FromNumber));

    private static IEnumerable<string> Wrap(PdfFonts fonts, string text, TextStyle style, float size, float width, float hang)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var line = "";
        var available = width;
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (fonts.Width(candidate, style, size) <= available)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                yield return line;
                available = width - hang;
            }
            line = word;
            // A word wider than the line (a long address) is cut where it must: after a hyphen that a lower-case
            // letter follows if it can, since readers join such a line end to the next line without a space.
            while (fonts.Width(line, style, size) > available && line.Length > 1)
            {
                var fit = Math.Max(1, (int)fonts.Font(style, size).BreakText(line, available));
                var hyphen = fit > 2 ? line.LastIndexOf('-', fit - 1) : -1;
                if (hyphen > fit / 2 && char.IsLower(line[hyphen + 1]) && char.IsLetter(line[hyphen - 1])) fit = hyphen + 1;
                yield return line[..fit];
                available = width - hang;
                line = line[fit..];
            }
        }
        if (line.Length > 0) yield return line;
    }
}
