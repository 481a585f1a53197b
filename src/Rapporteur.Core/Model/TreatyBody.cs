namespace Rapporteur.Core.Model;

/// <summary>One strength of recommendation in a body's vocabulary, e.g. "request" with its verbs in English and French.</summary>
/// <param name="Key">Stable identifier used in data and exports ("require", "urge", "strongly-encourage").</param>
/// <param name="VerbsEn">Verb forms that carry this strength in English text ("request", "requests").</param>
/// <param name="VerbsFr">Verb forms in French text ("demande").</param>
public sealed record Strength
{
    public Strength(string key, IReadOnlyList<string> verbsEn, IReadOnlyList<string> verbsFr, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(verbsEn);
        ArgumentNullException.ThrowIfNull(verbsFr);
        if (verbsEn.Count == 0) throw new ArgumentException($"Strength '{key}' needs at least one English verb.", nameof(verbsEn));
        if (verbsEn.Concat(verbsFr).Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"Strength '{key}' has an empty verb.", nameof(verbsEn));
        Key = key;
        VerbsEn = verbsEn;
        VerbsFr = verbsFr;
        Description = description;
    }

    public string Key { get; }
    public IReadOnlyList<string> VerbsEn { get; }
    public IReadOnlyList<string> VerbsFr { get; }
    public string? Description { get; }

    public IEnumerable<string> AllVerbs => VerbsEn.Concat(VerbsFr);
}

/// <summary>An ordered list of strengths, strongest first. Empty for bodies such as the UPR that have none.</summary>
public sealed record StrengthVocabulary
{
    public StrengthVocabulary(IReadOnlyList<Strength> strengths)
    {
        ArgumentNullException.ThrowIfNull(strengths);
        var duplicate = strengths.GroupBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Strength '{duplicate.Key}' appears twice.", nameof(strengths));
        var verb = strengths.SelectMany(s => s.AllVerbs.Select(v => (s.Key, Verb: v.ToLowerInvariant())))
            .GroupBy(x => x.Verb, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Select(x => x.Key).Distinct(StringComparer.Ordinal).Count() > 1);
        if (verb is not null) throw new ArgumentException($"Verb '{verb.Key}' belongs to two strengths.", nameof(strengths));
        Strengths = strengths;
    }

    public IReadOnlyList<Strength> Strengths { get; }

    public static StrengthVocabulary None { get; } = new([]);

    public Strength? Find(string key) => Strengths.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));

    /// <summary>Rank of a strength: 0 is the strongest. -1 when unknown.</summary>
    public int Rank(string key)
    {
        for (var i = 0; i < Strengths.Count; i++)
            if (string.Equals(Strengths[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }
}

/// <summary>A treaty body that monitors a convention, with its vocabulary of recommendation strengths.</summary>
public sealed record TreatyBody
{
    public TreatyBody(string name, string convention, StrengthVocabulary strengths, string? shortName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(convention);
        ArgumentNullException.ThrowIfNull(strengths);
        Name = name;
        Convention = convention;
        Strengths = strengths;
        ShortName = shortName ?? name;
    }

    public string Name { get; }
    public string ShortName { get; }
    public string Convention { get; }
    public StrengthVocabulary Strengths { get; }

    /// <summary>The Lanzarote Committee: require (Convention obligation), request (as clarified by the Committee), invite (promising practice).</summary>
    public static TreatyBody Lanzarote { get; } = new(
        "Lanzarote Committee",
        "Council of Europe Convention on the Protection of Children against Sexual Exploitation and Sexual Abuse",
        new StrengthVocabulary([
            new Strength("require", ["require", "requires", "required"], ["exige", "exigent"], "Obligation arising from the Convention, as clarified by its explanatory report."),
            new Strength("request", ["request", "requests", "requested"], ["demande", "demandent"], "Obligation as clarified by documents adopted by the Committee."),
            new Strength("invite", ["invite", "invites", "invited"], ["invite", "invitent"], "Promising practice or measure beyond the Convention's specific requirements."),
        ]),
        "Lanzarote");

    /// <summary>GRETA (trafficking in human beings): urge, consider, invite.</summary>
    public static TreatyBody Greta { get; } = new(
        "Group of Experts on Action against Trafficking in Human Beings",
        "Council of Europe Convention on Action against Trafficking in Human Beings",
        new StrengthVocabulary([
            new Strength("urge", ["urge", "urges"], ["exhorte", "exhortent"]),
            new Strength("consider", ["considers", "consider"], ["considère", "considèrent"]),
            new Strength("invite", ["invite", "invites"], ["invite", "invitent"]),
        ]),
        "GRETA");

    /// <summary>GREVIO (violence against women): urges, strongly encourages, encourages.</summary>
    public static TreatyBody Grevio { get; } = new(
        "Group of Experts on Action against Violence against Women and Domestic Violence",
        "Council of Europe Convention on preventing and combating violence against women and domestic violence",
        new StrengthVocabulary([
            new Strength("urge", ["urge", "urges"], ["exhorte", "exhortent"]),
            new Strength("strongly-encourage", ["strongly encourage", "strongly encourages"], ["encourage vivement", "encouragent vivement"]),
            new Strength("encourage", ["encourage", "encourages"], ["encourage", "encouragent"]),
        ]),
        "GREVIO");

    /// <summary>The UN Universal Periodic Review: numbered recommendations made by States, without strengths.</summary>
    public static TreatyBody Upr { get; } = new(
        "Universal Periodic Review",
        "Charter of the United Nations and human rights instruments",
        StrengthVocabulary.None,
        "UPR");

    public static IReadOnlyList<TreatyBody> Known { get; } = [Lanzarote, Greta, Grevio, Upr];

    public static TreatyBody? FindByShortName(string shortName) =>
        Known.FirstOrDefault(b => string.Equals(b.ShortName, shortName, StringComparison.OrdinalIgnoreCase));
}
