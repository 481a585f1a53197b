using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;

namespace Rapporteur.Features.Tags;

/// <summary>A term's label in another language of the interface: the translation the vocabulary import stored
/// (<see cref="VocabularyImport.TermKind"/>, made from the English label), up to date when the English has not changed since.</summary>
public sealed record TermLabel(int TermId, string Vocabulary, string Code, string Text, bool Outdated);

public static class TermLabels
{
    /// <summary>Every term label translated into <paramref name="language"/> (vocabularies are small: a few hundred terms at most).</summary>
    public static async Task<List<TermLabel>> AllAsync(RapporteurDbContext db, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (language == Languages.Languages.English) return [];
        var translations = await db.Translations.AsNoTracking().Where(t => t.TargetKind == VocabularyImport.TermKind && t.Language == language)
            .Select(t => new { t.TargetId, t.Text, t.SourceHash }).ToListAsync(ct);
        if (translations.Count == 0) return [];
        var terms = await db.Terms.AsNoTracking().Select(t => new { t.Id, t.Label, Vocabulary = t.Vocabulary!.Key, t.Code }).ToDictionaryAsync(t => t.Id, ct);
        return [.. translations.Where(t => terms.ContainsKey(t.TargetId)).Select(t =>
        {
            var term = terms[t.TargetId];
            return new TermLabel(term.Id, term.Vocabulary, term.Code, t.Text, !string.Equals(t.SourceHash, Translations.TranslationStore.Hash(term.Label), StringComparison.Ordinal));
        })];
    }

    /// <summary>The labels a reader in <paramref name="language"/> sees instead of the English: the up-to-date
    /// translations, by (vocabulary key, code). An outdated one gives way to the English, as everywhere.</summary>
    public static async Task<Dictionary<(string Vocabulary, string Code), string>> ForReaderAsync(RapporteurDbContext db, string language, CancellationToken ct) =>
        (await AllAsync(db, language, ct)).Where(l => !l.Outdated).ToDictionary(l => (l.Vocabulary, l.Code), l => l.Text);
}
