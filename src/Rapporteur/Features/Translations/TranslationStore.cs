using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;

namespace Rapporteur.Features.Translations;

/// <summary>What can be translated: the kinds of content, and where each one's source (English) text lives.</summary>
public static class TranslationTargets
{
    public const string Question = "question";
    public const string Recommendation = "recommendation";
    public const string Chapter = "chapter";
    public const string Block = "block";
    public const string Box = "box";

    public static IReadOnlyList<string> Kinds { get; } = [Question, Recommendation, Chapter, Block, Box];

    public static bool IsKind(string? kind) => kind is not null && Kinds.Contains(kind, StringComparer.Ordinal);
}

/// <summary>A piece of translatable content: its source text and the round it belongs to (for links back).</summary>
public sealed record TranslationSource(string Kind, int Id, string Text, int RoundId, string Label);

/// <summary>A translation as a reader sees it: the text, and whether the source has changed since.</summary>
public sealed record TranslationView(Translation Translation, bool Outdated);

/// <summary>Parallel language versions of content: read them (with their outdated flag) and save them (versioned and
/// audited like every other change, in one transaction).</summary>
public sealed class TranslationStore(RapporteurDbContext db, TimeProvider clock)
{
    public const string EntityType = "translation";

    /// <summary>SHA-256 (hex) of a source text: what a translation remembers about the text it was made from.</summary>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A word diff between the source a translation was made from and the source now: runs of words kept,
    /// removed or added.</summary>
    public static IReadOnlyList<DiffLine> WordDiff(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var diff = TextDiff.Lines(Words(before), Words(after));
        // Consecutive words of the same kind read better as one run.
        var runs = new List<DiffLine>();
        foreach (var d in diff)
        {
            if (runs.Count > 0 && runs[^1].Kind == d.Kind) runs[^1] = runs[^1] with { Text = runs[^1].Text + " " + d.Text };
            else runs.Add(d);
        }
        return runs;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The source of one piece of content, or null when there is no such thing.</summary>
    public async Task<TranslationSource?> SourceAsync(string kind, int id, CancellationToken ct) => kind switch
    {
        TranslationTargets.Question => await db.Questions.Where(q => q.Id == id)
            .Select(q => new TranslationSource(kind, q.Id, q.Text, q.RoundId, "Question " + q.Number)).SingleOrDefaultAsync(ct),
        TranslationTargets.Recommendation => await db.Recommendations.Where(r => r.Id == id)
            .Select(r => new TranslationSource(kind, r.Id, r.Text, r.RoundId, "Recommendation " + r.Code)).SingleOrDefaultAsync(ct),
        TranslationTargets.Chapter => await db.FactsheetChapters.Where(c => c.Id == id)
            .Join(db.Factsheets, c => c.FactsheetId, f => f.Id, (c, f) => new TranslationSource(kind, c.Id, c.Title, f.RoundId, "Chapter " + c.Number + " of the factsheet " + f.Party!.Name))
            .SingleOrDefaultAsync(ct),
        TranslationTargets.Block => await db.FactsheetBlocks.Where(b => b.Id == id)
            .Join(db.FactsheetChapters, b => b.ChapterId, c => c.Id, (b, c) => new { b, c })
            .Join(db.Factsheets, x => x.c.FactsheetId, f => f.Id, (x, f) => new TranslationSource(kind, x.b.Id, x.b.Text, f.RoundId, "Paragraph in chapter " + x.c.Number + " of the factsheet " + f.Party!.Name))
            .SingleOrDefaultAsync(ct),
        TranslationTargets.Box => await db.Boxes.Where(b => b.Id == id)
            .Join(db.Factsheets, b => b.FactsheetId, f => f.Id, (b, f) => new TranslationSource(kind, b.Id, b.Text, f.RoundId, "Box in the factsheet " + f.Party!.Name))
            .SingleOrDefaultAsync(ct),
        _ => null,
    };

    /// <summary>The translations into <paramref name="language"/> of these pieces of content, by (kind, id), each
    /// with its outdated flag against <paramref name="sources"/> (the current source texts).</summary>
    public async Task<Dictionary<(string Kind, int Id), TranslationView>> ForAsync(string language, IEnumerable<(string Kind, int Id, string Source)> sources, CancellationToken ct)
    {
        var wanted = sources.ToList();
        var result = new Dictionary<(string, int), TranslationView>();
        if (wanted.Count == 0) return result;
        foreach (var group in wanted.GroupBy(w => w.Kind, StringComparer.Ordinal))
        {
            var ids = group.Select(g => g.Id).Distinct().ToList();
            var source = group.GroupBy(g => g.Id).ToDictionary(g => g.Key, g => g.First().Source);
            foreach (var chunk in ids.Chunk(500))
            {
                var found = await db.Translations.AsNoTracking()
                    .Where(t => t.TargetKind == group.Key && t.Language == language && chunk.Contains(t.TargetId)).ToListAsync(ct);
                foreach (var t in found)
                    result[(t.TargetKind, t.TargetId)] = new TranslationView(t, !string.Equals(t.SourceHash, Hash(source[t.TargetId]), StringComparison.Ordinal));
            }
        }
        return result;
    }

    public Task<Translation?> FindAsync(string kind, int id, string language, CancellationToken ct) =>
        db.Translations.AsNoTracking().SingleOrDefaultAsync(t => t.TargetKind == kind && t.TargetId == id && t.Language == language, ct);

    /// <summary>Saves the translation of one piece of content as made from its current source. <paramref name="version"/>
    /// is the version the translator started from (0 for a new one): another save in between is a conflict.</summary>
    public async Task<EditResult> SaveAsync(string kind, int id, string language, string? text, int version, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Languages.Languages.Normalise(language) is not { } lang || lang == Languages.Languages.English)
            return new(EditOutcome.Invalid, 0, $"'{language}' is not a language to translate into (fr).");
        if (await SourceAsync(kind, id, ct) is not { } source) return new(EditOutcome.NotFound, 0, $"There is no {kind} {id}.");
        var clean = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Normalize(NormalizationForm.FormC);
        if (clean.Length == 0) return new(EditOutcome.Invalid, version, "The translation is empty.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var translation = await db.Translations.SingleOrDefaultAsync(t => t.TargetKind == kind && t.TargetId == id && t.Language == lang, ct);
        if ((translation?.Version ?? 0) != version)
            return new(EditOutcome.Conflict, translation?.Version ?? 0, "Someone saved this translation since you opened it: reload to see their text.");
        if (translation is null)
        {
            translation = new Translation
            {
                TargetKind = kind, TargetId = id, Language = lang, Text = clean,
                SourceText = source.Text, SourceHash = Hash(source.Text), TranslatorName = "",
            };
            db.Translations.Add(translation);
        }
        translation.Text = clean;
        translation.SourceText = source.Text;
        translation.SourceHash = Hash(source.Text);
        translation.Version++;
        translation.TranslatorId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        translation.TranslatorName = user.Identity?.Name ?? "system";
        translation.TranslatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AuditLog.VersionAsync(db, clock, user, EntityType, translation.Id, translation.Version == 1 ? "translate" : "revise",
            new { translation.TargetKind, translation.TargetId, translation.Language, translation.Text, Source = translation.SourceText }, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, translation.Version);
    }
}
