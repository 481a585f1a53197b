using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Factsheet = Rapporteur.Data.Entities.Factsheet;
using FactsheetBlock = Rapporteur.Data.Entities.FactsheetBlock;
using FactsheetChapter = Rapporteur.Data.Entities.FactsheetChapter;
using Party = Rapporteur.Data.Entities.Party;
using Recommendation = Rapporteur.Data.Entities.Recommendation;
using Report = Rapporteur.Data.Entities.Report;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Analysis;

/// <summary>A recommendation as the Committee drafts it: id, strength from the body's vocabulary, addressee (one
/// Party by name, or all Parties when empty), chapter, report paragraphs, text.</summary>
public sealed record RecommendationInput(string Code, string? Strength, string? Party, string? Chapter, IReadOnlyList<int>? Paragraphs, string Text, int? Version = null);

public sealed record RecommendationSnapshot(string Code, string? Strength, string Addressee, string? Party, string? Chapter, IReadOnlyList<int> Paragraphs, string Text);

/// <summary>
/// Analysis and report: the staff draft recommendations (every change a version), the Committee adopts the report,
/// and the Secretariat generates each Party's factsheet from it (a draft to edit) and publishes it.
/// </summary>
public sealed partial class RecommendationEditor(RapporteurDbContext db, TimeProvider clock)
{
    public const string EntityType = "recommendation";

