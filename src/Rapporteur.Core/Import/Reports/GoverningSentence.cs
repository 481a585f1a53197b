using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Reports;

/// <summary>Where a body speaks with one of its strength verbs: the strength, and the sentence that carries it.</summary>
/// <param name="Strength">The strength key (<see cref="Strength.Key"/>).</param>
/// <param name="Sentence">From the subject ("GRETA", "the Committee") to the end of the sentence.</param>
/// <param name="Rest">The sentence after the verb: whom it addresses and what it asks.</param>
internal sealed record Governing(string Strength, string Sentence, string Rest);

/// <summary>
/// Finds the sentence in which the body is the subject of one of its strength verbs ("GREVIO strongly encourages",
/// "the Committee therefore requests", "le Comité demande"). The verb must follow the subject, with at most a few
/// adverbs between; verbs are tried longest first so that "strongly encourages" is not read as "encourages".
/// </summary>
internal sealed partial class GoverningSentence
{
    private static readonly ConditionalWeakTable<TreatyBody, GoverningSentence> Cache = [];

    private readonly Regex _subject;
    private readonly Regex _verb;
    private readonly Dictionary<string, string> _strengthByVerb = new(StringComparer.OrdinalIgnoreCase);

    private GoverningSentence(TreatyBody body)
    {
        foreach (var s in body.Strengths.Strengths)
            foreach (var v in s.AllVerbs)
                _strengthByVerb.TryAdd(Spaces().Replace(v.Trim(), " "), s.Key);
        var verbs = string.Join('|', _strengthByVerb.Keys.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)
            .Select(v => Regex.Escape(v).Replace("\\ ", "\\s+", StringComparison.Ordinal)));
        var shortName = Regex.Escape(body.ShortName);
        // The body by its short name (GRETA, GREVIO), "the (Lanzarote) Committee", "le Comité", or a sentence-initial "It"/"Il".
        _subject = new Regex(
            $@"(?<![\p{{L}}\d])(?:{shortName}|[Tt]he\s+(?:\p{{Lu}}\p{{L}}+\s+)?Committee|[Ll]e\s+Comité|(?<=(?:^|[.;:]\s+))(?:It|Il))(?![\p{{L}}\d])",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
        // Adverbs between subject and verb ("also", "therefore", "once again", "strictly") are skipped, but never a
        // word that starts a verb of the vocabulary ("strongly" of "strongly encourages").
        _verb = new Regex(
            $@"\G[\s,]*(?:(?!(?:{verbs})(?![\p{{L}}]))(?:once\s+again|en\s+outre|par\s+ailleurs|de\s+nouveau|also|therefore|further|furthermore|again|accordingly|thus|consequently|hence|nevertheless|nonetheless|still|now|également|donc|aussi|\p{{L}}+ly)[\s,]+){{0,3}}(?<verb>{verbs})(?![\p{{L}}])",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);
    }

    /// <summary>The finder for a body, or null when the body has no strength vocabulary (UPR).</summary>
    public static GoverningSentence? For(TreatyBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Strengths.Strengths.Count == 0 ? null : Cache.GetValue(body, b => new GoverningSentence(b));
    }

    /// <summary>The first sentence of <paramref name="text"/> (emphasis markers removed) where the body speaks with a
    /// strength verb. "Considers" counts only with a recommendation in it ("considers that ... should"); otherwise it
    /// is an observation.</summary>
    public Governing? Find(string text)
    {
        var plain = ReportText.StripEmphasis(text);
        foreach (Match subject in _subject.Matches(plain))
        {
            var verb = _verb.Match(plain, subject.Index + subject.Length);
            if (!verb.Success) continue;
            var sentence = SentenceFrom(plain, subject.Index, verb.Index + verb.Length);
            var rest = sentence[Math.Min(sentence.Length, verb.Index + verb.Length - subject.Index)..];
            var v = verb.Groups["verb"].Value;
            if (v.StartsWith("consid", StringComparison.OrdinalIgnoreCase) && !Modal().IsMatch(rest)) continue;
            var key = _strengthByVerb.TryGetValue(Spaces().Replace(v, " "), out var k) ? k : v.ToLowerInvariant();
            return new Governing(key, sentence, rest);
        }
        return null;
    }

    /// <summary>The strength whose verb starts <paramref name="text"/> ("Urge the State to ..." in a UPR list), or null.</summary>
    public string? LeadingVerb(string text)
    {
        var m = _verb.Match(text.TrimStart(), 0);
        return m.Success && m.Groups["verb"].Index == 0 && _strengthByVerb.TryGetValue(Spaces().Replace(m.Groups["verb"].Value, " "), out var key) ? key : null;
    }

    /// <summary>Who a governing sentence addresses: all Parties when the verb's object is "all Parties", "Parties",
    /// "(all) States Parties" or "aux Parties" ("including X" naming one of them), or null when it addresses one State
    /// ("the authorities of Ruritania to ... share it with other Parties" addresses Ruritania).</summary>
    public static Addressee? AllPartiesIn(Governing governing)
    {
        ArgumentNullException.ThrowIfNull(governing);
        if (!AllParties().IsMatch(governing.Rest)) return null;
        var including = Including().Match(governing.Rest);
        return Addressee.AllParties(including.Success ? ReportText.AsParty(including.Groups["name"].Value) : null);
    }

    private static string SentenceFrom(string text, int start, int verbEnd)
    {
        var end = SentenceEnd().Match(text, verbEnd);
        return (end.Success ? text[start..(end.Index + 1)] : text[start..]).Trim();
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[.!?](?=\s+[\p{Lu}“""(]|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b(?:should|must|need\s+to|needs\s+to|ought\s+to|devrai(?:t|ent)|doi(?:t|vent))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Modal();

    [GeneratedRegex(@"^[\s,]*(?:that\s+|aux\s+|à\s+|des\s+|les\s+)?(?:all\s+(?:the\s+)?|the\s+|tous\s+les\s+|toutes\s+les\s+|l'ensemble\s+des\s+)?(?:States\s+Parties|Parties|États\s+parties)(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex AllParties();

    [GeneratedRegex(@"\b(?:including|y\s+compris)\s+(?:the\s+|la\s+|le\s+|les\s+)?(?<name>\p{Lu}[\p{L}'’-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+)?\p{Lu}[\p{L}'’-]*){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex Including();
}
