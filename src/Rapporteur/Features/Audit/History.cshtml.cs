using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Analysis;
using Rapporteur.Features.Compliance;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Audit;

/// <summary>The versions of any recommendation, box, assessment, factsheet or report (staff): who, when, what, a diff of any two, and
/// for recommendations, boxes (the Secretariat) and assessments, restoring an old version as a new one. Replies have their own history page,
/// which their focal point also sees.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class HistoryModel(RapporteurDbContext db, RecommendationEditor recommendations, Assessments assessments, FollowUp.BoxEditor boxes) : PageModel
{
    private static readonly string[] Types = [RecommendationEditor.EntityType, FollowUp.BoxEditor.EntityType, Assessments.EntityType,
        Factsheets.FactsheetEditor.EntityType, ReportEditor.EntityType, Translations.TranslationStore.EntityType];

    public string EntityType { get; private set; } = "";
    public int EntityId { get; private set; }
    public IReadOnlyList<ContentVersion> Versions { get; private set; } = [];
    public IReadOnlyList<DiffLine>? Diff { get; private set; }
    public int From { get; private set; }
    public int To { get; private set; }
    public bool CanRestore => EntityType is RecommendationEditor.EntityType or Assessments.EntityType
        || (EntityType == FollowUp.BoxEditor.EntityType && FollowUp.BoxEditor.CanPublish(User));
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string type, int id, int? from, int? to, CancellationToken ct)
    {
        if (!await LoadAsync(type, id, ct)) return NotFound();
        To = to ?? Versions[0].Version;
        From = from ?? Math.Max(1, To - 1);
        var a = Versions.FirstOrDefault(v => v.Version == From);
        var b = Versions.FirstOrDefault(v => v.Version == To);
        if (a is null || b is null) return NotFound();
        Diff = TextDiff.Lines(Lines(a), Lines(b));
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string type, int id, int version, CancellationToken ct)
    {
        if (!await LoadAsync(type, id, ct)) return NotFound();
        var old = Versions.FirstOrDefault(v => v.Version == version);
        if (old is null) return NotFound();
        EditResult result;
        if (type == RecommendationEditor.EntityType && AuditLog.Read<RecommendationSnapshot>(old) is { } r)
        {
            var rec = await db.Recommendations.SingleAsync(x => x.Id == id, ct);
            var round = await db.Rounds.Include(x => x.Body).SingleAsync(x => x.Id == rec.RoundId, ct);
            result = await recommendations.SaveAsync(User, round, new RecommendationInput(r.Code, r.Strength, r.Party, r.Chapter, r.Paragraphs, r.Text, Versions[0].Version), create: false, ct);
        }
        else if (type == Assessments.EntityType && AuditLog.Read<AssessmentSnapshot>(old) is { } s)
        {
            var assessment = await db.Assessments.Include(x => x.Recommendation).SingleAsync(x => x.Id == id, ct);
            var round = await db.Rounds.Include(x => x.Body).SingleAsync(x => x.Id == assessment.Recommendation!.RoundId, ct);
            result = await assessments.RecordAsync(User, round.Body!.ShortName, round.Number, s.Recommendation, s.Party, s.Status, s.AssessedOn, s.Note, assessment.Version, ct);
        }
        else if (type == FollowUp.BoxEditor.EntityType)
        {
            result = await boxes.RestoreAsync(User, id, version, ct);
        }
        else
        {
            result = new(EditOutcome.Invalid, 0, Say.Text("This kind of content cannot be restored here."));
        }
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { type, id });
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<bool> LoadAsync(string type, int id, CancellationToken ct)
    {
        if (!Types.Contains(type)) return false;
        (EntityType, EntityId) = (type, id);
        Versions = await db.ContentVersions.Where(v => v.EntityType == type && v.EntityId == id).OrderByDescending(v => v.Version).ToListAsync(ct);
        return Versions.Count > 0;
    }

    /// <summary>A snapshot as lines: one "field: value" per property, long texts split into their lines.</summary>
    private static List<string> Lines(ContentVersion v)
    {
        using var doc = JsonDocument.Parse(v.Snapshot);
        var lines = new List<string>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            // A list of lines (a factsheet's or report's text) is shown line by line, so the diff finds the paragraph.
            if (p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
            {
                lines.Add($"{p.Name}:");
                lines.AddRange(p.Value.EnumerateArray().Select(x => "  " + x.GetString()));
                continue;
            }
            var value = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
            var parts = value.Split('\n');
            lines.Add($"{p.Name}: {parts[0]}");
            lines.AddRange(parts.Skip(1).Select(x => "  " + x));
        }
        return lines;
    }
}
