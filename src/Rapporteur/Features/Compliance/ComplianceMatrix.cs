using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;

namespace Rapporteur.Features.Compliance;

/// <summary>What the Party reported on one recommendation in its published factsheet.</summary>
public enum Evidence
{
    /// <summary>Nothing reported.</summary>
    None,
    /// <summary>Follow-up actions (an orange box).</summary>
    FollowUp,
    /// <summary>A promising practice (a blue box).</summary>
    PromisingPractice,
}

/// <summary>One recommendation × Party: null when the recommendation is addressed to another Party; otherwise the
/// Committee's assessment (a key of the body's compliance scale, or null before it assesses) and the evidence.</summary>
public sealed record MatrixCell(string? Assessment, Evidence Evidence)
{
    /// <summary>The one word the matrix colours by: the assessment when there is one, else what the Party reported.</summary>
    public string Status => Assessment ?? Evidence switch
    {
        Evidence.FollowUp => ComplianceMatrix.FollowUpReported,
        Evidence.PromisingPractice => ComplianceMatrix.PromisingPractice,
        _ => ComplianceMatrix.NoInformation,
    };
}

/// <summary>A recommendation's row. <see cref="Text"/> is in the language the matrix was asked in (<see cref="Language"/>
/// says where it comes from: a <see cref="MatrixTranslation"/> word); without one, the stored text and a null Language.</summary>
public sealed record MatrixRow(string Code, string? Strength, AddresseeKind Addressee, string? Party, string? Chapter, string Text, IReadOnlyList<MatrixCell?> Cells,
    MatrixText? Language = null);

/// <summary>The matrix. <see cref="HiddenUntranslated"/>: the rows the other filters kept that <c>translated=only</c> hid.</summary>
public sealed record Matrix(IReadOnlyList<string> Parties, IReadOnlyList<string> Scale, IReadOnlyList<MatrixRow> Rows, int HiddenUntranslated = 0);

/// <summary>Filters of the matrix; null means any. <see cref="Status"/> is a scale key or an evidence word.
/// <see cref="Language"/> ("en", "fr", checked by the caller) is the language the recommendations' text is shown in;
/// <see cref="TranslatedOnly"/> keeps only the recommendations available in it (written in it, or translated and up to date).</summary>
public sealed record MatrixFilter(string? Chapter = null, string? Strength = null, AddresseeKind? Addressee = null, string? Status = null, string? Party = null, string? Tag = null,
    string? Language = null, bool TranslatedOnly = false);

/// <summary>Recommendations × Parties: the Committee's assessments where it has made them, and what each Party
/// reported in its published factsheet (follow-up and promising-practice boxes).</summary>
public static class ComplianceMatrix
{
    public const string FollowUpReported = "follow-up-reported";
    public const string PromisingPractice = "promising-practice";
    public const string NoInformation = "no-information";

    public static async Task<Matrix> BuildAsync(RapporteurDbContext db, Round round, MatrixFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(filter);
        var scale = await db.Bodies.Where(b => b.Id == round.BodyId).Select(b => b.ComplianceScale).SingleAsync(ct);
        // Read-only: untracked entities (a 48 × 300 matrix reads 300 recommendations and thousands of assessments per request).
        var parties = await db.Parties.AsNoTracking().Where(p => filter.Party == null || p.Name == filter.Party).OrderBy(p => p.Name).ToListAsync(ct);
        var recommendations = (await db.Recommendations.AsNoTracking().Where(r => r.RoundId == round.Id).Include(r => r.Party).ToListAsync(ct))
            .OrderBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        var lookup = await MatrixLookup.LoadAsync(db, [round.Id], ct);
        // An accepted tag (Features/Tags), "themes:training" or a bare code.
        var tagged = filter.Tag is { Length: > 0 } tag ? await Tags.TagQueries.TaggedAsync(db, TagTarget.Recommendation, tag, ct) : null;
        var language = filter.Language is { } l ? await MatrixLanguage.LoadAsync(db, l, [round.Id], ct) : null;
        var hidden = 0;

        var rows = new List<MatrixRow>();
        foreach (var r in recommendations)
        {
            if (filter.Chapter is { } c && !string.Equals(r.Chapter, c, StringComparison.Ordinal)) continue;
            if (filter.Strength is { } s && !string.Equals(r.Strength, s, StringComparison.Ordinal)) continue;
            if (filter.Addressee is { } a && r.Addressee != a) continue;
            if (tagged is not null && !tagged.Contains(r.Id)) continue;
            var cells = new MatrixCell?[parties.Count];
            for (var i = 0; i < cells.Length; i++) cells[i] = lookup.Cell(r, parties[i].Id);
            if (cells.All(x => x is null)) continue;
            if (filter.Status is { } wanted && !cells.Any(x => x?.Status == wanted)) continue;
            var text = language?.Of(r.Id, r.Text);
            // Last, so that the count of hidden rows is of the rows every other filter kept.
            if (filter.TranslatedOnly && text is not null && !MatrixTranslation.Available(text.State))
            {
                hidden++;
                continue;
            }
            rows.Add(new MatrixRow(r.Code, r.Strength, r.Addressee, r.Party?.Name, r.Chapter, text?.Text ?? r.Text, cells, text));
        }
        return new Matrix(parties.Select(p => p.Name).ToList(), scale, rows, hidden);
    }
}

