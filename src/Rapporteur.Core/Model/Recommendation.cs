using System.Text.RegularExpressions;

namespace Rapporteur.Core.Model;

/// <summary>Who a recommendation is addressed to.</summary>
public enum AddresseeKind
{
    /// <summary>One Party, named.</summary>
    Party,
    /// <summary>All Parties (possibly "including" a named one).</summary>
    All,
}

/// <summary>The addressee of a recommendation: one Party, or all Parties.</summary>
public sealed record Addressee
{
    private Addressee(AddresseeKind kind, Party? party)
    {
        Kind = kind;
        Party = party;
    }

    public AddresseeKind Kind { get; }

    /// <summary>The Party named; for <see cref="AddresseeKind.All"/>, the Party named after "including", if any.</summary>
    public Party? Party { get; }

    public static Addressee AllParties(Party? including = null) => new(AddresseeKind.All, including);

    public static Addressee OneParty(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new(AddresseeKind.Party, party);
    }
}

/// <summary>A recommendation identifier: "II-6" (chapter-number) or "116.1" (UPR paragraph numbering).</summary>
public sealed partial record RecommendationId : IComparable<RecommendationId>
{
    public RecommendationId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim();
        if (!Pattern().IsMatch(v)) throw new ArgumentException($"'{value}' is not a recommendation id like II-6 or 116.1.", nameof(value));
        Value = v;
    }

    public string Value { get; }

    /// <summary>The chapter part of a chapter-numbered id ("II" of "II-6"), or null.</summary>
    public string? Chapter => Value.Contains('-', StringComparison.Ordinal) ? Value[..Value.IndexOf('-', StringComparison.Ordinal)] : null;

    public static bool TryParse(string? value, out RecommendationId? id)
    {
        id = value is not null && Pattern().IsMatch(value.Trim()) ? new RecommendationId(value) : null;
        return id is not null;
    }

    public int CompareTo(RecommendationId? other)
    {
        if (other is null) return 1;
        var a = SortKey(Value);
        var b = SortKey(other.Value);
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int[] SortKey(string v) =>
        v.Split('-', '.').Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : Roman.ToInt(p)).ToArray();

    public override string ToString() => Value;

    public static bool operator <(RecommendationId? left, RecommendationId? right) => left is null ? right is not null : left.CompareTo(right) < 0;
    public static bool operator <=(RecommendationId? left, RecommendationId? right) => left is null || left.CompareTo(right) <= 0;
    public static bool operator >(RecommendationId? left, RecommendationId? right) => left is not null && left.CompareTo(right) > 0;
    public static bool operator >=(RecommendationId? left, RecommendationId? right) => left is null ? right is null : left.CompareTo(right) >= 0;

    [GeneratedRegex(@"^([IVXLC]{1,7}-\d{1,3}[a-z]?|\d{1,4}(\.\d{1,4}){1,2}|[A-Z]{1,3}\d{0,2}-\d{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>A recommendation adopted by the body.</summary>
/// <param name="Strength">Key of the strength in the body's vocabulary ("request"), or null when the body has none or it could not be told.</param>
/// <param name="Chapter">Chapter of the report it belongs to ("II"), if known.</param>
/// <param name="Paragraphs">Report paragraphs it rests on.</param>
/// <param name="RecommendedBy">For UPR-style lists, the States that made it.</param>
public sealed record Recommendation
{
    public Recommendation(RecommendationId id, string? strength, Addressee addressee, string? chapter, IReadOnlyList<int> paragraphs, IReadOnlyList<string> recommendedBy, string text, Provenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(addressee);
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentNullException.ThrowIfNull(recommendedBy);
        ArgumentNullException.ThrowIfNull(text);
        if (strength is not null && string.IsNullOrWhiteSpace(strength)) throw new ArgumentException("A strength is a key or null.", nameof(strength));
        if (paragraphs.Any(p => p < 1)) throw new ArgumentException("Report paragraphs are numbered from 1.", nameof(paragraphs));
        Id = id;
        Strength = strength;
        Addressee = addressee;
        Chapter = chapter;
        Paragraphs = paragraphs;
        RecommendedBy = recommendedBy;
        Text = text;
        Provenance = provenance;
    }

    public RecommendationId Id { get; }
    public string? Strength { get; }
    public Addressee Addressee { get; }
    public string? Chapter { get; }
    public IReadOnlyList<int> Paragraphs { get; }
    public IReadOnlyList<string> RecommendedBy { get; }
    public string Text { get; }
    public Provenance? Provenance { get; }
}