    public async Task<EditResult> SaveAsync(ClaimsPrincipal user, Round round, RecommendationInput input, bool create, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsStaff()) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Committee's staff draft recommendations."));
        var code = input.Code.Trim();
        if (!Code().IsMatch(code)) return new(EditOutcome.Invalid, 0, $"'{input.Code}' is not a recommendation id like II-6 or 116.1.");
        if (string.IsNullOrWhiteSpace(input.Text)) return new(EditOutcome.Invalid, 0, Say.Text("A recommendation needs its text."));
        var strengths = await db.Set<Rapporteur.Data.Entities.Strength>().Where(s => s.BodyId == round.BodyId).Select(s => s.Key).ToListAsync(ct);
        var strength = string.IsNullOrWhiteSpace(input.Strength) ? null : input.Strength.Trim();
        if (strength is not null && !strengths.Contains(strength))
            return new(EditOutcome.Invalid, 0, Say.Format("'{0}' is not a strength of this body ({1}).", strength, string.Join(", ", strengths)));
        Party? party = null;
        if (!string.IsNullOrWhiteSpace(input.Party))
        {
            party = await db.Parties.SingleOrDefaultAsync(p => p.Name == input.Party.Trim(), ct);
            if (party is null) return new(EditOutcome.Invalid, 0, Say.Format("There is no Party '{0}'.", input.Party.Trim()));
        }
        var existing = await db.Recommendations.SingleOrDefaultAsync(r => r.RoundId == round.Id && r.Code == code, ct);
        if (create && existing is not null) return new(EditOutcome.Conflict, 0, Say.Format("Round {0} already has a recommendation {1}.", round.Number, code));
        if (!create && existing is null) return new(EditOutcome.NotFound, 0, Say.Format("Round {0} has no recommendation {1}.", round.Number, code));
        var current = await db.ContentVersions.Where(v => v.EntityType == EntityType && v.EntityId == (existing == null ? 0 : existing.Id)).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        if (!create && input.Version is { } expected && expected != current)
            return new(EditOutcome.Conflict, current, Say.Format("The recommendation was changed by someone else (version {0}, now {1}); reload to see it.", expected, current));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var recommendation = existing ?? new Recommendation { RoundId = round.Id, Code = code, Text = "" };
        if (existing is null) db.Recommendations.Add(recommendation);
        recommendation.Strength = strength;
        recommendation.Addressee = party is null ? AddresseeKind.All : AddresseeKind.Party;
        recommendation.PartyId = party?.Id;
        recommendation.Chapter = string.IsNullOrWhiteSpace(input.Chapter) ? null : input.Chapter.Trim();
        recommendation.Paragraphs = (input.Paragraphs ?? []).ToList();
        recommendation.Text = input.Text.Trim();
        await db.SaveChangesAsync(ct);
        var version = await AuditLog.VersionAsync(db, clock, user, EntityType, recommendation.Id, create ? "create" : "edit",
            new RecommendationSnapshot(code, strength, party is null ? "all" : "party", party?.Name, recommendation.Chapter, recommendation.Paragraphs, recommendation.Text), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, version.Version);
    }

    /// <summary>The round's implementation report (one per round), created on first use.</summary>
    public async Task<Report> ReportAsync(Round round, CancellationToken ct)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.RoundId == round.Id && r.PartyId == null, ct);
        if (report is not null) return report;
        report = new Report { RoundId = round.Id, Title = $"Implementation report — {round.TitleEn}", Status = PublicationStatus.Draft };
        db.Reports.Add(report);
        await db.SaveChangesAsync(ct);
        return report;
    }

    public async Task<EditResult> AdoptAsync(ClaimsPrincipal user, Round round, CancellationToken ct)
    {
        if (!user.IsStaff()) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Committee's staff adopt the report."));
        if (!await db.Recommendations.AnyAsync(r => r.RoundId == round.Id, ct)) return new(EditOutcome.Invalid, 0, Say.Text("The report has no recommendations yet."));
        var report = await ReportAsync(round, ct);
        report.Status = PublicationStatus.Published;
        AuditLog.Record(db, clock, user, "report.adopt", $"{round.Body?.ShortName} round {round.Number}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, report.Id);
    }

    /// <summary>Builds a Party's factsheet from the adopted report's recommendations, by chapter — a draft the
    /// Secretariat completes with its observations, then publishes. An existing factsheet is left alone.</summary>
    public async Task<EditResult> GenerateFactsheetAsync(ClaimsPrincipal user, Round round, string partyName, CancellationToken ct)
    {
        if (!RoundAdmin.CanManage(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat writes factsheets."));
        var report = await ReportAsync(round, ct);
        if (report.Status != PublicationStatus.Published) return new(EditOutcome.Invalid, 0, Say.Text("Adopt the report first: factsheets are generated from the adopted report."));
        var party = await db.Parties.SingleOrDefaultAsync(p => p.Name == partyName, ct);
        if (party is null) return new(EditOutcome.NotFound, 0, Say.Format("There is no Party '{0}'.", partyName));
        if (await db.Factsheets.AnyAsync(f => f.RoundId == round.Id && f.PartyId == party.Id, ct)) return new(EditOutcome.Conflict, 0, Say.Format("{0} already has a factsheet for round {1}.", party.Name, round.Number));
        var recommendations = (await db.Recommendations.Where(r => r.RoundId == round.Id && (r.Addressee == AddresseeKind.All || r.PartyId == party.Id)).ToListAsync(ct))
            .OrderBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        var factsheet = new Factsheet { RoundId = round.Id, PartyId = party.Id, Title = $"Factsheet — {party.Name} — {round.TitleEn}", Status = PublicationStatus.Draft };
        var order = 0;
        foreach (var chapter in recommendations.GroupBy(r => r.Chapter ?? "—"))
        {
            var c = new FactsheetChapter { Order = order++, Number = chapter.Key, Title = $"Chapter {chapter.Key}" };
            c.Blocks.Add(new FactsheetBlock { Order = 0, Kind = BlockKind.Heading, Text = $"Observations and recommendations of the Committee concerning {party.Name}" });
            foreach (var r in chapter)
                c.Blocks.Add(new FactsheetBlock { Order = c.Blocks.Count, Kind = BlockKind.Recommendation, Text = r.Text, Recommendations = [r.Code] });
            factsheet.Chapters.Add(c);
        }
        db.Factsheets.Add(factsheet);
        AuditLog.Record(db, clock, user, "factsheet.generate", $"{party.Name}, round {round.Number}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, factsheet.Id);
    }

    public async Task<EditResult> PublishFactsheetAsync(ClaimsPrincipal user, Round round, string partyName, CancellationToken ct)
    {
        if (!RoundAdmin.CanManage(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat publishes factsheets."));
        var factsheet = await db.Factsheets.SingleOrDefaultAsync(f => f.RoundId == round.Id && f.Party!.Name == partyName, ct);
        if (factsheet is null) return new(EditOutcome.NotFound, 0, Say.Format("{0} has no factsheet for round {1}.", partyName, round.Number));
        factsheet.Status = PublicationStatus.Published;
        factsheet.Version++;
        AuditLog.Record(db, clock, user, "factsheet.publish", $"{partyName}, round {round.Number}");
        await db.SaveChangesAsync(ct);
        return new(EditOutcome.Saved, factsheet.Version);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^([IVXLC]+-\d{1,3}|\d{1,4}\.\d{1,4})$")]
    private static partial System.Text.RegularExpressions.Regex Code();
}
