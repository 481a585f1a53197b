using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Import;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Notifications;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Rounds;

/// <summary>What the Secretariat sets for a round.</summary>
public sealed record RoundInput(string Body, int Number, string Theme, string TitleEn, string? TitleFr, DateOnly? Opens, DateOnly? ReplyDeadline, DateOnly? FollowUpDeadline);

/// <summary>One question as the Secretariat writes it: items as "a) text" lines, prompts as lines.</summary>
public sealed record QuestionInput(string Section, string Number, string Text, IReadOnlyList<string>? Items = null, IReadOnlyList<string>? Prompts = null);

/// <summary>
/// The Secretariat's side of a round: create it (theme, EN/FR titles, deadlines), build its questionnaire (sections,
/// questions, items, prompts — by hand or from a document), open it to the Parties (their focal points are notified)
/// and close it. Every change is audited.
/// </summary>
public sealed partial class RoundAdmin(RapporteurDbContext db, TimeProvider clock)
{
    public static bool CanManage(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat);

    public async Task<EditResult> CreateAsync(ClaimsPrincipal user, RoundInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!CanManage(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat creates rounds."));
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.ShortName == input.Body, ct);
        if (body is null) return new(EditOutcome.Invalid, 0, Say.Format("There is no treaty body '{0}'.", input.Body));
        if (Validate(input) is { } problem) return new(EditOutcome.Invalid, 0, problem);
        if (await db.Rounds.AnyAsync(r => r.BodyId == body.Id && r.Number == input.Number, ct)) return new(EditOutcome.Conflict, 0, Say.Format("{0} already has a round {1}.", body.ShortName, input.Number));
        var round = new Round { BodyId = body.Id, Number = input.Number, Theme = "", TitleEn = "", Status = RoundStatus.Draft };
        Apply(round, input);
        db.Rounds.Add(round);
        AuditLog.Record(db, clock, user, "round.create", $"{body.ShortName} round {input.Number}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, round.Id);
    }

    public async Task<EditResult> UpdateAsync(ClaimsPrincipal user, Round round, RoundInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(input);
        if (!CanManage(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat edits rounds."));
        if (Validate(input) is { } problem) return new(EditOutcome.Invalid, 0, problem);
        Apply(round, input);
        AuditLog.Record(db, clock, user, "round.update", $"{round.Body?.ShortName} round {round.Number}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, round.Id);
    }

    /// <summary>Adds a question (and its section when new). Numbers are unique within a round.</summary>
    public async Task<EditResult> AddQuestionAsync(ClaimsPrincipal user, Round round, QuestionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(input);
        if (!CanManage(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat builds questionnaires."));
        if (round.Status == RoundStatus.Closed) return new(EditOutcome.Closed, 0, Say.Text("The round is closed."));
        // JSON callers can leave any field out: a missing one is invalid input, never a crash.
        // The forms the reply importer reads, so that replies imported later find every question.
        if (!Core.Import.Replies.QuestionNumbers.TryNormalize(input.Number, out var number))
            return new(EditOutcome.Invalid, 0, Say.Format("'{0}' is not a question number: {1}.", input.Number, Core.Import.Replies.QuestionNumbers.Expected));
        if (string.IsNullOrWhiteSpace(input.Section) || string.IsNullOrWhiteSpace(input.Text)) return new(EditOutcome.Invalid, 0, Say.Text("A question needs a section and a text."));
        if (await db.Questions.AnyAsync(q => q.RoundId == round.Id && q.Number == number, ct)) return new(EditOutcome.Conflict, 0, Say.Format("Round {0} already has a question {1}.", round.Number, number));
        var items = new List<QuestionItem>();
        foreach (var line in input.Items ?? [])
        {
            var m = ItemLine().Match(line.Trim());
            if (!m.Success) return new(EditOutcome.Invalid, 0, Say.Format("Item '{0}' should start with its letter, like 'a) text'.", line.Trim()));
            items.Add(new QuestionItem { Letter = m.Groups[1].Value.ToLowerInvariant(), Text = m.Groups[2].Value.Trim() });
        }
        var sections = await db.Sections.Where(s => s.RoundId == round.Id).ToListAsync(ct);
        var section = sections.FirstOrDefault(s => string.Equals(s.Name, input.Section.Trim(), StringComparison.Ordinal));
        if (section is null)
        {
            section = new Section { RoundId = round.Id, Name = input.Section.Trim(), Order = sections.Count == 0 ? 0 : sections.Max(s => s.Order) + 1 };
            db.Sections.Add(section);
            await db.SaveChangesAsync(ct);
        }
        var order = await db.Questions.Where(q => q.RoundId == round.Id).MaxAsync(q => (int?)q.Order, ct) ?? -1;
        db.Questions.Add(new Question
        {
            RoundId = round.Id,
            SectionId = section.Id,
            Number = number,
            Text = input.Text.Trim(),
            Order = order + 1,
            Items = items,
            Prompts = (input.Prompts ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList(),
        });
        AuditLog.Record(db, clock, user, "question.add", $"round {round.Number} question {number}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, round.Id);
    }

    /// <summary>Reads a questionnaire (or a reply, which repeats it) and adds the questions the round does not have.</summary>
    public async Task<(EditResult Result, IReadOnlyList<ParseWarning> Warnings)> ImportQuestionnaireAsync(ClaimsPrincipal user, Round round, Stream stream, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var parsed = DocumentImporter.Default.Import(stream, fileName, new ImportOptions { Kind = DocumentKind.Reply, Party = new Core.Model.Party("Questionnaire"), Round = round.Number }, ct);
        if (!parsed.Success) return (new(EditOutcome.Invalid, 0, parsed.Error!.ToString()), []);
        var added = 0;
        // All or nothing: a question the round cannot take leaves the round as it was, whatever came before it in the file.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var section in parsed.Value!.Questionnaire!.Sections)
            foreach (var q in section.Questions)
            {
                var result = await AddQuestionAsync(user, round, new QuestionInput(section.Name, q.Number, q.Text, q.Items.Select(i => $"{i.Letter}) {i.Text}").ToList(), q.Prompts), ct);
                if (result.Outcome == EditOutcome.Saved) added++;
                else if (result.Outcome != EditOutcome.Conflict)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return (result with { Message = Say.Format("{0}: question {1}: {2} Nothing was added.", fileName, q.Number, result.Message ?? "") }, parsed.Value.Warnings);
                }
            }
        await transaction.CommitAsync(ct);
        return (new(EditOutcome.Saved, added, Say.Format("Added {0} questions from {1}.", added, fileName)), parsed.Value.Warnings);
    }

    /// <summary>Opens the round to the Parties (their focal points get a message in the outbox), or closes it.</summary>
    public async Task<EditResult> SetStatusAsync(ClaimsPrincipal user, Round round, RoundStatus status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (!CanManage(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat opens and closes rounds."));
        if (status == RoundStatus.Open && !await db.Questions.AnyAsync(q => q.RoundId == round.Id, ct))
            return new(EditOutcome.Invalid, 0, Say.Text("A round opens with its questionnaire: add questions first."));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        round.Status = status;
        AuditLog.Record(db, clock, user, $"round.{status.ToString().ToLowerInvariant()}", $"{round.Body?.ShortName} round {round.Number}");
        if (status == RoundStatus.Open)
        {
            foreach (var party in await db.Parties.ToListAsync(ct))
                foreach (var to in await Outbox.FocalPointsAsync(db, party.Id, ct))
                    await Outbox.QueueAsync(db, clock, to, $"{round.Body?.ShortName} round {round.Number} is open: {round.TitleEn}",
                        $"Dear focal point of {party.Name},\n\nThe questionnaire of round {round.Number} ({round.TitleEn}) is open." +
                        (round.ReplyDeadline is { } d ? $" Replies are due on {d:d MMMM yyyy}." : "") +
                        $"\nAnswer it in Rapporteur: /rounds/{round.Body?.ShortName}/{round.Number}/replies/{party.Name}/edit\n\nThe Secretariat",
                        $"round-open:{round.Id}:{party.Id}:{to}", ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, round.Id);
    }

    private static string? Validate(RoundInput input)
    {
        if (input.Number is < 1 or > 99) return Say.Text("The round number must be between 1 and 99.");
        if (string.IsNullOrWhiteSpace(input.Theme) || string.IsNullOrWhiteSpace(input.TitleEn)) return Say.Text("A round needs a theme and an English title.");
        if (input.Opens is { } o && input.ReplyDeadline is { } d && d < o) return Say.Text("The reply deadline is before the round opens.");
        if (input.ReplyDeadline is { } r && input.FollowUpDeadline is { } f && f < r) return Say.Text("The follow-up deadline is before the reply deadline.");
        return null;
    }

    private static void Apply(Round round, RoundInput input)
    {
        round.Theme = input.Theme.Trim();
        round.TitleEn = input.TitleEn.Trim();
        round.TitleFr = string.IsNullOrWhiteSpace(input.TitleFr) ? null : input.TitleFr.Trim();
        round.Opens = input.Opens;
        round.ReplyDeadline = input.ReplyDeadline;
        round.FollowUpDeadline = input.FollowUpDeadline;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^([a-zA-Z])[\).]\s*(.+)$")]
    private static partial System.Text.RegularExpressions.Regex ItemLine();
}
