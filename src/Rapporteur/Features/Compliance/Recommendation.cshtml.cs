using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using BoxType = Rapporteur.Core.Model.BoxType;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Compliance;

/// <summary>One recommendation across the Parties it concerns: the evidence each reported (boxes of published
/// factsheets), the Committee's assessment and its dated history; the staff record assessments here.</summary>
public sealed class RecommendationModel(Assessments assessments, RapporteurDbContext db, Analysis.RecommendationEditor editor, Translations.TranslationStore translations) : PageModel
{
    public sealed record PartyEvidence(Party Party, IReadOnlyList<Box> Boxes, Assessment? Assessment, IReadOnlyList<AssessmentSnapshot> History);

    public Round Round { get; private set; } = null!;
    public Data.Entities.Recommendation Recommendation { get; private set; } = null!;
    public IReadOnlyList<PartyEvidence> Parties { get; private set; } = [];
    public IReadOnlyList<string> Scale { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string body, int number, string code, string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(body, number, code, ct)) return NotFound();
        if (saved is not null) Message = saved == "the recommendation" ? Say.Text("Recommendation saved.") : Say.Format("Assessment for {0} recorded.", saved);
        return Page();
    }

    /// <summary>Staff only: the service refuses anyone else (403), and the form is shown to staff only.</summary>
    public async Task<IActionResult> OnPostAsync(string body, int number, string code, string party, string status, DateOnly? assessedOn, string? note, int version, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var result = await assessments.RecordAsync(User, body, number, code, party, status, assessedOn, note, version, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, code, saved = party });
        if (!await LoadAsync(body, number, code, ct)) return NotFound();
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    /// <summary>Staff edit the recommendation itself; every edit is a version.</summary>
    public async Task<IActionResult> OnPostEditAsync(string body, int number, string code, string? strength, string? party, string? chapter, string text, int version, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(body, number, code, ct)) return NotFound();
        var result = await editor.SaveAsync(User, Round, new Analysis.RecommendationInput(code, strength, party, chapter, Recommendation.Paragraphs, text, version), create: false, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, code, saved = "the recommendation" });
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    public int Version { get; private set; }

    /// <summary>The recommendation in the reader's language, when it is not English and a translation exists.</summary>
    public Translations.TranslationView? Translated { get; private set; }

    private async Task<bool> LoadAsync(string body, int number, string code, CancellationToken ct)
    {
        if (await assessments.FindAsync(body, number, code, ct) is not var (round, recommendation)) return false;
        (Round, Recommendation) = (round, recommendation);
        Version = await db.ContentVersions.Where(v => v.EntityType == Analysis.RecommendationEditor.EntityType && v.EntityId == recommendation.Id).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var language = Languages.Languages.Current;
        if (language != Languages.Languages.English)
            Translated = (await translations.ForAsync(language, [(Translations.TranslationTargets.Recommendation, recommendation.Id, recommendation.Text)], ct)).Values.FirstOrDefault();
        Scale = await db.Bodies.Where(b => b.Id == round.BodyId).Select(b => b.ComplianceScale).SingleAsync(ct);
        var parties = await assessments.PartiesOfAsync(recommendation, ct);
        var assessed = await assessments.OfAsync(recommendation, ct);
        var boxes = await db.Boxes.Where(b => b.Status == PublicationStatus.Published && b.Recommendations.Contains(code))
            .Join(db.Factsheets.Where(f => f.RoundId == round.Id && f.Status == PublicationStatus.Published), b => b.FactsheetId, f => f.Id, (b, f) => new { f.PartyId, Box = b })
            .ToListAsync(ct);
        Parties = parties.Select(p => new PartyEvidence(p,
            boxes.Where(b => b.PartyId == p.Id).Select(b => b.Box).OrderBy(b => b.Type == BoxType.ClarificationNote).ToList(),
            assessed.TryGetValue(p.Id, out var a) ? a.Current : null,
            assessed.TryGetValue(p.Id, out var h) ? h.History : [])).ToList();
        return true;
    }
}
