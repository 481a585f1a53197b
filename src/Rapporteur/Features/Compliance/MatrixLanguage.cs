using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Import.Text;
using Rapporteur.Data;
using Rapporteur.Features.Translations;

namespace Rapporteur.Features.Compliance;

/// <summary>Where a recommendation's text in the matrix comes from, in the language asked for.</summary>
public static class MatrixTranslation
{
    /// <summary>The recommendation was written in that language: its own text.</summary>
    public const string Source = "source";

    /// <summary>An up-to-date translation into that language.</summary>
    public const string Current = "current";

    /// <summary>A translation made from an earlier text: the source text stands in for it.</summary>
    public const string Outdated = "outdated";

    /// <summary>No translation into that language: the source text stands in for it.</summary>
    public const string Missing = "missing";

    /// <summary>Whether a recommendation is available in the language asked for (its own, or an up-to-date translation).</summary>
    public static bool Available(string state) => state is Source or Current;
}

/// <summary>A recommendation's text in one language, as the matrix, its API and its export show it: the translation
/// when there is an up-to-date one, otherwise the source text (with the reason: <see cref="MatrixTranslation"/>).</summary>
/// <param name="Text">The text shown.</param>
/// <param name="Language">The language of <paramref name="Text"/> ("en", "fr").</param>
/// <param name="State">A <see cref="MatrixTranslation"/> word.</param>
public sealed record MatrixText(string Text, string Language, string State);

/// <summary>The matrix's <c>language</c>: the translations of recommendations into it, read once per matrix or export.</summary>
public sealed class MatrixLanguage
{
    private readonly Dictionary<int, (string Text, string SourceHash)> _translations;

    private MatrixLanguage(string language, Dictionary<int, (string, string)> translations)
    {
        Language = language;
        _translations = translations;
    }

    public string Language { get; }

    /// <summary>The languages the matrix can be shown in (those the content is written or translated in).</summary>
    public static IReadOnlyList<string> Allowed { get; } = [TextLanguage.English, TextLanguage.French];

    /// <summary>"fr" for "fr", "FR" or " fr "; null for a language the matrix is not shown in.</summary>
    public static string? Normalise(string? language) =>
        Allowed.FirstOrDefault(l => string.Equals(l, language?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>What a wrong <c>language</c> is told: the languages there are.</summary>
    public static string Problem(string language) => $"language is {string.Join(" or ", Allowed)}, not '{language}'.";

    /// <summary>The <c>translated</c> parameter: <c>only</c> keeps the recommendations available in the language.</summary>
    public const string Only = "only";

    /// <summary>Reads the translations into <paramref name="language"/> of the recommendations of <paramref name="roundIds"/>
    /// (every round when null).</summary>
    public static async Task<MatrixLanguage> LoadAsync(RapporteurDbContext db, string language, IReadOnlyCollection<int>? roundIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Translations.AsNoTracking().Where(t => t.TargetKind == TranslationTargets.Recommendation && t.Language == language);
        if (roundIds is not null) query = query.Where(t => db.Recommendations.Any(r => r.Id == t.TargetId && roundIds.Contains(r.RoundId)));
        var found = await query.Select(t => new { t.TargetId, t.Text, t.SourceHash }).ToListAsync(ct);
        return new(language, found.ToDictionary(t => t.TargetId, t => (t.Text, t.SourceHash)));
    }

    /// <summary>The text of recommendation <paramref name="id"/>, whose stored (source) text is <paramref name="source"/>, in this language.</summary>
    public MatrixText Of(int id, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var written = TextLanguage.Guess(source);
        if (written == Language) return new(source, written, MatrixTranslation.Source);
        if (!_translations.TryGetValue(id, out var t)) return new(source, written, MatrixTranslation.Missing);
        return string.Equals(t.SourceHash, TranslationStore.Hash(source), StringComparison.Ordinal)
            ? new(t.Text, Language, MatrixTranslation.Current)
            : new(source, written, MatrixTranslation.Outdated);
    }
}
