using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Analysis;

/// <summary>How a report is kept in its versions: its chapters and numbered paragraphs, one line each.</summary>
public sealed record ReportSnapshot(string Title, string Status, IReadOnlyList<string> Text);

/// <summary>
/// The rapporteur and the Committee draft the round's implementation report before adopting it: chapters (add,
/// rename, move, remove when empty) and paragraphs (add, edit, move — across chapters too — remove). Paragraphs are
/// numbered through the whole report and renumbered after every change; the recommendations of the round that cite a
/// paragraph follow it to its new number. Every change is a version of the whole report; a change based on an older
/// version is refused. Once adopted, the report no longer changes.
/// </summary>
public sealed class ReportEditor(RapporteurDbContext db, TimeProvider clock, RecommendationEditor recommendations)
{
    public const string EntityType = "report";

    /// <summary>The report being drafted, with its chapters and paragraphs in order, and its current version.</summary>
    public sealed record Draft(Round Round, Report Report, int Version);

    public async Task<Draft?> FindAsync(string body, int number, CancellationToken ct)
    {
        var round = await Rounds.RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return null;
        var report = await recommendations.ReportAsync(round, ct);
        await db.Entry(report).Collection(r => r.Chapters).Query().Include(c => c.Paragraphs).LoadAsync(ct);
        report.Chapters = report.Chapters.OrderBy(c => c.Order).ToList();
        foreach (var c in report.Chapters) c.Paragraphs = c.Paragraphs.OrderBy(p => p.Number).ToList();
        return new Draft(round, report, await VersionAsync(report.Id, ct));
    }

    public Task<EditResult> AddChapterAsync(ClaimsPrincipal user, string body, int number, int expected, string? chapterNumber, string? title, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "add chapter", r =>
        {
            if (Names(chapterNumber, title) is not var (n, t)) return Say.Text("A chapter needs a number (e.g. IV) and a title.");
            if (r.Chapters.Any(c => c.Number == n)) return Say.Format("The report already has a chapter {0}.", n);
            r.Chapters.Add(new ReportChapter { Number = n, Title = t, Order = r.Chapters.Count });
            return null;
        }, ct);

    public Task<EditResult> EditChapterAsync(ClaimsPrincipal user, string body, int number, int expected, int chapterId, string? chapterNumber, string? title, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "edit chapter", r =>
        {
            if (r.Chapters.FirstOrDefault(c => c.Id == chapterId) is not { } chapter) return Say.Format("The report has no chapter {0}.", chapterId);
            if (Names(chapterNumber, title) is not var (n, t)) return Say.Text("A chapter needs a number (e.g. IV) and a title.");
            if (r.Chapters.Any(c => c != chapter && c.Number == n)) return Say.Format("The report already has a chapter {0}.", n);
            (chapter.Number, chapter.Title) = (n, t);
            return null;
        }, ct);

    public Task<EditResult> MoveChapterAsync(ClaimsPrincipal user, string body, int number, int expected, int chapterId, int by, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "move chapter", r =>
        {
            var chapters = r.Chapters.ToList();
            var from = chapters.FindIndex(c => c.Id == chapterId);
            if (from < 0) return Say.Format("The report has no chapter {0}.", chapterId);
            var to = from + Math.Sign(by);
            if (to < 0 || to >= chapters.Count) return by < 0 ? Say.Text("The chapter is already the first.") : Say.Text("The chapter is already the last.");
            (chapters[from], chapters[to]) = (chapters[to], chapters[from]);
            r.Chapters = chapters;
            return null;
        }, ct);

    public Task<EditResult> DeleteChapterAsync(ClaimsPrincipal user, string body, int number, int expected, int chapterId, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "remove chapter", r =>
        {
            if (r.Chapters.FirstOrDefault(c => c.Id == chapterId) is not { } chapter) return Say.Format("The report has no chapter {0}.", chapterId);
            if (chapter.Paragraphs.Count > 0) return Say.Format("Chapter {0} still has paragraphs: move or remove them first.", chapter.Number);
            r.Chapters.Remove(chapter);
            db.Remove(chapter);
            return null;
        }, ct);

    /// <summary>Adds a paragraph to a chapter, after <paramref name="afterId"/> or at the chapter's end.</summary>
    public Task<EditResult> AddParagraphAsync(ClaimsPrincipal user, string body, int number, int expected, int chapterId, int? afterId, string? text, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "add paragraph", r =>
        {
            if (r.Chapters.FirstOrDefault(c => c.Id == chapterId) is not { } chapter) return Say.Format("The report has no chapter {0}.", chapterId);
            if (Clean(text) is not { } clean) return Say.Text("A paragraph needs some text.");
            var at = afterId is { } after ? chapter.Paragraphs.FindIndex(p => p.Id == after) + 1 : chapter.Paragraphs.Count;
            if (afterId is not null && at == 0) return Say.Format("Chapter {0} has no paragraph {1}.", chapter.Number, afterId);
            chapter.Paragraphs.Insert(at, new ReportParagraph { Text = clean, Number = 0 });
            return null;
        }, ct);

    public Task<EditResult> EditParagraphAsync(ClaimsPrincipal user, string body, int number, int expected, int paragraphId, string? text, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "edit paragraph", r =>
        {
            if (Paragraph(r, paragraphId) is not { } paragraph) return Say.Format("The report has no paragraph {0}.", paragraphId);
            if (Clean(text) is not { } clean) return Say.Text("A paragraph needs some text (remove it instead).");
            paragraph.Text = clean;
            return null;
        }, ct);

