using Microsoft.EntityFrameworkCore;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Notifications;

/// <summary>
/// Reminders and notifications go into an outbox (a table), in the same transaction as the change that causes them,
/// so none is lost or sent twice: each has a key, and a key is queued once. Delivery is a separate step
/// (<see cref="OutboxDelivery"/>, SMTP when configured); the Secretariat sees the outbox in the app either way.
/// </summary>
public static class Outbox
{
    /// <summary>Queues the message unless one with the same key was queued before. True when queued now.</summary>
    public static async Task<bool> QueueAsync(RapporteurDbContext db, TimeProvider clock, string to, string subject, string body, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (db.Outbox.Local.Any(m => m.Key == key) || await db.Outbox.AnyAsync(m => m.Key == key, ct)) return false;
        db.Outbox.Add(new OutboxMessage { CreatedAt = clock.GetUtcNow(), To = to, Subject = subject, Body = body, Key = key });
        return true;
    }

    /// <summary>The e-mail addresses of a Party's focal points.</summary>
    public static Task<List<string>> FocalPointsAsync(RapporteurDbContext db, int partyId, CancellationToken ct) =>
        db.Users.Where(u => u.PartyId == partyId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
}

/// <summary>
/// The reminders a round's deadlines call for, computed from the injected clock: 14, 7 and 1 day(s) before a reply
/// or follow-up deadline, and once when it has passed, to the focal points of each Party that has not submitted.
/// </summary>
public sealed class Reminders(RapporteurDbContext db, TimeProvider clock)
{
    private static readonly int[] DaysBefore = [14, 7, 1];

    /// <summary>Queues what is due now; returns how many messages were queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var queued = 0;
        var rounds = await db.Rounds.Include(r => r.Body).Where(r => r.Status == RoundStatus.Open).ToListAsync(ct);
        var parties = await db.Parties.ToListAsync(ct);
        foreach (var round in rounds)
        {
            var submitted = await db.Replies.Where(r => r.RoundId == round.Id && r.Status == ReplyStatus.Submitted).Select(r => r.PartyId).ToListAsync(ct);
            foreach (var party in parties.Where(p => !submitted.Contains(p.Id)))
                queued += await RemindAsync(round, party, "reply", round.ReplyDeadline, today, ct);
            if (round.FollowUpDeadline is not null)
                foreach (var party in parties)
                    queued += await RemindAsync(round, party, "follow-up", round.FollowUpDeadline, today, ct);
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<int> RemindAsync(Round round, Party party, string what, DateOnly? deadline, DateOnly today, CancellationToken ct)
    {
        if (deadline is not { } due) return 0;
        var left = due.DayNumber - today.DayNumber;
        var step = left < 0 ? "overdue" : DaysBefore.Where(d => left <= d).Select(d => $"{d}d").LastOrDefault();
        if (step is null) return 0;
        var queued = 0;
        var name = $"{round.Body!.ShortName} round {round.Number}";
        var subject = left < 0
            ? $"{name}: the {what} of {party.Name} is overdue (due {due:d MMMM yyyy})"
            : $"{name}: the {what} of {party.Name} is due on {due:d MMMM yyyy} ({left} day{(left == 1 ? "" : "s")} left)";
        var text = $"Dear focal point of {party.Name},\n\n{subject}.\nYou can work on it in Rapporteur: /rounds/{round.Body.ShortName}/{round.Number}/{(what == "reply" ? $"replies/{party.Name}/edit" : $"follow-up/{party.Name}")}\n\nThe Secretariat";
        foreach (var to in await Outbox.FocalPointsAsync(db, party.Id, ct))
            if (await Outbox.QueueAsync(db, clock, to, subject, text, $"reminder:{what}:{round.Id}:{party.Id}:{step}:{to}", ct)) queued++;
        return queued;
    }
}
