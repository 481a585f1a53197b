using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Import;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Rounds;

/// <summary>The Secretariat's page for one round: its settings and deadlines, its questionnaire, opening and closing.
/// With no round yet (<c>/rounds/new</c>) it creates one.</summary>
[Authorize(Policy = Policies.Secretariat)]
[RequestSizeLimit(20 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 20 * 1024 * 1024)]
public sealed class ManageModel(RapporteurDbContext db, RoundAdmin admin) : PageModel
{
    public Round? Round { get; private set; }
    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public IReadOnlyList<string> Bodies { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<ParseWarning> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? body, int? number, string? done, CancellationToken ct)
    {
        if (await LoadAsync(body, number, ct) is { } missing) return missing;
        Message = done;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? body, int? number, RoundInput input, CancellationToken ct)
    {
        if (await LoadAsync(body, number, ct) is { } missing) return missing;
        var result = Round is null ? await admin.CreateAsync(User, input, ct) : await admin.UpdateAsync(User, Round, input with { Body = Round.Body!.ShortName, Number = Round.Number }, ct);
        if (result.Outcome == EditOutcome.Saved)
            return Redirect($"/rounds/{Uri.EscapeDataString(input.Body ?? Round!.Body!.ShortName)}/{(Round?.Number ?? input.Number)}/manage?done=Saved.");
        return Refused(result);
    }

    public async Task<IActionResult> OnPostQuestionAsync(string body, int number, string section, string questionNumber, string text, string? items, string? prompts, CancellationToken ct)
    {
        if (await LoadAsync(body, number, ct) is { } missing || Round is null) return NotFound();
        var result = await admin.AddQuestionAsync(User, Round, new QuestionInput(section, questionNumber, text, Lines(items), Lines(prompts)), ct);
        if (result.Outcome == EditOutcome.Saved) return Redirect($"/rounds/{body}/{number}/manage?done={Uri.EscapeDataString(Say.Format("Question {0} added.", questionNumber))}#questionnaire");
        return Refused(result);
    }

    public async Task<IActionResult> OnPostImportAsync(string body, int number, IFormFile? document, CancellationToken ct)
    {
        if (await LoadAsync(body, number, ct) is { } missing || Round is null) return NotFound();
        if (document is null || document.Length == 0) return Refused(new(EditOutcome.Invalid, 0, Say.Text("Choose a document to import.")));
        await using var stream = document.OpenReadStream();
        var (result, warnings) = await admin.ImportQuestionnaireAsync(User, Round, stream, Path.GetFileName(document.FileName), ct);
        await LoadAsync(body, number, ct);
        Warnings = warnings;
        if (result.Outcome != EditOutcome.Saved) return Refused(result);
        Message = result.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(string body, int number, RoundStatus status, CancellationToken ct)
    {
        if (await LoadAsync(body, number, ct) is { } missing || Round is null) return NotFound();
        var result = await admin.SetStatusAsync(User, Round, status, ct);
        if (result.Outcome == EditOutcome.Saved) return Redirect($"/rounds/{body}/{number}/manage?done=The round is now {status.ToString().ToLowerInvariant()}.");
        return Refused(result);
    }

    private PageResult Refused(EditResult result)
    {
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string? body, int? number, CancellationToken ct)
    {
        Bodies = await db.Bodies.OrderBy(b => b.ShortName).Select(b => b.ShortName).ToListAsync(ct);
        if (body is null || number is null) return null;
        Round = await RoundQueries.FindAsync(db, body, number.Value, ct);
        if (Round is null) return NotFound();
        Sections = await db.Sections.Where(s => s.RoundId == Round.Id).OrderBy(s => s.Order)
            .Include(s => s.Questions.OrderBy(q => q.Order)).ThenInclude(q => q.Items).AsSplitQuery().ToListAsync(ct);
        return null;
    }

    private static List<string> Lines(string? text) => (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
