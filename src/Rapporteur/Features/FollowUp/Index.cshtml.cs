using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Core.Model;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.FollowUp;

/// <summary>A Party's follow-up in the compliance procedure: per recommendation, its boxes (published and waiting),
/// a form to report follow-up actions or a promising practice, and for the Secretariat clarification notes and publishing.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(BoxEditor editor) : PageModel
{
    public BoxEditor.PartyFollowUp Data { get; private set; } = null!;
    public bool CanPropose { get; private set; }
    public bool CanPublish { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string body, int number, string party, string? done, CancellationToken ct)
    {
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        Message = done switch { "sent" => Say.Text("Sent to the Secretariat: it appears in the factsheet once published."), "published" => Say.Text("Published in the factsheet."), "edited" => Say.Text("Box saved."), _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string body, int number, string party, string recommendation, BoxType type, string? text, CancellationToken ct)
    {
        var result = await editor.ProposeAsync(User, body, number, party, recommendation, type, text, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, party, done = "sent" });
        return await Refused(body, number, party, result, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(string body, int number, string party, int box, CancellationToken ct)
    {
        var result = await editor.PublishAsync(User, box, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, party, done = "published" });
        return await Refused(body, number, party, result, ct);
    }

    public async Task<IActionResult> OnPostEditAsync(string body, int number, string party, int box, int version, string? text, CancellationToken ct)
    {
        var result = await editor.EditAsync(User, box, text, version, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, party, done = "edited" });
        return await Refused(body, number, party, result, ct);
    }

    private async Task<IActionResult> Refused(string body, int number, string party, EditResult result, CancellationToken ct)
    {
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string body, int number, string party, CancellationToken ct)
    {
        if (await editor.FindAsync(body, number, party, ct) is not { } data) return NotFound();
        // Waiting boxes are the Party's and the staff's business only.
        if (!User.IsStaff() && User.PartyId() != data.Party.Id) return Forbid();
        Data = data;
        CanPropose = BoxEditor.CanPropose(User, data.Party);
        CanPublish = BoxEditor.CanPublish(User);
        return null;
    }
}
