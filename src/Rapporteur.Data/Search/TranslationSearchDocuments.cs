using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data.Search;

/// <summary>
/// Translations in the search index. The translations of an owner's content (a questionnaire, a recommendation, a
/// factsheet, an implementation report) are an owner of their own, <c>translation-{owner}</c> with the same id, rebuilt whenever that owner or
/// one of its translations changes. Its documents are the owner's own documents — same type, key, facets, visibility
/// and place — with the translated text, the translation's <c>Language</c> and a title in that language (<see cref="TranslatedTitles"/>): so a translation is found exactly where
/// and by whom its source is, and a draft factsheet's or a waiting box's translation never shows where they do not.
/// </summary>
public static class TranslationSearchDocuments
{
    private const string Prefix = "translation-";

    // The Translation entity's kinds (the web app's TranslationTargets, which this project cannot see).
    private const string Question = "question", Item = "item", Prompts = "prompts", Recommendation = "recommendation",
        Chapter = "chapter", Block = "block", Box = "box", Footnote = "footnote", FactsheetTitle = "factsheet-title", Preamble = "preamble",
        ReportTitle = "report-title", ReportChapter = "report-chapter", ReportParagraph = "report-paragraph";

    /// <summary>The owners whose content is translated.</summary>
    private static bool Translatable(SearchOwner owner) =>
        owner.Type is SearchOwner.Questionnaire or SearchOwner.Recommendation or SearchOwner.Factsheet or SearchOwner.Report;

    /// <summary>Whether the owner is the translations of another owner.</summary>
    public static bool IsOwner(SearchOwner owner) => owner.Type.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The owners with, for each questionnaire, recommendation, factsheet and report among them, its translations.</summary>
    public static IEnumerable<SearchOwner> WithTranslations(IEnumerable<SearchOwner> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        foreach (var owner in owners)
        {
            yield return owner;
            if (Translatable(owner)) yield return new(Prefix + owner.Type, owner.Id);
        }
    }

