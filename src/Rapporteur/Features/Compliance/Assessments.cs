using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Party = Rapporteur.Data.Entities.Party;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Compliance;

/// <summary>How an assessment is kept in its versions.</summary>
public sealed record AssessmentSnapshot(string Recommendation, string Party, string Status, DateOnly AssessedOn, string Note);

/// <summary>The Committee records its assessment per recommendation × Party, on the body's configurable scale, with a
/// dated history: every change is a new version.</summary>
public sealed class Assessments(RapporteurDbContext db, TimeProvider clock)
{
    public const string EntityType = "assessment";

    public async Task<(Round Round, Data.Entities.Recommendation Recommendation)?> FindAsync(string body, int number, string code, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return null;
        var recommendation = await db.Recommendations.Include(r => r.Party).SingleOrDefaultAsync(r => r.RoundId == round.Id && r.Code == code, ct);
        return recommendation is null ? null : (round, recommendation);
    }

    /// <summary>The Parties a recommendation concerns: the one it names, or all of them.</summary>
    public Task<List<Party>> PartiesOfAsync(Data.Entities.Recommendation recommendation, CancellationToken ct) =>
        db.Parties.Where(p => recommendation.Addressee == AddresseeKind.All || p.Id == recommendation.PartyId).OrderBy(p => p.Name).ToListAsync(ct);

    public async Task<EditResult> RecordAsync(ClaimsPrincipal user, string body, int number, string code, string party, string status,
        DateOnly? assessedOn, string? note, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsStaff()) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Committee's staff record assessments."));
        if (await FindAsync(body, number, code, ct) is not var (round, recommendation)) return new(EditOutcome.NotFound, 0, Say.Format("Round {0} of {1} has no recommendation {2}.", number, body, code));
        var target = (await PartiesOfAsync(recommendation, ct)).FirstOrDefault(p => p.Name == party);
        if (target is null) return new(EditOutcome.NotFound, 0, Say.Format("Recommendation {0} is not addressed to {1}.", code, party));
        var scale = await db.Bodies.Where(b => b.Id == round.BodyId).Select(b => b.ComplianceScale).SingleAsync(ct);
        if (!scale.Contains(status)) return new(EditOutcome.Invalid, 0, $"'{status}' is not on the compliance scale ({string.Join(", ", scale)}).");

        var existing = await db.Assessments.SingleOrDefaultAsync(a => a.RecommendationId == recommendation.Id && a.PartyId == target.Id, ct);
        var current = existing?.Version ?? 0;
        if (expectedVersion is { } expected && expected != current)
            return new(EditOutcome.Conflict, current, Say.Format("The assessment was changed by someone else (version {0}, now {1}); reload to see it.", expected, current));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var assessment = existing ?? new Assessment { RecommendationId = recommendation.Id, PartyId = target.Id, Status = status };
        if (existing is null) db.Assessments.Add(assessment);
        assessment.Status = status;
        assessment.AssessedOn = assessedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        assessment.Note = RichText.Sanitize(note);
        assessment.Version = current + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(EditOutcome.Conflict, current, Say.Text("The assessment was changed by someone else at the same moment; reload to see it."));
        }
        await AuditLog.VersionAsync(db, clock, user, EntityType, assessment.Id, existing is null ? "assess" : "reassess",
            new AssessmentSnapshot(code, target.Name, status, assessment.AssessedOn, assessment.Note), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, assessment.Version);
    }

    /// <summary>Each Party's assessment with its dated history, newest first.</summary>
    public async Task<Dictionary<int, (Assessment Current, List<AssessmentSnapshot> History)>> OfAsync(Data.Entities.Recommendation recommendation, CancellationToken ct)
    {
        var rows = await db.Assessments.Where(a => a.RecommendationId == recommendation.Id).ToListAsync(ct);
        var ids = rows.Select(a => a.Id).ToList();
        var versions = await db.ContentVersions.Where(v => v.EntityType == EntityType && ids.Contains(v.EntityId)).OrderByDescending(v => v.Version).ToListAsync(ct);
        return rows.ToDictionary(a => a.PartyId, a => (a, versions.Where(v => v.EntityId == a.Id).Select(v => AuditLog.Read<AssessmentSnapshot>(v)!).ToList()));
    }
}
