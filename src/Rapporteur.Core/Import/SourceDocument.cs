using System.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import;

/// <summary>Layout hints a format reader knows about a line; plain text knows none of them.</summary>
[Flags]
public enum LineHints
{
    None = 0,
    /// <summary>The paragraph has a heading style (DOCX Heading n, Markdown #, large PDF font).</summary>
    Heading = 1,
    /// <summary>The whole line is bold.</summary>
    Bold = 2,
    /// <summary>The paragraph is a list item (DOCX numbering, Markdown "-").</summary>
    ListItem = 4,
    /// <summary>The paragraph sits inside a shaded or bordered box.</summary>
    Boxed = 8,
}

/// <summary>The colour family of a shaded box, when the format tells it.</summary>
public enum BoxShade
{
    None,
    /// <summary>Orange/amber/yellow shades: follow-up actions.</summary>
    Orange,
    /// <summary>Blue shades: promising practices.</summary>
    Blue,
    /// <summary>Any other shade (grey, green): clarification notes or unknown.</summary>
    Other,
}

/// <summary>One line of a source document, as its format reader produced it.</summary>
/// <param name="Number">1-based line number (text), paragraph index (DOCX) or running line number (PDF).</param>
/// <param name="Text">The line's text, NFC-normalised, without its line break. Footnote references that the
/// format marks as such (DOCX footnote references, PDF superscript) are written as Unicode superscript digits.</param>
/// <param name="Page">The page, for paged formats.</param>
/// <param name="HeadingLevel">1–6 when <see cref="LineHints.Heading"/> is set.</param>
public sealed record SourceLine(int Number, string Text, LineHints Hints = LineHints.None, int? Page = null, int HeadingLevel = 0, BoxShade Shade = BoxShade.None)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A document as a list of lines: what every format reader produces and every structure parser reads.</summary>
/// <remarks>Paragraphs are separated by blank lines, as in plain text: a DOCX or PDF reader emits a blank line
/// between paragraphs, so that one set of structure parsers serves every format.</remarks>
public sealed record SourceDocument
{
    public SourceDocument(string fileName, string format, IReadOnlyList<SourceLine> lines, bool hasLayout = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        ArgumentNullException.ThrowIfNull(lines);
        FileName = fileName;
        Format = format;
        Lines = lines;
        HasLayout = hasLayout;
    }

    /// <summary>The file name as given (used in provenance and messages).</summary>
    public string FileName { get; }

    /// <summary>"txt", "md", "docx" or "pdf".</summary>
    public string Format { get; }
    public IReadOnlyList<SourceLine> Lines { get; }

    /// <summary>True when the reader had real layout (styles, shading): the parsers then trust <see cref="LineHints"/>.</summary>
    public bool HasLayout { get; }

    public Provenance ProvenanceOf(SourceLine first, SourceLine last) => new(FileName, first.Number, Math.Max(first.Number, last.Number), first.Page);

    /// <summary>Builds a document from plain text lines (tests, the text reader). Invalid code points (lone surrogates,
    /// U+FFFE, U+FFFF and other noncharacters) become U+FFFD, with a warning in <paramref name="warnings"/>.</summary>
    public static SourceDocument FromText(string fileName, string text, string format = "txt", ICollection<ParseWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = NormalizeNfc(text, out var badLine, out var replaced);
        if (replaced > 0)
            warnings?.Add(new ParseWarning("invalidCharacters", badLine,
                $"{replaced} invalid Unicode code point{(replaced > 1 ? "s were" : " was")} replaced by U+FFFD (the first on line {badLine})"));
        // One string per line, cut straight from the text ("\r" of a CRLF left out), without an intermediate array.
        var lines = new List<SourceLine>(normalized.Length / 48 + 1);
        var start = 0;
        while (start <= normalized.Length)
        {
            var end = normalized.IndexOf('\n', start);
            if (end < 0) end = normalized.Length;
            var length = end - start;
            while (length > 0 && normalized[start + length - 1] == '\r') length--;
            lines.Add(new SourceLine(lines.Count + 1, normalized.Substring(start, length)));
            start = end + 1;
        }
        if (lines.Count > 0 && lines[^1].Text.Length == 0) lines.RemoveAt(lines.Count - 1);
        return new SourceDocument(fileName, format, lines);
    }

    /// <summary>NFC normalisation that never throws: code points that Unicode forbids in text are replaced first.</summary>
    public static string NormalizeNfc(string text, out int firstBadLine, out int replaced)
    {
        ArgumentNullException.ThrowIfNull(text);
        firstBadLine = 0;
        replaced = 0;
        var first = FirstSuspect(text);
        if (first < 0) return IsNfcStable(text) ? text : text.Normalize(NormalizationForm.FormC);
        StringBuilder? sb = null;
        var line = text.AsSpan(0, first).Count('\n') + 1;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') line++;
            var bad = false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var cp = char.ConvertToUtf32(c, text[i + 1]);
                    if ((cp & 0xFFFE) == 0xFFFE) bad = true;
                    else
                    {
                        sb?.Append(c).Append(text[i + 1]);
                        i++;
                        continue;
                    }
                    i++;
                }
                else bad = true;
            }
            else if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (c >= '\uFDD0' && c <= '\uFDEF'))
            {
                bad = true;
            }
            if (bad)
            {
                sb ??= new StringBuilder(text, 0, i - (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]) ? 1 : 0), text.Length);
                sb.Append('\uFFFD');
                if (replaced++ == 0) firstBadLine = line;
                continue;
            }
            sb?.Append(c);
        }
        var clean = sb?.ToString() ?? text;
        return IsNfcStable(clean) ? clean : clean.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Where the first surrogate or noncharacter code unit is, or -1: vectorised searches, so that the
    /// character-by-character check only runs from there (and, for almost every document, not at all).</summary>
    private static int FirstSuspect(string text)
    {
        var span = text.AsSpan();
        var first = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        var limit = first < 0 ? span : span[..first];
        var nonCharacter = limit.IndexOfAnyInRange('\uFDD0', '\uFDEF');
        if (nonCharacter >= 0) limit = limit[..nonCharacter];
        var last = limit.IndexOfAny('\uFFFE', '\uFFFF');
        return last >= 0 ? last : nonCharacter >= 0 ? nonCharacter : first;
    }

    /// <summary>True when every character is one that NFC leaves alone whatever surrounds it: below U+0300 (Latin,
    /// no combining marks), general punctuation from U+2002, super- and subscripts, currency symbols, arrows.
    /// Saves the ICU call for almost every English, French and Dutch document.</summary>
    private static bool IsNfcStable(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var i = text.IndexOfAnyExceptInRange('\0', '\u02FF');
            if (i < 0) return true;
            var c = text[i];
            if (!((c >= '\u2002' && c <= '\u20CF') || (c >= '\u2190' && c <= '\u21FF'))) return false;
            text = text[(i + 1)..];
        }
    }
}
