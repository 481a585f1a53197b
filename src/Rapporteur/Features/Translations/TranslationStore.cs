using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Translations;

/// <summary>What can be translated: the kinds of content, and where each one's source (English) text lives.</summary>
public static class TranslationTargets
{
    public const string Question = "question";
    public const string Recommendation = "recommendation";
    public const string Chapter = "chapter";
    public const string Block = "block";
    public const string Box = "box";

    /// <summary>One item (a, b, …) of a question.</summary>
    public const string Item = "item";

    /// <summary>All the "→ please specify" prompts of a question, one a line (the id is the question's).</summary>
    public const string Prompts = "prompts";

    /// <summary>A footnote of a factsheet or of an implementation report (notes are one table: the id says which).</summary>
    public const string Footnote = "footnote";

    /// <summary>An implementation report's title (the id is the report's).</summary>
    public const string ReportTitle = "report-title";

    /// <summary>The title of a chapter of an implementation report.</summary>
    public const string ReportChapter = "report-chapter";

    /// <summary>A numbered paragraph of an implementation report.</summary>
    public const string ReportParagraph = "report-paragraph";

    /// <summary>A factsheet's title (the id is the factsheet's).</summary>
    public const string FactsheetTitle = "factsheet-title";

    /// <summary>A factsheet's preamble, its paragraphs parted by a blank line (the id is the factsheet's).</summary>
    public const string Preamble = "preamble";

    public static IReadOnlyList<string> Kinds { get; } = [Question, Item, Prompts, Recommendation, FactsheetTitle, Preamble, Chapter, Block, Box, Footnote, ReportTitle, ReportChapter, ReportParagraph];

    public static bool IsKind(string? kind) => kind is not null && Kinds.Contains(kind, StringComparer.Ordinal);

    /// <summary>The source text of a list (prompts: one a line; a preamble: paragraphs parted by a blank line).</summary>
    public static string Joined(string kind, IEnumerable<string> parts) => string.Join(kind == Prompts ? "\n" : "\n\n", parts);

    /// <summary>A list kind's text cut back into its parts; any other kind's text is one part. A translation of a list
    /// has as many parts as its source, so each part replaces the source's part at the same place.</summary>
    public static IReadOnlyList<string> Parts(string kind, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return kind switch
        {
            Prompts => normal.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Preamble => normal.Split("\n\n", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => [normal],
        };
    }

    /// <summary>The translated parts of a list kind when they line up with <paramref name="source"/>'s; null otherwise
    /// (the source then shows as it is).</summary>
    public static IReadOnlyList<string>? PartsMatching(string kind, string? translation, IReadOnlyList<string> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (translation is null) return null;
        var parts = Parts(kind, translation);
        return parts.Count == source.Count ? parts : null;
    }
}

/// <summary>A piece of translatable content: its source text and the round it belongs to (for links back).</summary>
public sealed record TranslationSource(string Kind, int Id, string Text, int RoundId, string Label);

/// <summary>One translatable piece of a round, as the overview and the API list it: the group it shows under
/// ("Questionnaire", "Recommendations", "Factsheet Ruritania"), its kind and id, a short label and the source text.</summary>
public sealed record TranslationPiece(string Group, string Kind, int Id, string Label, string Source);

/// <summary>A translation as a reader sees it: the text, and whether the source has changed since.</summary>
public sealed record TranslationView(Translation Translation, bool Outdated);

/// <summary>Parallel language versions of content: read them (with their outdated flag) and save them (versioned and
/// audited like every other change, in one transaction).</summary>
public sealed class TranslationStore(RapporteurDbContext db, TimeProvider clock)
{
    public const string EntityType = "translation";

