using Microsoft.EntityFrameworkCore;
using AddresseeKind = Rapporteur.Core.Model.AddresseeKind;
using RecommendationId = Rapporteur.Core.Model.RecommendationId;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Rounds;

/// <summary>Where a Party stands with its reply: the Secretariat's view of a round.</summary>
public enum ReplyState
{
    NotStarted,
    Draft,
    Submitted,
    /// <summary>Submitted after the deadline, or still not submitted once it has passed.</summary>
    Late,
}

/// <summary>Lookups shared by the round's page and its API.</summary>
public static class RoundQueries
{
    public static Task<Round?> FindAsync(RapporteurDbContext db, string body, int number, CancellationToken ct) =>
        db.Rounds.Include(r => r.Body).SingleOrDefaultAsync(r => r.Body!.ShortName == body && r.Number == number, ct);

    public static ReplyState StateOf(Reply? reply, DateOnly? deadline, DateTimeOffset now)
    {
        var due = deadline?.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc);
        if (reply is null || reply.Status == ReplyStatus.NotStarted) return due is { } d && now > d ? ReplyState.Late : ReplyState.NotStarted;
        if (reply.Status == ReplyStatus.Submitted) return due is { } d2 && reply.SubmittedAt > d2 ? ReplyState.Late : ReplyState.Submitted;
        return due is { } d3 && now > d3 ? ReplyState.Late : ReplyState.Draft;
    }
}
