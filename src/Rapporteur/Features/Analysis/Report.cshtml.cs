using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Analysis;

/// <summary>The round's implementation report: its recommendations (drafted here by the staff), its adoption, and the
/// factsheets generated from it per Party. The public sees it once adopted.</summary>
public sealed class ReportModel(RapporteurDbContext db, RecommendationEditor editor) : PageModel
{
    public sealed record FactsheetRow(string Party, PublicationStatus? Status);

    public Round Round { get; private set; } = null!;
    public Report Report { get; private set; } = null!;
    public IReadOnlyList<Recommendation> Recommendations { get; private set; } = [];
    public IReadOnlyList<string> Strengths { get; private set; } = [];
    public IReadOnlyList<FactsheetRow> Factsheets { get; private set; } = [];
    public bool Staff { get; private set; }
    public bool Secretariat { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string body, int number, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(body, number, ct)) return NotFound();
        Message = done;
        return Page();
    }

    public async Task<IActionResult> OnPostRecommendationAsync(string body, int number, string code, string? strength, string? party, string? chapter, string? paragraphs, string text, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(body, number, ct)) return NotFound();
        var numbers = (paragraphs ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        var parsed = numbers.Select(n => int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1).ToList();
        if (parsed.Any(p => p < 1)) return Refused(new(EditOutcome.Invalid, 0, Say.Text("Paragraphs are numbers separated by commas, like 67, 68.")));
        return await Done(await editor.SaveAsync(User, Round, new RecommendationInput(code, strength, party, chapter, parsed, text), create: true, ct), body, number, Say.Format("Recommendation {0} added.", code));
    }

    public async Task<IActionResult> OnPostAdoptAsync(string body, int number, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(body, number, ct)) return NotFound();
        return await Done(await editor.AdoptAsync(User, Round, ct), body, number, Say.Text("The report is adopted and public."));
    }

    public async Task<IActionResult> OnPostFactsheetAsync(string body, int number, string party, bool publish, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(body, number, ct)) return NotFound();
        var result = publish ? await editor.PublishFactsheetAsync(User, Round, party, ct) : await editor.GenerateFactsheetAsync(User, Round, party, ct);
        return await Done(result, body, number, publish ? Say.Format("The factsheet of {0} is published.", party) : Say.Format("A draft factsheet for {0} was generated from the report.", party));
    }

    private Task<IActionResult> Done(EditResult result, string body, int number, string message) =>
        Task.FromResult<IActionResult>(result.Outcome == EditOutcome.Saved ? Redirect($"/rounds/{body}/{number}/report?done={Uri.EscapeDataString(message)}") : Refused(result));

    private PageResult Refused(EditResult result)
    {
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<bool> LoadAsync(string body, int number, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        Staff = User.IsStaff();
        Secretariat = RoundAdmin.CanManage(User);
        if (round is null || (round.Status == RoundStatus.Draft && !Staff)) return false;
        Round = round;
        Report = await editor.ReportAsync(round, ct);
        Recommendations = (await db.Recommendations.Where(r => r.RoundId == round.Id).Include(r => r.Party).ToListAsync(ct))
            .OrderBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        Strengths = await db.Set<Strength>().Where(s => s.BodyId == round.BodyId).OrderBy(s => s.Rank).Select(s => s.Key).ToListAsync(ct);
        var factsheets = await db.Factsheets.Where(f => f.RoundId == round.Id).ToDictionaryAsync(f => f.PartyId, f => f.Status, ct);
        Factsheets = (await db.Parties.OrderBy(p => p.Name).ToListAsync(ct)).Select(p => new FactsheetRow(p.Name, factsheets.TryGetValue(p.Id, out var s) ? s : null)).ToList();
        return true;
    }
}
