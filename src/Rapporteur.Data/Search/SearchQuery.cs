using System.Globalization;
using System.Text;

namespace Rapporteur.Data.Search;

/// <summary>One thing to look for: a word (<c>abuse</c>), a prefix (<c>abus*</c>) or a phrase (<c>"sexual extortion"</c>),
/// kept as its words (letters, digits and marks only) so that no character of the user's text reaches the search
/// engine's own syntax.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix)
{
    public bool IsPhrase => Words.Count > 1;

    public override string ToString() =>
        (IsPhrase || Prefix ? "\"" + string.Join(' ', Words) + "\"" : Words[0]) + (Prefix ? "*" : "");
}

/// <summary>
/// What a person typed in the search box, parsed by us — never handed to FTS5 or tsquery as it is. The syntax:
/// words are all required (<c>online grooming</c>); <c>"…"</c> is a phrase; <c>word*</c> a prefix; <c>OR</c> (upper
/// case) between two terms accepts either; <c>-word</c>, <c>-"phrase"</c> or <c>NOT word</c> excludes; <c>AND</c> is
/// allowed and changes nothing. Everything else — brackets, colons, carets, <c>NEAR</c>, stray quotes, control
/// characters — is text; punctuation separates words, and words glued by it (<c>e-mail</c>) are a phrase.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>Queries longer than this are refused (a search box is not a document).</summary>
    public const int MaxLength = 500;

    /// <summary>At most this many terms are kept; the rest are ignored (and say so in <see cref="Warnings"/>).</summary>
    public const int MaxTerms = 16;

    private SearchQuery(IReadOnlyList<IReadOnlyList<SearchTerm>> required, IReadOnlyList<SearchTerm> excluded, IReadOnlyList<string> warnings)
    {
        Required = required;
        Excluded = excluded;
        Warnings = warnings;
    }

    /// <summary>Every group must match; a group matches when any of its terms (joined by OR) does.</summary>
    public IReadOnlyList<IReadOnlyList<SearchTerm>> Required { get; }

    /// <summary>Terms no result may contain.</summary>
    public IReadOnlyList<SearchTerm> Excluded { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Nothing to look for: no required and no excluded term.</summary>
    public bool IsEmpty => Required.Count == 0 && Excluded.Count == 0;

    public static SearchQuery Empty { get; } = new([], [], []);

    /// <summary>Parses the text. Never throws for any input; only a text over <see cref="MaxLength"/> is an error.</summary>
    public static ParsedSearchQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(Empty, null);
        if (text.Length > MaxLength) return new(null, $"The query is {text.Length} characters long; the limit is {MaxLength}.");
        var warnings = new List<string>();
        var required = new List<List<SearchTerm>>();
        var excluded = new List<SearchTerm>();
        var joinNext = false;
        var count = 0;
        foreach (var token in Tokenize(Normalized(text)))
        {
            if (token.IsOr)
            {
                // OR binds the terms either side of it; at the start, at the end or after an exclusion it is a no-op.
                joinNext = required.Count > 0;
                continue;
            }
            var words = Words(token.Text);
            if (words.Count == 0)
            {
                joinNext = false;
                continue;
            }
            if (++count > MaxTerms)
            {
                if (count == MaxTerms + 1) warnings.Add($"Only the first {MaxTerms} terms were used.");
                continue;
            }
            // A one-letter prefix would match half the index: it is read as the word itself.
            var term = new SearchTerm(words, token.Prefix && words[^1].Length > 1);
            if (token.Negated) excluded.Add(term);
            else if (joinNext) required[^1].Add(term);
            else required.Add([term]);
            joinNext = false;
        }
        return new(new SearchQuery(required, excluded, warnings), null);
    }

    /// <summary>The FTS5 query expression: every term a quoted string, so user text is never FTS5 syntax. A prefix
    /// with an entry in <paramref name="expansions"/> (see SearchWords) is the OR of those words instead.</summary>
    /// <para><paramref name="wrap"/>, when given, writes each term from its expression and the words it was expanded
    /// into (null unless a prefix was): to put a column filter on some terms only.</para>
    public string ToFts5(IReadOnlyDictionary<string, IReadOnlyList<string>>? expansions = null, Func<SearchTerm, IReadOnlyList<string>?, string, string>? wrap = null)
    {
        string Quote(SearchTerm t)
        {
            var expanded = t.Prefix && t.Words.Count == 1 && expansions is not null && expansions.TryGetValue(t.Words[0], out var words) ? words : null;
            var text = expanded is not null
                ? (expanded.Count == 1 ? "\"" + expanded[0] + "\"" : "(" + string.Join(" OR ", expanded.Select(w => "\"" + w + "\"")) + ")")
                : "\"" + string.Join(' ', t.Words) + "\"" + (t.Prefix ? " *" : "");
            return wrap is null ? text : wrap(t, expanded, text);
        }
        var groups = Required.Select(g => g.Count == 1 ? Quote(g[0]) : "(" + string.Join(" OR ", g.Select(Quote)) + ")").ToList();
        var text = string.Join(" AND ", groups);
        if (Excluded.Count > 0 && groups.Count > 0)
            text += " NOT " + (Excluded.Count == 1 ? Quote(Excluded[0]) : "(" + string.Join(" OR ", Excluded.Select(Quote)) + ")");
        return text;
    }

    /// <summary>The excluded terms alone as one FTS5 expression (any of them), for a query that only excludes.</summary>
    public string ExcludedToFts5() => string.Join(" OR ", Excluded.Select(t => "\"" + string.Join(' ', t.Words) + "\"" + (t.Prefix ? " *" : "")));

    /// <summary>The query as the user could have typed it, normalised: for display and tests.</summary>
    public override string ToString()
    {
        var parts = Required.Select(g => string.Join(" OR ", g.Select(t => t.ToString()))).ToList();
        parts.AddRange(Excluded.Select(t => "-" + t));
        return string.Join(' ', parts);
    }

    // NFC, as stored text is; a lone surrogate (which Normalize refuses) is a separator.
    private static string Normalized(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = ' ';
        }
        return new string(chars).Normalize(NormalizationForm.FormC);
    }

    private readonly record struct Token(string Text, bool Prefix, bool Negated, bool IsOr);

    private static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        var notNext = false;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || char.IsControl(text[i]))
            {
                i++;
                continue;
            }
            var negated = notNext;
            notNext = false;
            if (!negated && text[i] == '-' && i + 1 < text.Length && (text[i + 1] == '"' || IsWordChar(text, i + 1)))
            {
                negated = true;
                i++;
            }
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                var phrase = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                var prefix = i < text.Length && text[i] == '*';
                if (prefix) i++;
                yield return new Token(phrase, prefix, negated, false);
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !char.IsControl(text[i]) && text[i] != '"') i++;
            var raw = text[start..i];
            // The operators people know from other search boxes, in capitals: OR joins, AND is what words do anyway,
            // NOT excludes the next term.
            if (!negated && string.Equals(raw, "OR", StringComparison.Ordinal))
            {
                yield return new Token(raw, false, false, true);
                continue;
            }
            if (!negated && string.Equals(raw, "AND", StringComparison.Ordinal)) continue;
            if (!negated && string.Equals(raw, "NOT", StringComparison.Ordinal))
            {
                notNext = true;
                continue;
            }
            var isPrefix = raw.EndsWith('*') && raw.TrimEnd('*').Length > 0;
            yield return new Token(raw.TrimEnd('*'), isPrefix, negated, false);
        }
    }

    /// <summary>The words of a piece of text as the engines' tokenizers see them: runs of letters, digits and marks
    /// (FTS5's unicode61 takes the same classes as token characters). Private-use characters are dropped: the
    /// snippet markers are private-use characters, and no query may forge them.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate) continue;
            if (IsWordCategory(category))
            {
                current.Append(rune.ToString());
                continue;
            }
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private static bool IsWordChar(string text, int index) => IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(text, index));

    private static bool IsWordCategory(UnicodeCategory c) => c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}

/// <summary>The result of <see cref="SearchQuery.Parse"/>: the query, or why there is none.</summary>
public sealed record ParsedSearchQuery(SearchQuery? Query, string? Error)
{
    public bool Success => Query is not null;
}
