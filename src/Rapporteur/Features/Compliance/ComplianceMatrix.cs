using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;

namespace Rapporteur.Features.Compliance;

/// <summary>What is known of one recommendation for one Party.</summary>
public enum CellStatus
{
    /// <summary>The recommendation is addressed to another Party.</summary>
    NotApplicable,
    /// <summary>No follow-up and no assessment yet.</summary>
    NoInformation,
    /// <summary>The Party reported follow-up actions (an orange box).</summary>
    FollowUpReported,
    /// <summary>The Party reported a promising practice (a blue box).</summary>
    PromisingPractice,
}

public sealed record MatrixRow(string Code, string? Strength, AddresseeKind Addressee, string? Party, string? Chapter, string Text, IReadOnlyList<CellStatus> Cells);

public sealed record Matrix(IReadOnlyList<string> Parties, IReadOnlyList<MatrixRow> Rows);

/// <summary>Filters of the matrix; null means any.</summary>
public sealed record MatrixFilter(string? Chapter = null, string? Strength = null, AddresseeKind? Addressee = null, CellStatus? Status = null);

/// <summary>Recommendations × Parties, from the published factsheets' boxes (assessments will take precedence once the
/// Committee records them).</summary>
public static class ComplianceMatrix
{
    public static async Task<Matrix> BuildAsync(RapporteurDbContext db, Round round, MatrixFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(filter);
        var parties = await db.Parties.OrderBy(p => p.Name).ToListAsync(ct);
        var recommendations = (await db.Recommendations.Where(r => r.RoundId == round.Id).Include(r => r.Party).ToListAsync(ct))
            .OrderBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        // Only what is public counts: boxes of published factsheets.
        var published = db.Factsheets.Where(f => f.RoundId == round.Id && f.Status == PublicationStatus.Published).Select(f => new { f.Id, f.PartyId });
        var boxes = await db.Boxes.Join(published, b => b.FactsheetId, f => f.Id, (b, f) => new { f.PartyId, b.Type, b.Recommendations }).ToListAsync(ct);
        var reported = new Dictionary<(int Party, string Code), CellStatus>();
        foreach (var b in boxes)
            foreach (var code in b.Recommendations)
            {
                var status = b.Type == BoxType.PromisingPractice ? CellStatus.PromisingPractice : b.Type == BoxType.FollowUp ? CellStatus.FollowUpReported : CellStatus.NoInformation;
                if (status == CellStatus.NoInformation) continue;
                if (!reported.TryGetValue((b.PartyId, code), out var existing) || existing < status) reported[(b.PartyId, code)] = status;
            }

        var rows = new List<MatrixRow>();
        foreach (var r in recommendations)
        {
            if (filter.Chapter is { } c && !string.Equals(r.Chapter, c, StringComparison.Ordinal)) continue;
            if (filter.Strength is { } s && !string.Equals(r.Strength, s, StringComparison.Ordinal)) continue;
            if (filter.Addressee is { } a && r.Addressee != a) continue;
            var cells = parties.Select(p =>
                r.Addressee == AddresseeKind.Party && r.PartyId != p.Id ? CellStatus.NotApplicable
                : reported.TryGetValue((p.Id, r.Code), out var st) ? st : CellStatus.NoInformation).ToList();
            if (filter.Status is { } wanted && !cells.Contains(wanted)) continue;
            rows.Add(new MatrixRow(r.Code, r.Strength, r.Addressee, r.Party?.Name, r.Chapter, r.Text, cells));
        }
        return new Matrix(parties.Select(p => p.Name).ToList(), rows);
    }
}
