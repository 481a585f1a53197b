using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Reports;

/// <summary>Text tests the report and recommendation-list parsers share: chapter and paragraph numbers, sentence
/// ends, headings, explicit recommendation ids, and the Party and round a title names.</summary>
internal static partial class ReportText
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    /// <summary>Words that follow "by" or "report" in a title without being the State under evaluation.</summary>
    private static readonly HashSet<string> NotAParty = new(StringComparer.OrdinalIgnoreCase)
    {
        "GRETA", "GREVIO", "Committee", "Lanzarote Committee", "Secretariat", "Council of Europe", "Committee of Ministers",
        "Parties", "Working Group", "Human Rights Council", "Contents", "Table of Contents", "Introduction", "Summary",
        "Executive Summary", "Report", "Evaluation Report", "Implementation Report", "Strasbourg", "Geneva",
    };

    /// <summary>Ends with a full stop, question or exclamation mark, colon or semicolon (after closing quotes,
    /// brackets and emphasis markers).</summary>
    public static bool IsTerminated(string text)
    {
        var t = text.AsSpan().TrimEnd().TrimEnd("*_\"”’')]").TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '?' or '!' or ':' or ';';
    }

    /// <summary>The last character that counts for a sentence (after closing quotes, brackets and emphasis), or '\0'.</summary>
    public static char LastSignificant(string text)
    {
        var t = text.AsSpan().TrimEnd().TrimEnd("*_\"”’')]").TrimEnd();
        return t.Length > 0 ? t[^1] : '\0';
    }

    /// <summary>Starts with a lower-case letter (after opening quotes, brackets or emphasis): the rest of a sentence.</summary>
    public static bool StartsLower(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c)) return char.IsLower(c);
            if (c is '“' or '"' or '‘' or '\'' or '(' or '*' or '_') continue;
            return false;
        }
        return false;
    }

    /// <summary>Short, one line, not a sentence: a sub-heading ("a. Legislative framework", "Data collection").</summary>
    public static bool IsHeadingLike(string text) =>
        text.Length is > 0 and <= 160 && !IsTerminated(text) && !text.Contains('\n', StringComparison.Ordinal) && !StartsLower(text);

    /// <summary>A list item or bullet, also inside bold markup ("**- ensure ...").</summary>
    public static bool IsListItem(string text)
    {
        var t = text.StartsWith("**", StringComparison.Ordinal) ? text[2..] : text;
        return Paragraphs.StartsListItem(t);
    }

    public static string StripEmphasis(string text) => text.Replace("**", "", StringComparison.Ordinal);

    public static bool IsPageNumber(string text) => PageNumber().IsMatch(text);

    /// <summary>A chapter heading: "II. Legal frameworks", "Chapter II – Title", "CHAPTER II: Title"; with a heading
    /// style also "II Legal frameworks". <paramref name="explicitWord"/> is true for the "Chapter II" forms.</summary>
    public static bool TryChapter(string text, bool heading, out string number, out string title, out bool explicitWord)
    {
        number = title = "";
        explicitWord = false;
        var t = StripEmphasis(text).Trim();
        if (t.Length == 0 || t.Contains('\n', StringComparison.Ordinal) || t.Contains('\t', StringComparison.Ordinal)) return false;
        var m = ChapterWord().Match(t);
        if (m.Success) explicitWord = true;
        else
        {
            m = ChapterDotted().Match(t);
            if (!m.Success && heading) m = ChapterHeading().Match(t);
        }
        // Roman.IsNumeral throws above CCCXCIX, so the value is checked first.
        if (!m.Success || Roman.ToInt(m.Groups["num"].Value) is < 1 or > 399 || !Roman.IsNumeral(m.Groups["num"].Value)) return false;
        number = m.Groups["num"].Value;
        title = m.Groups["title"].Value.Trim();
        // "II. The Committee ... ." is a sentence that happens to start with a numeral, not a heading.
        return title.Length == 0 || !IsTerminated(title) || title.Length <= 80;
    }

    /// <summary>"67. Text" (also "**67. Text" written in bold): the number and the text after it.</summary>
    public static bool TryNumbered(string text, out int number, out string rest)
    {
        number = 0;
        rest = "";
        var m = Numbered().Match(text);
        if (!m.Success || !int.TryParse(m.Groups["num"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1) return false;
        rest = m.Groups["bold"].Success ? "**" + m.Groups["rest"].Value : m.Groups["rest"].Value;
        return true;
    }

    /// <summary>An id the text gives itself: "(R II-6)", "[II-6]", "(II-6)", "(Recommendation II-6)" anywhere, or
    /// "Recommendation II-6" / "R II-6" as a label at the start or "Recommendation II-6." at the end.
    /// <paramref name="label"/> is set to the text without the id when the id was a label at the start or the end.</summary>
    public static RecommendationId? ExplicitId(string text, out string label, out bool asLabel)
    {
        label = text;
        asLabel = false;
        var lead = LeadingId().Match(text);
        if (lead.Success && RecommendationId.TryParse(lead.Groups["id"].Value, out var leadId))
        {
            label = text[(lead.Index + lead.Length)..].TrimStart();
            asLabel = true;
            return leadId;
        }
        var trail = TrailingId().Match(text);
        if (trail.Success && RecommendationId.TryParse(trail.Groups["id"].Value, out var trailId))
        {
            label = (text[..trail.Index].TrimEnd() + trail.Groups["punct"].Value + trail.Groups["tail"].Value).TrimEnd();
            asLabel = true;
            return trailId;
        }
        var bracket = BracketedId().Match(text);
        if (bracket.Success && RecommendationId.TryParse(bracket.Groups["id"].Value, out var bracketId)) return bracketId;
        return null;
    }

    /// <summary>The State a report title names: "Evaluation report RURITANIA", "Report on Ruritania",
    /// "... concerning the implementation of the Convention by Ruritania". Title-cased, without a leading "the".</summary>
    public static Party? PartyFromTitle(IReadOnlyList<string> titleParagraphs)
    {
        for (var i = 0; i < titleParagraphs.Count; i++)
        {
            var candidates = new List<string> { titleParagraphs[i] };
            if (i + 1 < titleParagraphs.Count) candidates.Add(titleParagraphs[i] + " " + titleParagraphs[i + 1]);
            foreach (var text in candidates)
            {
                var plain = StripEmphasis(text).Replace('\n', ' ').Trim();
                foreach (var m in new[] { ReportOn().Match(plain), ImplementationBy().Match(plain) })
                    if (m.Success && AsParty(m.Groups["name"].Value) is { } party) return party;
            }
        }
        return null;
    }

    /// <summary>The State a sentence names as the one addressed: "the authorities of Ruritania".</summary>
    public static Party? PartyFromSentence(string sentence)
    {
        var m = AuthoritiesOf().Match(sentence);
        return m.Success ? AsParty(m.Groups["name"].Value) : null;
    }

    public static Party? AsParty(string name)
    {
        var normalized = Text.PartyNames.Normalize(name);
        if (normalized.Length == 0 || NotAParty.Contains(normalized)) return null;
        return new Party(normalized);
    }

    /// <summary>"2nd monitoring round", "second round", "round 2", "third evaluation round", "3rd cycle".</summary>
    public static int? Round(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var digits = RoundDigits().Match(text);
            if (digits.Success)
                return int.Parse(digits.Groups["n"].Success ? digits.Groups["n"].Value : digits.Groups["m"].Value, CultureInfo.InvariantCulture);
            var word = RoundWord().Match(text);
            if (word.Success) return Array.IndexOf(Ordinals, word.Groups[1].Value.ToLowerInvariant()) + 1;
        }
        return null;
    }

    [GeneratedRegex(@"^\s*\d{1,4}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(?<num>[IVXLC]{1,7})\.\s+(?<title>\S.{0,250})$", RegexOptions.CultureInvariant)]
    private static partial Regex ChapterDotted();

    [GeneratedRegex(@"^(?<num>[IVXLC]{1,7})[.:]?\s+(?<title>\S.{0,250})$", RegexOptions.CultureInvariant)]
    private static partial Regex ChapterHeading();

    [GeneratedRegex(@"^(?:Chapter|CHAPTER|Chapitre|CHAPITRE)\s+(?<num>[IVXLC]{1,7})(?![\p{L}\d])\s*(?:[–—:.\-]\s*)?(?<title>.{0,250})$", RegexOptions.CultureInvariant)]
    private static partial Regex ChapterWord();

    [GeneratedRegex(@"^(?<bold>\*\*)?(?<num>\d{1,4})\.\s+(?<rest>\S.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Numbered();

    private const string Id = @"(?<id>[IVXLC]{1,7}-\d{1,3}[a-z]?)";

    [GeneratedRegex(@"^(?:\*\*)?(?:Recommendation|R)\s+" + Id + @"(?![\w-])\s*[:.–—-]?", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingId();

    [GeneratedRegex(@"(?:\((?:R|Rec\.|Recommendation)?\s*" + Id + @"\)(?<punct>[.;]?)|\[(?:R\s*)?" + Id + @"\](?<punct>[.;]?)|(?<=[.;:]\s*)Recommendation\s+" + Id + @"\.?)(?<tail>\**)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingId();

    [GeneratedRegex(@"\((?:R|Rec\.|Recommendation)?\s*" + Id + @"\)|\[(?:R\s*)?" + Id + @"\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedId();

    private const string Name = @"(?<name>\p{Lu}[\p{L}'’-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+)?\p{Lu}[\p{L}'’-]*){0,3})";

    [GeneratedRegex(@"\b(?:[Rr]eport|REPORT|[Rr]apport|RAPPORT)\s+(?:(?:on|concerning|for|sur|ON|CONCERNING|FOR)\s+)?(?:the\s+|THE\s+)?" + Name + @"\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportOn();

    [GeneratedRegex(@"\bimplementation\b[^.]{0,300}?\bby\s+(?:the\s+)?" + Name + @"\s*(?:[.,;:(]|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ImplementationBy();

    [GeneratedRegex(@"\bauthorities\s+of\s+(?:the\s+)?" + Name, RegexOptions.CultureInvariant)]
    private static partial Regex AuthoritiesOf();

    [GeneratedRegex(@"\b(?:(?<n>\d{1,2})(?:st|nd|rd|th)\s+(?:thematic\s+)?(?:monitoring\s+|evaluation\s+|review\s+)?(?:round|cycle)|(?:round|cycle)\s+(?<m>\d{1,2}))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RoundDigits();

    [GeneratedRegex(@"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:thematic\s+)?(?:monitoring\s+|evaluation\s+|review\s+)?(?:round|cycle)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RoundWord();
}

/// <summary>Joins pieces of a paragraph without quadratic copying: a space between parts of one sentence, nothing
/// after a hyphenated line end followed by a lower-case letter, a line feed before a list item or an attached block.</summary>
internal sealed class TextJoiner
{
    private readonly StringBuilder _text = new();

    public TextJoiner(string first) => _text.Append(first);

    public bool LastPartIsListItem { get; private set; }

    public int Length => _text.Length;

    public void Append(string part, bool newLine = false)
    {
        if (part.Length == 0) return;
        var listItem = ReportText.IsListItem(part);
        if (_text.Length > 0)
        {
            if (newLine || listItem) _text.Append('\n');
            else if (!(_text.Length >= 2 && _text[^1] == '-' && char.IsLetter(_text[^2]) && char.IsLower(part[0]))) _text.Append(' ');
        }
        _text.Append(part);
        LastPartIsListItem = listItem;
    }

    public override string ToString() => _text.ToString();

    public char LastSignificant()
    {
        // Only the tail matters; avoid copying a long paragraph.
        var start = Math.Max(0, _text.Length - 16);
        return ReportText.LastSignificant(_text.ToString(start, _text.Length - start));
    }

    public bool IsTerminated => LastSignificant() is '.' or '?' or '!' or ':' or ';';
}
