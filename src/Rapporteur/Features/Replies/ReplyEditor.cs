using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Replies;

/// <summary>What a person sends for one question: the answer and, where the question has items, one per item.</summary>
public sealed record AnswerInput(string Question, string? Text, IReadOnlyDictionary<string, string>? Items = null);

/// <summary>How a reply is stored in a version: enough to show it, diff it and restore it.</summary>
public sealed record ReplySnapshot(string Status, IReadOnlyList<AnswerSnapshot> Answers)
{
    /// <summary>The snapshot as lines, for diffs: one block per question.</summary>
    public IEnumerable<string> Lines() => Answers.SelectMany(a =>
        new[] { $"[{a.Question}]" }.Concat(a.Text.Split('\n')).Concat(a.Items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"({i.Key}) {i.Value}")));
}

public sealed record AnswerSnapshot(string Question, string Text, IReadOnlyDictionary<string, string> Items);

/// <summary>
/// The reply use case: a Party's focal point answers, saves drafts and submits — for its own Party only. Every change
/// is a new version (who, when, what) written in the same transaction; a save based on an older version is refused
/// as a conflict, never silently overwritten.
/// </summary>
public sealed class ReplyEditor(RapporteurDbContext db, TimeProvider clock)
{
    public const string EntityType = "reply";

    /// <summary>The round, the Party and its reply (null when not started), or null when the round or Party is unknown.</summary>
    public async Task<(Round Round, Party Party, Reply? Reply)?> FindAsync(string body, int number, string party, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        var stored = await db.Parties.SingleOrDefaultAsync(p => p.Name == party, ct);
        if (round is null || stored is null) return null;
        var reply = await db.Replies.Include(r => r.Answers).SingleOrDefaultAsync(r => r.RoundId == round.Id && r.PartyId == stored.Id, ct);
        return (round, stored, reply);
    }

    /// <summary>Submitted replies are public; drafts are for the Party's focal point and the staff.</summary>
    public static bool CanRead(ClaimsPrincipal user, Party party, Reply? reply) =>
        reply?.Status == ReplyStatus.Submitted || user.IsStaff() || CanEdit(user, party);

    public static bool CanEdit(ClaimsPrincipal user, Party party) => user.IsInRole(Roles.FocalPoint) && user.PartyId() == party.Id;

    public async Task<IReadOnlyList<Section>> QuestionnaireAsync(Round round, CancellationToken ct) =>
        await db.Sections.Where(s => s.RoundId == round.Id).OrderBy(s => s.Order)
            .Include(s => s.Questions.OrderBy(q => q.Order)).ThenInclude(q => q.Items).AsSplitQuery().ToListAsync(ct);