    /// <summary>How <see cref="PiecesAsync"/> names a report's group: this prefix, then the report's title.</summary>
    public const string ReportGroup = "Report ";

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
        TranslationTargets.Item => await db.Set<QuestionItem>().Where(i => i.Id == id)
            .Join(db.Questions, i => i.QuestionId, q => q.Id, (i, q) => new TranslationSource(kind, i.Id, i.Text, q.RoundId, "Question " + q.Number + ", item " + i.Letter))
            .SingleOrDefaultAsync(ct),
        TranslationTargets.Prompts => await db.Questions.Where(q => q.Id == id).Select(q => new { q.Id, q.Prompts, q.RoundId, q.Number }).SingleOrDefaultAsync(ct) is { Prompts.Count: > 0 } p
            ? new TranslationSource(kind, p.Id, TranslationTargets.Joined(kind, p.Prompts), p.RoundId, "Question " + p.Number + ", prompts (one a line)")
            : null,
        TranslationTargets.Footnote => await db.Footnotes.Where(n => n.Id == id && n.FactsheetId != null)
            .Join(db.Factsheets, n => n.FactsheetId, f => f.Id, (n, f) => new TranslationSource(kind, n.Id, n.Text, f.RoundId, "Note " + n.Number + " of the factsheet " + f.Party!.Name))
            .SingleOrDefaultAsync(ct)
            ?? await db.Footnotes.Where(n => n.Id == id && n.ReportId != null)
            .Join(db.Reports, n => n.ReportId, r => r.Id, (n, r) => new TranslationSource(kind, n.Id, n.Text, r.RoundId, "Note " + n.Number + " of the report " + r.Title))
            .SingleOrDefaultAsync(ct),
        TranslationTargets.ReportTitle => await db.Reports.Where(r => r.Id == id)
            .Select(r => new TranslationSource(kind, r.Id, r.Title, r.RoundId, "Title of the report " + r.Title)).SingleOrDefaultAsync(ct),
        TranslationTargets.ReportChapter => await db.Set<ReportChapter>().Where(c => c.Id == id)
            .Join(db.Reports, c => c.ReportId, r => r.Id, (c, r) => new TranslationSource(kind, c.Id, c.Title, r.RoundId, "Chapter " + c.Number + " of the report " + r.Title))
            .SingleOrDefaultAsync(ct),
        TranslationTargets.ReportParagraph => await db.Set<ReportParagraph>().Where(p => p.Id == id)
            .Join(db.Set<ReportChapter>(), p => p.ChapterId, c => c.Id, (p, c) => new { p, c })
            .Join(db.Reports, x => x.c.ReportId, r => r.Id, (x, r) => new TranslationSource(kind, x.p.Id, x.p.Text, r.RoundId, "Paragraph " + x.p.Number + " of the report " + r.Title))
            .SingleOrDefaultAsync(ct),
        TranslationTargets.FactsheetTitle => await db.Factsheets.Where(f => f.Id == id)
            .Select(f => new TranslationSource(kind, f.Id, f.Title, f.RoundId, "Title of the factsheet " + f.Party!.Name)).SingleOrDefaultAsync(ct),
        TranslationTargets.Preamble => await db.Factsheets.Where(f => f.Id == id).Select(f => new { f.Id, f.Preamble, f.RoundId, Party = f.Party!.Name }).SingleOrDefaultAsync(ct) is { Preamble.Count: > 0 } f2
            ? new TranslationSource(kind, f2.Id, TranslationTargets.Joined(kind, f2.Preamble), f2.RoundId, "Preamble of the factsheet " + f2.Party + " (paragraphs parted by a blank line)")
            : null,
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