    /// <summary>Moves a paragraph one place up (-1) or down (+1); past the edge of its chapter it joins the next one.</summary>
    public Task<EditResult> MoveParagraphAsync(ClaimsPrincipal user, string body, int number, int expected, int paragraphId, int by, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "move paragraph", r =>
        {
            if (Paragraph(r, paragraphId) is not { } paragraph) return Say.Format("The report has no paragraph {0}.", paragraphId);
            var ci = r.Chapters.FindIndex(c => c.Paragraphs.Contains(paragraph));
            var list = r.Chapters[ci].Paragraphs;
            var from = list.IndexOf(paragraph);
            var to = from + Math.Sign(by);
            if (to >= 0 && to < list.Count)
            {
                (list[from], list[to]) = (list[to], list[from]);
                return null;
            }
            var next = ci + Math.Sign(by);
            if (next < 0 || next >= r.Chapters.Count) return by < 0 ? Say.Text("The paragraph is already the first of the report.") : Say.Text("The paragraph is already the last of the report.");
            list.Remove(paragraph);
            paragraph.ChapterId = r.Chapters[next].Id;
            if (by < 0) r.Chapters[next].Paragraphs.Add(paragraph);
            else r.Chapters[next].Paragraphs.Insert(0, paragraph);
            return null;
        }, ct);

    public Task<EditResult> DeleteParagraphAsync(ClaimsPrincipal user, string body, int number, int expected, int paragraphId, CancellationToken ct) =>
        ChangeAsync(user, body, number, expected, "remove paragraph", r =>
        {
            if (Paragraph(r, paragraphId) is not { } paragraph) return Say.Format("The report has no paragraph {0}.", paragraphId);
            r.Chapters.Single(c => c.Paragraphs.Contains(paragraph)).Paragraphs.Remove(paragraph);
            db.Remove(paragraph);
            return null;
        }, ct);

    private async Task<EditResult> ChangeAsync(ClaimsPrincipal user, string body, int number, int expected, string action, Func<Report, string?> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsStaff()) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Committee's staff draft the report."));
        if (await FindAsync(body, number, ct) is not var (round, report, version)) return new(EditOutcome.NotFound, 0, Say.Format("There is no round {0} of {1}.", number, body));
        if (report.Status != PublicationStatus.Draft) return new(EditOutcome.Closed, version, Say.Text("The report is adopted: its text no longer changes."));
        if (expected != version)
            return new(EditOutcome.Conflict, version, Say.Format("The report was changed by someone else since you opened it (version {0}, now {1}). Nothing was saved; reload to see the changes.", expected, version));

        var before = Snapshot(report);
        var oldNumbers = report.Chapters.SelectMany(c => c.Paragraphs).ToDictionary(p => p, p => p.Number);
        if (change(report) is { } refusal) return new(EditOutcome.Invalid, version, refusal);

        // Chapters in their order, paragraphs numbered through the report from where it starts.
        for (var i = 0; i < report.Chapters.Count; i++) report.Chapters[i].Order = i;
        var next = oldNumbers.Count > 0 ? Math.Max(1, oldNumbers.Values.Min()) : 1;
        var renumbered = new Dictionary<int, int>();
        foreach (var p in report.Chapters.SelectMany(c => c.Paragraphs))
        {
            if (oldNumbers.TryGetValue(p, out var old)) renumbered[old] = next;
            p.Number = next++;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The round's recommendations (and the report's notes) cite paragraphs by number: they follow them. A removed
        // paragraph is no longer cited; a number the report does not have (yet) is left as it is.
        var removed = oldNumbers.Values.Where(n => !renumbered.ContainsKey(n)).ToHashSet();
        List<int> Follow(List<int> cited) =>
            cited.Where(n => !removed.Contains(n)).Select(n => renumbered.TryGetValue(n, out var now) ? now : n).Distinct().Order().ToList();
        if (removed.Count > 0 || renumbered.Any(kv => kv.Key != kv.Value))
        {
            foreach (var r in await db.Recommendations.Where(x => x.RoundId == round.Id).ToListAsync(ct))
                if (r.Paragraphs.Count > 0) r.Paragraphs = Follow(r.Paragraphs);
            foreach (var n in await db.Footnotes.Where(x => x.ReportId == report.Id).ToListAsync(ct))
                if (n.Paragraphs.Count > 0) n.Paragraphs = Follow(n.Paragraphs);
        }
        // A report that was imported or started elsewhere has no version yet: keep what it said before the first change.
        if (version == 0) await AuditLog.VersionAsync(db, clock, null, EntityType, report.Id, "before", before, ct);
        await db.SaveChangesAsync(ct);
        var saved = await AuditLog.VersionAsync(db, clock, user, EntityType, report.Id, action, Snapshot(report), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, saved.Version);
    }

    private async Task<int> VersionAsync(int reportId, CancellationToken ct) =>
        await db.ContentVersions.Where(v => v.EntityType == EntityType && v.EntityId == reportId).MaxAsync(v => (int?)v.Version, ct) ?? 0;

    private static ReportParagraph? Paragraph(Report r, int id) => r.Chapters.SelectMany(c => c.Paragraphs).FirstOrDefault(p => p.Id == id);

    private static (string Number, string Title)? Names(string? number, string? title)
    {
        var n = (number ?? "").Trim();
        var t = (title ?? "").Trim();
        return n.Length is > 0 and <= 20 && t.Length > 0 ? (n, t) : null;
    }

    private static string? Clean(string? text)
    {
        var clean = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return clean.Length == 0 ? null : clean.Normalize();
    }

    private static ReportSnapshot Snapshot(Report r) =>
        new(r.Title, r.Status.ToString(), r.Chapters.SelectMany(c =>
            new[] { $"== {c.Number}. {c.Title}" }.Concat(c.Paragraphs.SelectMany(p => $"{p.Number}. {p.Text}".Split('\n')))).ToList());
}
