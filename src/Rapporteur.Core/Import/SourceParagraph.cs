using System.Buffers;
using System.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import;

/// <summary>A paragraph: consecutive non-blank source lines, joined. Keeps its lines for provenance.</summary>
public sealed record SourceParagraph
{
    public SourceParagraph(string text, IReadOnlyList<SourceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0) throw new ArgumentException("A paragraph has at least one line.", nameof(lines));
        Text = text;
        Lines = lines;
    }

    /// <summary>The joined text: lines joined by a space (or nothing after a hyphen at a line end), list lines by a line feed.</summary>
    public string Text { get; }
    public IReadOnlyList<SourceLine> Lines { get; }

    public SourceLine First => Lines[0];
    public SourceLine Last => Lines[^1];
    public int Line => First.Number;
    public LineHints Hints => Lines[0].Hints;
    public BoxShade Shade => Lines[0].Shade;
    public int HeadingLevel => Lines[0].HeadingLevel;

    public Provenance ProvenanceIn(SourceDocument document) => document.ProvenanceOf(First, Last);

    public SourceParagraph WithText(string text) => new(text, Lines);

    /// <summary>Joins this paragraph and a later one that continues its sentence (split by a page break).</summary>
    public SourceParagraph Append(SourceParagraph next, string separator = " ")
    {
        ArgumentNullException.ThrowIfNull(next);
        return new(Paragraphs.JoinText(Text, next.Text, separator), Lines.Concat(next.Lines).ToList());
    }
}

/// <summary>Groups source lines into paragraphs.</summary>
public static class Paragraphs
{
    /// <summary>Splits at blank lines. Lines are trimmed; a line that starts a list item ("- ", "• ", "a. ", "1. ")
    /// starts a new line of the paragraph's text; other lines are joined to the previous with a space.</summary>
    public static List<SourceParagraph> Split(IEnumerable<SourceLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<SourceParagraph>();
        var current = new List<SourceLine>();
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                Flush();
                continue;
            }
            // A change of layout (heading, box) also ends a paragraph in formats that have layout.
            if (current.Count > 0 && (current[^1].Hints != line.Hints || current[^1].Shade != line.Shade)) Flush();
            current.Add(line);
        }
        Flush();
        return result;

        void Flush()
        {
            if (current.Count == 0) return;
            if (current.Count == 1)
            {
                // A line with nothing to trim or collapse is its own paragraph text: no copy.
                var text = current[0].Text;
                var trimmed = text.AsSpan().Trim();
                result.Add(new SourceParagraph(NeedsCollapse(trimmed) ? Collapse(trimmed) : trimmed.Length == text.Length ? text : trimmed.ToString(), [current[0]]));
                current.Clear();
                return;
            }
            sb.Clear();
            var tabular = false;
            foreach (var l in current)
            {
                var raw = l.Text.AsSpan().Trim();
                // Almost every line has nothing to collapse: it goes into the paragraph without a string of its own.
                var t = NeedsCollapse(raw) ? Collapse(raw).AsSpan() : raw;
                // Tab-separated lines (a table of contents, a table) stay lines.
                var tabs = raw.Contains('\t');
                if (sb.Length > 0) sb.Append(tabs || tabular ? "\n" : JoinSeparator(sb, t));
                sb.Append(t);
                tabular = tabs;
            }
            result.Add(new SourceParagraph(sb.ToString(), current.ToArray()));
            current.Clear();
        }
    }

    /// <summary>Joins two pieces of one sentence: no space after a hyphenated line end followed by a lower-case
    /// letter ("self-" + "generated"), a line feed before a list item, otherwise <paramref name="separator"/>.</summary>
    public static string JoinText(string left, string right, string separator = " ")
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Length == 0) return right;
        if (right.Length == 0) return left;
        var sep = JoinSeparator(left.Length >= 2 && IsHyphenatedWordEnd(left[^2], left[^1]), right);
        return string.Concat(left, string.Equals(sep, " ", StringComparison.Ordinal) ? separator : sep, right);
    }

    private static string JoinSeparator(StringBuilder left, ReadOnlySpan<char> right) =>
        JoinSeparator(left.Length >= 2 && IsHyphenatedWordEnd(left[^2], left[^1]), right);

    private static string JoinSeparator(bool leftEndsHyphenated, ReadOnlySpan<char> right)
    {
        if (StartsListItem(right)) return "\n";
        if (leftEndsHyphenated && right.Length > 0 && char.IsLower(right[0])) return "";
        return " ";
    }

    /// <summary>"self-" at a line end: a word broken by a hyphen.</summary>
    private static bool IsHyphenatedWordEnd(char beforeLast, char last) => last == '-' && char.IsLetter(beforeLast);

    /// <summary>True for "- x", "• x", "– x", "a. x", "a) x", "1. x", "(a) x".</summary>
    public static bool StartsListItem(ReadOnlySpan<char> text)
    {
        var t = text.TrimStart();
        if (t.Length < 2) return false;
        if ((t[0] is '-' or '•' or '–' or '*' or '\uF0B7' or '▪' or '○') && t[1] == ' ') return true;
        if (t.Length >= 3 && char.IsAsciiLetterLower(t[0]) && (t[1] is '.' or ')') && t[2] == ' ') return true;
        if (t.Length >= 4 && t[0] == '(' && char.IsAsciiLetterLower(t[1]) && t[2] == ')' && t[3] == ' ') return true;
        var i = 0;
        while (i < t.Length && i < 3 && char.IsAsciiDigit(t[i])) i++;
        return i > 0 && i + 1 < t.Length && t[i] is '.' or ')' && t[i + 1] == ' ' && !(i + 2 < t.Length && char.IsAsciiDigit(t[i + 2]));
    }

    /// <summary>Collapses runs of white space (spaces, tabs, no-break spaces) to one space.</summary>
    public static string CollapseSpaces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NeedsCollapse(text) ? Collapse(text) : text;
    }

    /// <summary>True when the text has white space other than single spaces between non-spaces.</summary>
    private static bool NeedsCollapse(ReadOnlySpan<char> text) =>
        text.ContainsAny(WhiteSpaceButSpaceAndLineFeed) || text.IndexOf("  ", StringComparison.Ordinal) >= 0;

    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> accepts, but the space and the line feed.</summary>
    private static readonly SearchValues<char> WhiteSpaceButSpaceAndLineFeed = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => char.IsWhiteSpace(c) && c is not ' ' and not '\n').ToArray());

    private static string Collapse(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != '\n')
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0 && sb[^1] != '\n' && c != '\n') sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