    /// <summary>The Secretariat may put a document a Party sent into its draft (import), never write or submit it otherwise.</summary>
    public static bool CanImport(ClaimsPrincipal user, Party party)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CanEdit(user, party) || user.IsInRole(Roles.Secretariat) || user.IsInRole(Roles.Administrator);
    }

    /// <summary>Saves the answers as a draft (or with <paramref name="submit"/>, submits them).</summary>
    public Task<EditResult> SaveAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion,
        IReadOnlyList<AnswerInput> answers, bool submit, CancellationToken ct) =>
        SaveAsync(user, body, number, party, expectedVersion, answers, submit, imported: false, ct);

    /// <summary>Saves answers read from a document into the draft: as <see cref="SaveAsync(ClaimsPrincipal, string, int, string, int, IReadOnlyList{AnswerInput}, bool, CancellationToken)"/>,
    /// and the Secretariat may do it too (<see cref="CanImport"/>). The version says "import".</summary>
    public Task<EditResult> ImportAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion,
        IReadOnlyList<AnswerInput> answers, CancellationToken ct) =>
        SaveAsync(user, body, number, party, expectedVersion, answers, submit: false, imported: true, ct);

    private async Task<EditResult> SaveAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion,
        IReadOnlyList<AnswerInput> answers, bool submit, bool imported, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(answers);
        var found = await FindAsync(body, number, party, ct);
        if (found is not var (round, stored, reply)) return new(EditOutcome.NotFound, 0, Say.Format("There is no Party {0} or round {1} of {2}.", party, number, body));
        if (!(imported ? CanImport(user, stored) : CanEdit(user, stored)))
            return new(EditOutcome.Forbidden, reply?.Version ?? 0, imported ? Say.Format("Only the focal point of {0} or the Secretariat imports into its reply.", stored.Name) : Say.Format("Only the focal point of {0} edits its reply.", stored.Name));
        if (round.Status == RoundStatus.Closed) return new(EditOutcome.Closed, reply?.Version ?? 0, Say.Format("Round {0} is closed.", round.Number));
        if (reply?.Status == ReplyStatus.Submitted) return new(EditOutcome.Closed, reply.Version, Say.Text("The reply has been submitted; ask the Secretariat to reopen it."));
        var current = reply?.Version ?? 0;
        if (expectedVersion != current)
            return new(EditOutcome.Conflict, current, Say.Format("The reply was saved by someone else since you opened it (version {0}, now {1}). Your text has not been saved; reload to see theirs.", expectedVersion, current));

        var questions = await db.Questions.Where(q => q.RoundId == round.Id).Include(q => q.Items).ToDictionaryAsync(q => q.Number, StringComparer.Ordinal, ct);
        foreach (var a in answers)
        {
            if (!questions.TryGetValue(a.Question, out var q)) return new(EditOutcome.Invalid, current, Say.Format("Question {0} is not in the questionnaire of round {1}.", a.Question, round.Number));
            foreach (var letter in a.Items?.Keys ?? [])
                if (!q.Items.Any(i => i.Letter == letter)) return new(EditOutcome.Invalid, current, Say.Format("Question {0} has no item {1}.", a.Question, letter));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (reply is null)
        {
            reply = new Reply { RoundId = round.Id, PartyId = stored.Id, CreatedAt = now, Status = ReplyStatus.Draft };
            db.Replies.Add(reply);
        }
        foreach (var a in answers)
        {
            var questionId = questions[a.Question].Id;
            var answer = reply.Answers.SingleOrDefault(x => x.QuestionId == questionId);
            if (answer is null)
            {
                answer = new Answer { QuestionId = questionId, Text = "" };
                reply.Answers.Add(answer);
            }
            answer.Text = RichText.Sanitize(a.Text);
            answer.ItemAnswers = (a.Items ?? new Dictionary<string, string>())
                .Where(i => !string.IsNullOrWhiteSpace(i.Value))
                .Select(i => new ItemAnswer { Letter = i.Key, Text = RichText.Sanitize(i.Value) }).ToList();
        }
        reply.Status = submit ? ReplyStatus.Submitted : ReplyStatus.Draft;
        if (submit) reply.SubmittedAt = now;
        reply.UpdatedAt = now;
        reply.Version = current + 1;
        var isNew = current == 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || isNew)
        {
            // Someone saved between our read and our write (or created the reply first: the unique Party-and-round
            // index refused ours): report the version they stored, not the one we read.
            db.ChangeTracker.Clear();
            var latest = await db.Replies.AsNoTracking().Where(r => r.RoundId == round.Id && r.PartyId == stored.Id).Select(r => (int?)r.Version).SingleOrDefaultAsync(CancellationToken.None);
            if (latest is null) throw;
            return new(EditOutcome.Conflict, latest.Value, Say.Format("The reply was saved by someone else at the same moment (version {0}, now {1}). Your text has not been saved; reload to see theirs.", expectedVersion, latest));
        }
        await AuditLog.VersionAsync(db, clock, user, EntityType, reply.Id, submit ? "submit" : imported ? "import" : "save", Snapshot(reply, questions.Values), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, reply.Version);
    }

    /// <summary>The versions of a reply, newest first.</summary>
    public Task<List<ContentVersion>> HistoryAsync(Reply reply, CancellationToken ct) =>
        db.ContentVersions.Where(v => v.EntityType == EntityType && v.EntityId == reply.Id).OrderByDescending(v => v.Version).ToListAsync(ct);

    /// <summary>Puts an old version's answers back, as a new version (the history keeps everything).</summary>
    public async Task<EditResult> RestoreAsync(ClaimsPrincipal user, string body, int number, string party, int version, int expectedVersion, CancellationToken ct)
    {
        var found = await FindAsync(body, number, party, ct);
        if (found is not var (_, _, reply) || reply is null) return new(EditOutcome.NotFound, 0, Say.Text("There is no such reply."));
        var old = await db.ContentVersions.SingleOrDefaultAsync(v => v.EntityType == EntityType && v.EntityId == reply.Id && v.Version == version, ct);
        if (old is null || AuditLog.Read<ReplySnapshot>(old) is not { } snapshot) return new(EditOutcome.NotFound, reply.Version, Say.Format("The reply has no version {0}.", version));
        var answers = snapshot.Answers.Select(a => new AnswerInput(a.Question, a.Text, a.Items)).ToList();
        // Questions answered later than the old version are emptied, so the restored reply is the old one.
        var numbers = await db.Questions.Where(q => reply.Answers.Select(a => a.QuestionId).Contains(q.Id)).Select(q => q.Number).ToListAsync(ct);
        answers.AddRange(numbers.Where(n => answers.All(a => a.Question != n)).Select(n => new AnswerInput(n, "")));
        return await SaveAsync(user, body, number, party, expectedVersion, answers, submit: false, ct);
    }

    /// <summary>The Secretariat sends a submitted reply back to its Party as a draft, saying why: a new version
    /// ("reopen"), an audit entry with the reason, and a notification to the Party's focal points in the outbox.</summary>
    public async Task<EditResult> ReopenAsync(ClaimsPrincipal user, string body, int number, string party, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var found = await FindAsync(body, number, party, ct);
        if (found is not var (round, stored, reply) || reply is null) return new(EditOutcome.NotFound, 0, Say.Format("{0} has no reply to round {1} of {2}.", party, number, body));
        if (!RoundAdmin.CanManage(user)) return new(EditOutcome.Forbidden, reply.Version, Say.Text("Only the Secretariat reopens a submitted reply."));
        if (reply.Status != ReplyStatus.Submitted) return new(EditOutcome.Conflict, reply.Version, Say.Format("The reply of {0} is not submitted: it is already open for its focal point.", stored.Name));
        if (round.Status == RoundStatus.Closed) return new(EditOutcome.Closed, reply.Version, Say.Format("Round {0} is closed.", round.Number));
        var why = (reason ?? "").Trim();
        if (why.Length == 0) return new(EditOutcome.Invalid, reply.Version, Say.Text("Say why the reply is reopened: the focal point reads it in the notification."));
        if (why.Length > 2000) return new(EditOutcome.Invalid, reply.Version, Say.Text("The reason is longer than 2,000 characters."));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        reply.Status = ReplyStatus.Draft;
        reply.SubmittedAt = null;
        reply.UpdatedAt = clock.GetUtcNow();
        reply.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(EditOutcome.Conflict, reply.Version - 1, Say.Text("The reply changed at the same moment; reload and try again."));
        }
        var questions = await db.Questions.Where(q => q.RoundId == round.Id).ToListAsync(ct);
        await AuditLog.VersionAsync(db, clock, user, EntityType, reply.Id, "reopen", Snapshot(reply, questions), ct);
        var name = $"{round.Body!.ShortName} round {round.Number}";
        AuditLog.Record(db, clock, user, "reply.reopen", $"{stored.Name}, {name}: {why}");
        var subject = $"{name}: the reply of {stored.Name} has been reopened";
        var text = $"Dear focal point of {stored.Name},\n\nThe Secretariat has reopened the reply of {stored.Name} to {name}, so that you can change it and submit it again.\n\nReason: {why}\n\n"
            + $"Your reply: /rounds/{round.Body.ShortName}/{round.Number}/replies/{stored.Name}/edit\n\nThe Secretariat";
        foreach (var to in await Notifications.Outbox.FocalPointsAsync(db, stored.Id, ct))
            await Notifications.Outbox.QueueAsync(db, clock, to, subject, text, $"reopen:{reply.Id}:{reply.Version}:{to}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, reply.Version);
    }

    private static ReplySnapshot Snapshot(Reply reply, IEnumerable<Question> questions)
    {
        var numbers = questions.ToDictionary(q => q.Id, q => q.Number);
        return new ReplySnapshot(reply.Status.ToString(), reply.Answers
            .Where(a => a.Text.Length > 0 || a.ItemAnswers.Count > 0)
            .OrderBy(a => a.QuestionId)
            .Select(a => new AnswerSnapshot(numbers[a.QuestionId], a.Text, a.ItemAnswers.ToDictionary(i => i.Letter, i => i.Text, StringComparer.Ordinal)))
            .ToList());
    }
}
