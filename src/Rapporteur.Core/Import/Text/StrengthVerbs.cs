using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Text;

/// <summary>The verbs of a strength vocabulary as one compiled pattern (longest verb first, so "strongly encourages"
/// wins over "encourages"), built once per vocabulary.</summary>
public sealed class StrengthVerbs
{
    private static readonly ConditionalWeakTable<StrengthVocabulary, StrengthVerbs> Cache = [];
    private readonly Dictionary<string, string> _strengthByVerb;

    private StrengthVerbs(StrengthVocabulary vocabulary)
    {
        _strengthByVerb = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in vocabulary.Strengths)
            foreach (var v in s.AllVerbs)
                _strengthByVerb.TryAdd(v, s.Key);
        var alternation = string.Join('|', _strengthByVerb.Keys.OrderByDescending(v => v.Length).Select(v => Regex.Escape(v).Replace("\\ ", "\\s+", StringComparison.Ordinal)));
        // The verb must come within the sentence that names the subject: no full stop, semicolon or colon before it.
        Pattern = new Regex($@"^[^.;:]{{0,160}}?\b(?<verb>{alternation})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }

    public Regex Pattern { get; }

    /// <summary>The strength key of a matched verb ("Invites" → "invite").</summary>
    public string StrengthOf(string verb) =>
        _strengthByVerb.TryGetValue(Regex.Replace(verb, @"\s+", " ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), out var key) ? key : verb.ToLowerInvariant();

    /// <summary>The pattern for a vocabulary, or null when it has no strengths (UPR).</summary>
    public static StrengthVerbs? For(StrengthVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return vocabulary.Strengths.Count == 0 ? null : Cache.GetValue(vocabulary, v => new StrengthVerbs(v));
    }
}
