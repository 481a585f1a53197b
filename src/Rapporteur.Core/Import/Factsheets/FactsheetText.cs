using System.Text.RegularExpressions;
using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Factsheets;

/// <summary>A paragraph of a factsheet's body after footnotes are taken out: text without markers, and the markers.</summary>
internal sealed class BodyParagraph(string text, List<int> markers, SourceParagraph source)
{
    private string _text = text;
    private bool? _committeeText;

    public string Text
    {
        get => _text;
        set
        {
            _text = value;
            _committeeText = null;
        }
    }

    /// <summary><see cref="FactsheetText.IsCommitteeText"/> of the text, asked several times per paragraph: kept.</summary>
    public bool IsCommitteeText => _committeeText ??= FactsheetText.IsCommitteeText(_text);

    public List<int> Markers { get; } = markers;
    public SourceParagraph Source { get; } = source;
    public List<SourceParagraph> Extra { get; } = [];
    public int Line => Source.Line;
    public int LastLine => Extra.Count > 0 ? Extra[^1].Last.Number : Source.Last.Number;
    public bool Boxed => (Source.Hints & LineHints.Boxed) != 0;
}

/// <summary>A footnote definition being assembled (its text may continue in a later paragraph).</summary>
internal sealed class FootnoteDraft(int number, string text, SourceParagraph source)
{
    private string _text = text;
    private IReadOnlyList<int>? _citedParagraphs;
    private IReadOnlyList<RecommendationId>? _citedRecommendations;

    public int Number { get; } = number;

    public string Text
    {
        get => _text;
        set
        {
            _text = value;
            _citedParagraphs = null;
            _citedRecommendations = null;
        }
    }

    /// <summary>What the text cites, asked for by every paragraph that points to the footnote: kept.</summary>
    public IReadOnlyList<int> CitedParagraphs => _citedParagraphs ??= Citations.Paragraphs(_text);

    public IReadOnlyList<RecommendationId> CitedRecommendations => _citedRecommendations ??= Citations.Recommendations(_text);

    public SourceParagraph Source { get; } = source;
    public int LastLine { get; set; } = source.Last.Number;
    public bool Terminated => FactsheetText.IsTerminated(Text) && !Text.TrimEnd().EndsWith(':');
}

/// <summary>Text tests the factsheet parser relies on.</summary>
internal static partial class FactsheetText
{
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "of", "and", "a", "an", "to", "in", "on", "for", "with", "by", "as", "or", "that", "be", "are", "is",
        "also", "their", "its", "from", "at", "into", "this", "these", "which", "who", "whose", "than", "such", "not",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWordSpans = FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsTerminated(string text)
    {
        var t = text.AsSpan().TrimEnd().TrimEnd("*_\"”’')]");
        return t.Length > 0 && t[^1] is '.' or '?' or '!' or ':' or ';';
    }

    /// <summary>The last word (letters followed by nothing but white space and commas) is a function word, or the
    /// text ends with a comma after a word.</summary>
    public static bool EndsWithFunctionWord(string text)
    {
        // A scan from the end: a regex for "letters, then only white space and commas" tries every letter run.
        var end = text.Length;
        while (end > 0 && (text[end - 1] == ',' || char.IsWhiteSpace(text[end - 1]))) end--;
        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1])) start--;
        return start < end && (FunctionWordSpans.Contains(text.AsSpan(start, end - start)) || text.TrimEnd().EndsWith(','));
    }

    /// <summary>Starts with a lower-case letter (after opening quotes or brackets): the rest of a split sentence.</summary>
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

    public static bool IsBullet(string text) => text.StartsWith("- ", StringComparison.Ordinal) || text.StartsWith("• ", StringComparison.Ordinal);

    public static Match Chapter(string text) => ChapterPattern().Match(text);

    public static Match BoxLabel(string text) => BoxLabelPattern().Match(text);

    public static bool IsCommitteePromisingPractice(string text) => CommitteePractice().IsMatch(text);

    /// <summary>A sub-heading the factsheets use for the Committee's parts of a chapter.</summary>
    public static bool IsKnownHeading(string text) =>
        !IsTerminated(text) && (KnownHeading().IsMatch(text));

    /// <summary>Text the Committee speaks in: "The Committee observes ...", "To improve ..., the Committee requests ...".</summary>
    public static bool IsCommitteeText(string text) => CommitteeSpeaks().IsMatch(StripEmphasis(text));

    public static bool IsHeadingLike(string text) =>
        text.Length is > 0 and <= 260 && !IsTerminated(text) && !IsBullet(text) && !text.Contains('\n', StringComparison.Ordinal)
        && (char.IsUpper(text[0]) || text[0] is '“' or '"') && !text.StartsWith('<') && !text.StartsWith('[');

    public static string StripEmphasis(string text) => text.Replace("**", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^([IVXLC]{1,6})\.\s+(\S.{0,250})$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ChapterPattern();

    [GeneratedRegex(@"^(?:\*\*)?(Follow-up actions|Promising practices?|Clarification note)(?:\*\*)?\s*(?::(?:\*\*)?\s*(?<rest>.*)|(?<heading>\s+(?:in relation to|on|regarding)\b.*))$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex BoxLabelPattern();

    [GeneratedRegex(@"^(?:\*\*)?Promising practices?(?:\*\*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitteePractice();

    [GeneratedRegex(@"^(Observations (and recommendations )?(of the Committee|and recommendations of the Committee)|Generic recommendations of the Committee|Recommendations of the Committee)", RegexOptions.CultureInvariant)]
    private static partial Regex KnownHeading();

    [GeneratedRegex(@"^(?:-\s*)?(?:It appears that\b|(?:[\p{Lu}\[][^\n]{0,250}?,\s*)?(?:[Tt]he Committee|It)\s+(?:also\s+|therefore\s+|further\s+)?(?:observes|notes|requests|requires|invites|considers|highlights|welcomes|identifies|called|calls|made|recalls|urges|encourages|acknowledges|finds|regrets)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex CommitteeSpeaks();
}