/// <summary>What the matrix's cells are made of, for a set of rounds: the Committee's assessments and the evidence in
/// published factsheets. The matrix page and the exports share it, so a cell reads the same everywhere.</summary>
public sealed class MatrixLookup
{
    private readonly Dictionary<(int Round, int Party, string Code), Evidence> _evidence;
    private readonly Dictionary<(int Recommendation, int Party), string> _assessed;

    /// <summary>Cells are values with a handful of distinct contents: one instance of each instead of one per cell.</summary>
    private readonly Dictionary<(string?, Evidence), MatrixCell> _cells = [];

    private MatrixLookup(Dictionary<(int, int, string), Evidence> evidence, Dictionary<(int, int), string> assessed)
    {
        _evidence = evidence;
        _assessed = assessed;
    }

    /// <summary>Reads the assessments and the boxes of the published factsheets of <paramref name="roundIds"/>.</summary>
    public static async Task<MatrixLookup> LoadAsync(RapporteurDbContext db, IReadOnlyCollection<int> roundIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Only what is public counts as evidence: boxes of published factsheets.
        var published = db.Factsheets.Where(f => roundIds.Contains(f.RoundId) && f.Status == PublicationStatus.Published).Select(f => new { f.Id, f.PartyId, f.RoundId });
        var boxes = await db.Boxes.AsNoTracking().Where(b => b.Status == PublicationStatus.Published).Join(published, b => b.FactsheetId, f => f.Id, (b, f) => new { f.RoundId, f.PartyId, b.Type, b.Recommendations }).ToListAsync(ct);
        var evidence = new Dictionary<(int, int, string), Evidence>();
        foreach (var b in boxes)
        {
            var kind = b.Type switch { BoxType.PromisingPractice => Evidence.PromisingPractice, BoxType.FollowUp => Evidence.FollowUp, _ => Evidence.None };
            if (kind == Evidence.None) continue;
            foreach (var code in b.Recommendations)
                if (!evidence.TryGetValue((b.RoundId, b.PartyId, code), out var existing) || existing < kind) evidence[(b.RoundId, b.PartyId, code)] = kind;
        }
        var assessed = await db.Assessments.AsNoTracking().Where(a => roundIds.Contains(a.Recommendation!.RoundId))
            .Select(a => new { a.RecommendationId, a.PartyId, a.Status }).ToDictionaryAsync(a => (a.RecommendationId, a.PartyId), a => a.Status, ct);
        return new MatrixLookup(evidence, assessed);
    }

    /// <summary>The cell of a recommendation and a Party: null when the recommendation is addressed to another Party.</summary>
    public MatrixCell? Cell(Data.Entities.Recommendation recommendation, int partyId)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return Cell(recommendation.Id, recommendation.RoundId, recommendation.Code, recommendation.Addressee, recommendation.PartyId, partyId);
    }

    public MatrixCell? Cell(int recommendationId, int roundId, string code, AddresseeKind addressee, int? addresseeParty, int partyId)
    {
        if (addressee == AddresseeKind.Party && addresseeParty != partyId) return null;
        var key = (_assessed.GetValueOrDefault((recommendationId, partyId)), _evidence.GetValueOrDefault((roundId, partyId, code)));
        if (!_cells.TryGetValue(key, out var cell)) _cells[key] = cell = new MatrixCell(key.Item1, key.Item2);
        return cell;
    }
}
