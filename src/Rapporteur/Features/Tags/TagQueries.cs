using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Tags;

/// <summary>Accepted tags as the matrix, the exports and the search see them: suggestions and rejections never count.</summary>
public static class TagQueries
{
    /// <summary>The ids of the items of this kind with an accepted tag "vocabulary:code" (or a bare code, any vocabulary).</summary>
    public static async Task<HashSet<int>> TaggedAsync(RapporteurDbContext db, TagTarget kind, string tag, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tag);
        var parts = tag.Trim().Split(':', 2);
        var query = db.Taggings.Where(t => t.TargetKind == kind && t.State == TagState.Accepted);
        query = parts.Length == 2
            ? query.Where(t => t.Term!.Vocabulary!.Key == parts[0] && t.Term.Code == parts[1])
            : query.Where(t => t.Term!.Code == parts[0]);
        return (await query.Select(t => t.TargetId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>For each item of this kind, its accepted tags as "vocabulary:code", sorted.</summary>
    public static async Task<Dictionary<int, List<string>>> AcceptedAsync(RapporteurDbContext db, TagTarget kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Taggings.Where(t => t.TargetKind == kind && t.State == TagState.Accepted)
            .Select(t => new { t.TargetId, Key = t.Term!.Vocabulary!.Key, t.Term.Code }).ToListAsync(ct);
        return rows.GroupBy(r => r.TargetId).ToDictionary(g => g.Key, g => g.Select(r => $"{r.Key}:{r.Code}").Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The accepted tags that occur in a round's recommendations, for a filter's choices.</summary>
    public static async Task<List<string>> InRoundAsync(RapporteurDbContext db, int roundId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = db.Recommendations.Where(r => r.RoundId == roundId).Select(r => r.Id);
        return (await db.Taggings.Where(t => t.TargetKind == TagTarget.Recommendation && t.State == TagState.Accepted && ids.Contains(t.TargetId))
            .Select(t => t.Term!.Vocabulary!.Key + ":" + t.Term.Code).Distinct().ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
    }
}
