using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data.Search;

/// <summary>
/// Keeps the search index in step with every <c>SaveChanges</c>, in the same transaction: before the save it notes
/// which owners (reply, factsheet, report, recommendation, questionnaire, comment) the changed rows belong to and,
/// when the caller has no transaction, opens one; after the save it rebuilds those owners' documents and commits.
/// A failed save rolls the index back with the data. Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and raw SQL
/// bypass it: call <see cref="SearchIndexer.ReindexAsync"/> after them (or <c>rapporteur reindex</c>).
/// </summary>
public sealed class SearchIndexInterceptor : SaveChangesInterceptor
{
    public static SearchIndexInterceptor Instance { get; } = new();

    private sealed class Pending
    {
        public HashSet<SearchOwner> Owners { get; } = [];
        public List<Func<RapporteurDbContext, CancellationToken, Task<SearchOwner?>>> AfterSave { get; } = [];
        public IDbContextTransaction? OwnTransaction { get; set; }
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is RapporteurDbContext db) await BeforeAsync(db, cancellationToken);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is RapporteurDbContext db) await AfterAsync(db, cancellationToken);
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db) await AbandonAsync(db);
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db) await AbandonAsync(db);
    }

    // The synchronous SaveChanges takes the same path; SQLite's provider is synchronous underneath anyway.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is RapporteurDbContext db) BeforeAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is RapporteurDbContext db) AfterAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db) AbandonAsync(db).GetAwaiter().GetResult();
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db) AbandonAsync(db).GetAwaiter().GetResult();
    }

    private async Task BeforeAsync(RapporteurDbContext db, CancellationToken ct)
    {
        var work = new Pending();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
        {
            if (entry.State == EntityState.Deleted)
            {
                // Keys are real and the rows still exist: find the owner now, from the values as they were.
                if (await OwnerAsync(db, entry, original: true, ct) is { } owner) work.Owners.Add(owner);
            }
            else if (IsIndexed(entry.Entity))
            {
                // New rows get their keys from the save: find the owner after it.
                var e = entry;
                work.AfterSave.Add((context, token) => OwnerAsync(context, e, original: false, token));
            }
        }
        if (work.Owners.Count == 0 && work.AfterSave.Count == 0) return;
        // The index is written after the data; both must commit or neither.
        if (db.Database.CurrentTransaction is null) work.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
        pending.AddOrUpdate(db, work);
    }

    private async Task AfterAsync(RapporteurDbContext db, CancellationToken ct)
    {
        if (!pending.TryGetValue(db, out var work)) return;
        pending.Remove(db);
        try
        {
            foreach (var resolve in work.AfterSave)
                if (await resolve(db, ct) is { } owner) work.Owners.Add(owner);
            await SearchIndexer.ReindexAsync(db, work.Owners, ct);
            if (work.OwnTransaction is { } own) await own.CommitAsync(ct);
        }
        finally
        {
            if (work.OwnTransaction is { } own) await own.DisposeAsync();
        }
    }

    private async Task AbandonAsync(DbContext db)
    {
        if (!pending.TryGetValue(db, out var work)) return;
        pending.Remove(db);
        if (work.OwnTransaction is { } own)
        {
            await own.RollbackAsync();
            await own.DisposeAsync();
        }
    }

    private static bool IsIndexed(object entity) => entity is Reply or Answer or ItemAnswer or PromptReply or Factsheet or FactsheetChapter or FactsheetBlock or Box or Footnote
        or Report or ReportChapter or ReportParagraph or Recommendation or Section or Question or QuestionItem or Comment or Translation;

    private static async Task<SearchOwner?> OwnerAsync(RapporteurDbContext db, EntityEntry entry, bool original, CancellationToken ct)
    {
        T Value<T>(string property) => (T)(original ? entry.OriginalValues[property] : entry.CurrentValues[property])!;
        switch (entry.Entity)
        {
            case Reply:
                return new(SearchOwner.Reply, Value<int>(nameof(Reply.Id)));
            case Answer:
                return new(SearchOwner.Reply, Value<int>(nameof(Answer.ReplyId)));
            case ItemAnswer or PromptReply:
            {
                // Owned by the answer and stored in its JSON column; the shadow key names the answer.
                var answer = Value<int>("AnswerId");
                var reply = await db.Answers.AsNoTracking().Where(a => a.Id == answer).Select(a => (int?)a.ReplyId).SingleOrDefaultAsync(ct);
                return reply is { } r ? new(SearchOwner.Reply, r) : null;
            }
            case Factsheet:
                return new(SearchOwner.Factsheet, Value<int>(nameof(Factsheet.Id)));
            case FactsheetChapter:
                return new(SearchOwner.Factsheet, Value<int>(nameof(FactsheetChapter.FactsheetId)));
            case FactsheetBlock:
            {
                var chapter = Value<int>(nameof(FactsheetBlock.ChapterId));
                var factsheet = await db.FactsheetChapters.AsNoTracking().Where(c => c.Id == chapter).Select(c => (int?)c.FactsheetId).SingleOrDefaultAsync(ct);
                return factsheet is { } f ? new(SearchOwner.Factsheet, f) : null;
            }
            case Box:
                return new(SearchOwner.Factsheet, Value<int>(nameof(Box.FactsheetId)));
            case Footnote:
                return Value<int?>(nameof(Footnote.FactsheetId)) is { } fs ? new(SearchOwner.Factsheet, fs)
                    : Value<int?>(nameof(Footnote.ReportId)) is { } rp ? new(SearchOwner.Report, rp) : null;
            case Report:
                return new(SearchOwner.Report, Value<int>(nameof(Report.Id)));
            case ReportChapter:
                return new(SearchOwner.Report, Value<int>(nameof(ReportChapter.ReportId)));
            case ReportParagraph:
            {
                var chapter = Value<int>(nameof(ReportParagraph.ChapterId));
                var report = await db.Set<ReportChapter>().AsNoTracking().Where(c => c.Id == chapter).Select(c => (int?)c.ReportId).SingleOrDefaultAsync(ct);
                return report is { } r ? new(SearchOwner.Report, r) : null;
            }
            case Recommendation:
                return new(SearchOwner.Recommendation, Value<int>(nameof(Recommendation.Id)));
            case Section:
                return new(SearchOwner.Questionnaire, Value<int>(nameof(Section.RoundId)));
            case Question:
                return new(SearchOwner.Questionnaire, Value<int>(nameof(Question.RoundId)));
            case QuestionItem:
            {
                var question = Value<int>(nameof(QuestionItem.QuestionId));
                var round = await db.Questions.AsNoTracking().Where(q => q.Id == question).Select(q => (int?)q.RoundId).SingleOrDefaultAsync(ct);
                return round is { } r ? new(SearchOwner.Questionnaire, r) : null;
            }
            case Comment:
                return new(SearchOwner.Comment, Value<int>(nameof(Comment.Id)));
            case Translation:
                return await TranslationSearchDocuments.OwnerAsync(db, entry, original, ct);
            default:
                return null;
        }
    }
}