    /// <summary><see cref="WithTranslations"/>, when the store holds any translation (most translate nothing: then a
    /// rebuild of thousands of owners does not ask thousands of times).</summary>
    public static async Task<List<SearchOwner>> WithTranslationsAsync(RapporteurDbContext db, IEnumerable<SearchOwner> owners, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owners);
        var list = owners.Distinct().ToList();
        if (!list.Any(Translatable) || !await db.Translations.AnyAsync(ct)) return list;
        return WithTranslations(list).Distinct().ToList();
    }

    /// <summary>The translations' owner of a translation that was saved or removed (from its values as they were when
    /// <paramref name="original"/>); null when its source is gone.</summary>
    internal static async Task<SearchOwner?> OwnerAsync(RapporteurDbContext db, EntityEntry entry, bool original, CancellationToken ct)
    {
        T Value<T>(string property) => (T)(original ? entry.OriginalValues[property] : entry.CurrentValues[property])!;
        var id = Value<int>(nameof(Translation.TargetId));
        SearchOwner? source = Value<string>(nameof(Translation.TargetKind)) switch
        {
            Question or Prompts => await db.Questions.AsNoTracking().Where(q => q.Id == id).Select(q => (int?)q.RoundId).SingleOrDefaultAsync(ct) is { } round
                ? new SearchOwner(SearchOwner.Questionnaire, round) : null,
            Item => await db.Set<QuestionItem>().AsNoTracking().Where(i => i.Id == id).Join(db.Questions, i => i.QuestionId, q => q.Id, (i, q) => (int?)q.RoundId).SingleOrDefaultAsync(ct) is { } round
                ? new SearchOwner(SearchOwner.Questionnaire, round) : null,
            Recommendation => new SearchOwner(SearchOwner.Recommendation, id),
            FactsheetTitle or Preamble => new SearchOwner(SearchOwner.Factsheet, id),
            Chapter => await db.FactsheetChapters.AsNoTracking().Where(c => c.Id == id).Select(c => (int?)c.FactsheetId).SingleOrDefaultAsync(ct) is { } f
                ? new SearchOwner(SearchOwner.Factsheet, f) : null,
            Block => await db.FactsheetBlocks.AsNoTracking().Where(b => b.Id == id).Join(db.FactsheetChapters, b => b.ChapterId, c => c.Id, (b, c) => (int?)c.FactsheetId).SingleOrDefaultAsync(ct) is { } f
                ? new SearchOwner(SearchOwner.Factsheet, f) : null,
            Box => await db.Boxes.AsNoTracking().Where(b => b.Id == id).Select(b => (int?)b.FactsheetId).SingleOrDefaultAsync(ct) is { } f
                ? new SearchOwner(SearchOwner.Factsheet, f) : null,
            Footnote => await db.Footnotes.AsNoTracking().Where(n => n.Id == id).Select(n => new { n.FactsheetId, n.ReportId }).SingleOrDefaultAsync(ct) switch
            {
                { FactsheetId: { } f } => new SearchOwner(SearchOwner.Factsheet, f),
                { ReportId: { } r } => new SearchOwner(SearchOwner.Report, r),
                _ => null,
            },
            ReportTitle => new SearchOwner(SearchOwner.Report, id),
            ReportChapter => await db.Set<ReportChapter>().AsNoTracking().Where(c => c.Id == id).Select(c => (int?)c.ReportId).SingleOrDefaultAsync(ct) is { } r
                ? new SearchOwner(SearchOwner.Report, r) : null,
            ReportParagraph => await db.Set<ReportParagraph>().AsNoTracking().Where(p => p.Id == id).Join(db.Set<ReportChapter>(), p => p.ChapterId, c => c.Id, (p, c) => (int?)c.ReportId).SingleOrDefaultAsync(ct) is { } r
                ? new SearchOwner(SearchOwner.Report, r) : null,
            _ => null,
        };
        return source is { } s ? new SearchOwner(Prefix + s.Type, s.Id) : null;
    }

    /// <summary>The documents of a translations owner: one per source document that has a translation, per language.</summary>
    public static async Task<List<SearchDocument>> LoadAsync(RapporteurDbContext db, SearchOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Most stores translate nothing: do not build the source's documents for nothing.
        if (!await db.Translations.AnyAsync(ct)) return [];
        var sourceOwner = new SearchOwner(owner.Type[Prefix.Length..], owner.Id);
        var sources = await SearchDocuments.LoadAsync(db, sourceOwner, ct);
        if (sources.Count == 0) return [];
        var docs = new List<SearchDocument>();
        if (sourceOwner.Type == SearchOwner.Questionnaire)
        {
            var questions = await db.Questions.AsNoTracking().Where(q => q.RoundId == owner.Id).Include(q => q.Items).ToListAsync(ct);
            var questionIds = questions.Select(q => q.Id).ToList();
            var itemIds = questions.SelectMany(q => q.Items).Select(i => i.Id).ToList();
            var translations = await db.Translations.AsNoTracking()
                .Where(t => ((t.TargetKind == Question || t.TargetKind == Prompts) && questionIds.Contains(t.TargetId)) || (t.TargetKind == Item && itemIds.Contains(t.TargetId)))
                .ToListAsync(ct);
            var byQuestion = questions.ToDictionary(q => q.Id);
            foreach (var language in translations.Select(t => t.Language).Distinct(StringComparer.Ordinal))
            {
                // Only up-to-date translations: an outdated one gives way to the English on the page a hit leads to.
                var mine = translations.Where(t => t.Language == language && IsCurrent(t, byQuestion, questions)).ToDictionary(t => (t.TargetKind, t.TargetId), t => t.Text);
                foreach (var doc in sources.Where(d => d.Type == SearchTypes.Question))
                {
                    if (!byQuestion.TryGetValue(doc.SourceId, out var q)) continue;
                    var text = IndexText.Join([mine.GetValueOrDefault((Question, q.Id)),
                        .. q.Items.OrderBy(i => i.Letter, StringComparer.Ordinal)
                            .Select(i => mine.TryGetValue((Item, i.Id), out var fr) ? $"{i.Letter}) {IndexText.Plain(fr)}" : null),
                        mine.GetValueOrDefault((Prompts, q.Id))]);
                    if (text.Length > 0) docs.Add(Translated(doc, owner, language, text));
                }
            }
            return await TranslatedTitles.ApplyAsync(db, sourceOwner, docs, ct);
        }

        // Every other document is one piece: which translation kind it is depends on its type.
        var wanted = sources.Select(d => (Doc: d, Kind: d.Type switch
        {
            SearchTypes.Recommendation => Recommendation,
            SearchTypes.Paragraph when sourceOwner.Type == SearchOwner.Factsheet => Block,
            SearchTypes.Paragraph when sourceOwner.Type == SearchOwner.Report => ReportParagraph,
            SearchTypes.Box => Box,
            SearchTypes.Footnote when sourceOwner.Type is SearchOwner.Factsheet or SearchOwner.Report => Footnote,
            _ => null,
        })).Where(x => x.Kind is not null).ToList();
        if (wanted.Count == 0) return [];
        var ids = wanted.Select(x => x.Doc.SourceId).Distinct().ToList();
        var kinds = wanted.Select(x => x.Kind!).Distinct().ToList();
        var found = await db.Translations.AsNoTracking().Where(t => kinds.Contains(t.TargetKind) && ids.Contains(t.TargetId)).ToListAsync(ct);
        var current = await SourceTextsAsync(db, kinds, ids, ct);
        // Only up-to-date translations: an outdated one gives way to the English on the page a hit leads to.
        foreach (var t in found.Where(t => current.TryGetValue((t.TargetKind, t.TargetId), out var source) && string.Equals(source, t.SourceText, StringComparison.Ordinal)))
            foreach (var (doc, _) in wanted.Where(x => x.Kind == t.TargetKind && x.Doc.SourceId == t.TargetId))
            {
                var text = IndexText.Plain(t.Text);
                if (text.Length > 0) docs.Add(Translated(doc, owner, t.Language, text));
            }
        return await TranslatedTitles.ApplyAsync(db, sourceOwner, docs, ct);
    }

    /// <summary>Whether a questionnaire translation was made from its source as it stands (prompts: one a line).</summary>
    private static bool IsCurrent(Translation t, Dictionary<int, Question> byQuestion, List<Question> questions)
    {
        var source = t.TargetKind switch
        {
            Question => byQuestion.GetValueOrDefault(t.TargetId)?.Text,
            Prompts => byQuestion.TryGetValue(t.TargetId, out var q) ? string.Join("\n", q.Prompts) : null,
            Item => questions.SelectMany(x => x.Items).FirstOrDefault(i => i.Id == t.TargetId)?.Text,
            _ => null,
        };
        return string.Equals(source, t.SourceText, StringComparison.Ordinal);
    }

    /// <summary>The source texts as they stand of these pieces, by (kind, id).</summary>
    private static async Task<Dictionary<(string Kind, int Id), string>> SourceTextsAsync(RapporteurDbContext db, List<string> kinds, List<int> ids,
        CancellationToken ct)
    {
        var texts = new Dictionary<(string, int), string>();
        void Add(string kind, IEnumerable<(int Id, string Text)> rows)
        {
            foreach (var (id, text) in rows) texts[(kind, id)] = text;
        }
        if (kinds.Contains(Recommendation))
            Add(Recommendation, (await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Text }).ToListAsync(ct)).Select(r => (r.Id, r.Text)));
        if (kinds.Contains(Block))
            Add(Block, (await db.FactsheetBlocks.AsNoTracking().Where(b => ids.Contains(b.Id)).Select(b => new { b.Id, b.Text }).ToListAsync(ct)).Select(b => (b.Id, b.Text)));
        if (kinds.Contains(Box))
            Add(Box, (await db.Boxes.AsNoTracking().Where(b => ids.Contains(b.Id)).Select(b => new { b.Id, b.Text }).ToListAsync(ct)).Select(b => (b.Id, b.Text)));
        if (kinds.Contains(Footnote))
            Add(Footnote, (await db.Footnotes.AsNoTracking().Where(n => ids.Contains(n.Id)).Select(n => new { n.Id, n.Text }).ToListAsync(ct)).Select(n => (n.Id, n.Text)));
        if (kinds.Contains(ReportParagraph))
            Add(ReportParagraph, (await db.Set<ReportParagraph>().AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Text }).ToListAsync(ct)).Select(p => (p.Id, p.Text)));
        return texts;
    }

    /// <summary>The source's document in another language: the page it links to opens in that language.</summary>
    private static SearchDocument Translated(SearchDocument source, SearchOwner owner, string language, string text)
    {
        var hash = source.Url.IndexOf('#', StringComparison.Ordinal);
        var (path, anchor) = hash < 0 ? (source.Url, "") : (source.Url[..hash], source.Url[hash..]);
        var url = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + Uri.EscapeDataString(language) + anchor;
        return source with { Owner = owner, Language = language, Text = text, Url = url };
    }
}