    /// <summary>Every translatable piece of a round, in reading order: the questionnaire (each question, its items and
    /// prompts), the recommendations, each factsheet (title, preamble, chapters with their paragraphs and boxes, notes), then
    /// each implementation report (title, chapters with their numbered paragraphs, notes).</summary>
    public async Task<List<TranslationPiece>> PiecesAsync(int roundId, CancellationToken ct)
    {
        var items = new List<TranslationPiece>();
        const string questionnaire = "Questionnaire";
        foreach (var q in await db.Questions.Where(q => q.RoundId == roundId).Include(q => q.Items).OrderBy(q => q.Order).AsNoTracking().ToListAsync(ct))
        {
            items.Add(new(questionnaire, TranslationTargets.Question, q.Id, q.Number, q.Text));
            foreach (var i in q.Items.OrderBy(i => i.Letter, StringComparer.Ordinal))
                items.Add(new(questionnaire, TranslationTargets.Item, i.Id, q.Number + " " + i.Letter + ")", i.Text));
            if (q.Prompts.Count > 0) items.Add(new(questionnaire, TranslationTargets.Prompts, q.Id, q.Number, TranslationTargets.Joined(TranslationTargets.Prompts, q.Prompts)));
        }
        var recommendations = await db.Recommendations.Where(r => r.RoundId == roundId).AsNoTracking().ToListAsync(ct);
        foreach (var r in recommendations.OrderBy(r => r.Code, Rounds.RecommendationCodeComparer.Instance))
            items.Add(new("Recommendations", TranslationTargets.Recommendation, r.Id, r.Code, r.Text));
        var factsheets = await db.Factsheets.Where(f => f.RoundId == roundId).Include(f => f.Party)
            .Include(f => f.Chapters.OrderBy(c => c.Order)).ThenInclude(c => c.Blocks.OrderBy(b => b.Order)).ThenInclude(b => b.Box)
            .Include(f => f.Footnotes).AsSplitQuery().AsNoTracking().ToListAsync(ct);
        foreach (var f in factsheets.OrderBy(f => f.Party!.Name, StringComparer.Ordinal))
        {
            var group = "Factsheet " + f.Party!.Name;
            items.Add(new(group, TranslationTargets.FactsheetTitle, f.Id, "", f.Title));
            if (f.Preamble.Count > 0) items.Add(new(group, TranslationTargets.Preamble, f.Id, "", TranslationTargets.Joined(TranslationTargets.Preamble, f.Preamble)));
            foreach (var c in f.Chapters)
            {
                items.Add(new(group, TranslationTargets.Chapter, c.Id, c.Number, c.Title));
                foreach (var b in c.Blocks)
                {
                    if (b.Box is { } box) items.Add(new(group, TranslationTargets.Box, box.Id, c.Number, box.Text));
                    else items.Add(new(group, TranslationTargets.Block, b.Id, c.Number, b.Text));
                }
            }
            foreach (var n in f.Footnotes.OrderBy(n => n.Number))
                items.Add(new(group, TranslationTargets.Footnote, n.Id, n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Text));
        }
        var reports = await db.Reports.Where(r => r.RoundId == roundId).Include(r => r.Chapters).ThenInclude(c => c.Paragraphs)
            .AsSplitQuery().AsNoTracking().ToListAsync(ct);
        var reportIds = reports.Select(r => r.Id).ToList();
        var reportNotes = (await db.Footnotes.Where(n => n.ReportId != null && reportIds.Contains(n.ReportId.Value)).AsNoTracking().ToListAsync(ct))
            .ToLookup(n => n.ReportId!.Value);
        foreach (var report in reports.OrderBy(r => r.Id))
        {
            var group = ReportGroup + report.Title;
            items.Add(new(group, TranslationTargets.ReportTitle, report.Id, "", report.Title));
            foreach (var c in report.Chapters.OrderBy(c => c.Order))
            {
                items.Add(new(group, TranslationTargets.ReportChapter, c.Id, c.Number, c.Title));
                foreach (var p in c.Paragraphs.OrderBy(p => p.Number))
                    items.Add(new(group, TranslationTargets.ReportParagraph, p.Id, c.Number + " ¶ " + p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Text));
            }
            foreach (var n in reportNotes[report.Id].OrderBy(n => n.Number))
                items.Add(new(group, TranslationTargets.Footnote, n.Id, n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Text));
        }
        return items;
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
        if (await SourceAsync(kind, id, ct) is not { } source) return new(EditOutcome.NotFound, 0, Say.Format("There is no {0} {1}.", kind, id));
        var clean = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Normalize(NormalizationForm.FormC);
        if (clean.Length == 0) return new(EditOutcome.Invalid, version, Say.Text("The translation is empty."));
        if (kind is TranslationTargets.Prompts or TranslationTargets.Preamble && TranslationTargets.Parts(kind, source.Text).Count is var parts && TranslationTargets.Parts(kind, clean).Count != parts)
            return new(EditOutcome.Invalid, version, kind == TranslationTargets.Prompts
                ? Say.Format("The English has {0} prompts, one a line: the French needs {1} lines too.", parts, parts)
                : Say.Format("The English has {0} paragraphs parted by a blank line: the French needs {1} paragraphs too.", parts, parts));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var translation = await db.Translations.SingleOrDefaultAsync(t => t.TargetKind == kind && t.TargetId == id && t.Language == lang, ct);
        if ((translation?.Version ?? 0) != version)
            return new(EditOutcome.Conflict, translation?.Version ?? 0, Say.Text("Someone saved this translation since you opened it: reload to see their text."));
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
