using Microsoft.EntityFrameworkCore;
using Rapporteur.Data.Entities;
using BoxType = Rapporteur.Core.Model.BoxType;

namespace Rapporteur.Data.Search;

/// <summary>
/// The title of a translation's copy in the index, in its own language: "Recommandation II-4 (toutes les Parties)",
/// "Question 2.1", and for a factsheet's pieces the factsheet's translated title (or "Fiche d'information Ruritania")
/// with the chapter's translated title. Search shows, and the API and CLI return, the title stored with the hit, so a
/// French hit reads in French everywhere. A language without title forms here keeps the source's title.
/// </summary>
internal static class TranslatedTitles
{
    private const string French = "fr";

    /// <summary>The documents with their titles in their language; <paramref name="source"/> is the owner they copy.</summary>
    public static async Task<List<SearchDocument>> ApplyAsync(RapporteurDbContext db, SearchOwner source, List<SearchDocument> docs, CancellationToken ct)
    {
        if (!docs.Any(d => d.Language == French)) return docs;
        if (source.Type == SearchOwner.Factsheet) return await FactsheetAsync(db, source.Id, docs, ct);
        return docs.Select(d => d.Language != French ? d : d.Type switch
        {
            SearchTypes.Recommendation => d with { Title = Recommendation(d) },
            SearchTypes.Question => d with { Title = Question(d) },
            _ => d,
        }).ToList();
    }

    private static string Recommendation(SearchDocument d) =>
        $"Recommandation {d.Key}" + (d.Addressee == "all" ? " (toutes les Parties)" : d.Party is { } p ? $" ({p})" : "");

    // "Question 2.1" or "Question 2.1: Its title" (a question's own title has no translation kind: it stays as written).
    private static string Question(SearchDocument d) =>
        d.Title.StartsWith("Question ", StringComparison.Ordinal) && d.Title.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0
            ? string.Concat("Question ", d.Key, " : ", d.Title.AsSpan(colon + 2))
            : $"Question {d.Key}";

    private static async Task<List<SearchDocument>> FactsheetAsync(RapporteurDbContext db, int id, List<SearchDocument> docs, CancellationToken ct)
    {
        var f = await db.Factsheets.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { Party = x.Party!.Name, Chapters = x.Chapters.Select(c => new { c.Id, c.Number, c.Title }).ToList(), Boxes = x.Boxes.Select(b => new { b.Id, b.Type, b.Recommendations }).ToList() })
            .SingleOrDefaultAsync(ct);
        if (f is null) return docs;
        var chapterIds = f.Chapters.Select(c => c.Id).ToList();
        var translated = await db.Translations.AsNoTracking()
            .Where(t => t.Language == French && ((t.TargetKind == "factsheet-title" && t.TargetId == id) || (t.TargetKind == "chapter" && chapterIds.Contains(t.TargetId))))
            .ToDictionaryAsync(t => (t.TargetKind, t.TargetId), t => t.Text, ct);
        var title = translated.TryGetValue(("factsheet-title", id), out var t) && t.Trim().Length > 0 ? t.Trim() : $"Fiche d'information {f.Party}";
        string Chapter(string? number)
        {
            var c = f.Chapters.FirstOrDefault(c => c.Number == number);
            if (c is null) return number ?? "";
            return $"{c.Number}. {(translated.TryGetValue(("chapter", c.Id), out var ct) && ct.Trim().Length > 0 ? ct.Trim() : c.Title)}";
        }
        return docs.Select(d => d.Language != French ? d : d.Type switch
        {
            SearchTypes.Paragraph => d with { Title = $"{title}, {Chapter(d.Section)}" },
            SearchTypes.Footnote => d with { Title = $"{title}, note {d.Key}" },
            SearchTypes.Box when f.Boxes.FirstOrDefault(b => b.Id == d.SourceId) is { } box =>
                d with { Title = $"{BoxLabel(box.Type)} de {f.Party}" + (box.Recommendations.Count > 0 ? $" sur {string.Join(", ", box.Recommendations)}" : "") },
            _ => d,
        }).ToList();
    }

    private static string BoxLabel(BoxType type) => type switch
    {
        BoxType.FollowUp => "Actions de suivi",
        BoxType.PromisingPractice => "Pratiques prometteuses",
        _ => "Note de clarification",
    };
}
