using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Core.Model;
using Rapporteur.Web;
using Factsheet = Rapporteur.Data.Entities.Factsheet;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Factsheets;

/// <summary>The Secretariat writes a Party's factsheet (draft or published): the Committee's paragraphs and
/// sub-headings around the recommendations and boxes, each change a version; then publishes it.</summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class EditModel(FactsheetEditor editor) : PageModel
{
    public Factsheet Factsheet { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string body, int number, string party, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(body, number, party, ct)) return NotFound();
        Message = done switch
        {
            "saved" => Say.Text("Saved."),
            "published" => Say.Text("The factsheet is published."),
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string body, int number, string party, int version, int block, string? text, CancellationToken ct) =>
        DoneAsync(body, number, party, editor.SaveBlockAsync(User, body, number, party, version, block, text, ct), ct);

    public Task<IActionResult> OnPostAddAsync(string body, int number, string party, int version, int chapter, int? after, BlockKind kind, string? text, CancellationToken ct) =>
        DoneAsync(body, number, party, editor.AddBlockAsync(User, body, number, party, version, chapter, after, kind, text, ct), ct);

    public Task<IActionResult> OnPostDeleteAsync(string body, int number, string party, int version, int block, CancellationToken ct) =>
        DoneAsync(body, number, party, editor.DeleteBlockAsync(User, body, number, party, version, block, ct), ct);

    public Task<IActionResult> OnPostMoveAsync(string body, int number, string party, int version, int block, int by, CancellationToken ct) =>
        DoneAsync(body, number, party, editor.MoveBlockAsync(User, body, number, party, version, block, by, ct), ct);

    public Task<IActionResult> OnPostPublishAsync(string body, int number, string party, int version, CancellationToken ct) =>
        DoneAsync(body, number, party, editor.PublishAsync(User, body, number, party, version, ct), ct, "published");

    private async Task<IActionResult> DoneAsync(string body, int number, string party, Task<EditResult> change, CancellationToken ct, string done = "saved")
    {
        var result = await change;
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, party, done });
        if (!await LoadAsync(body, number, party, ct)) return NotFound();
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<bool> LoadAsync(string body, int number, string party, CancellationToken ct)
    {
        var factsheet = await editor.FindAsync(body, number, party, ct);
        if (factsheet is null) return false;
        Factsheet = factsheet;
        return true;
    }
}
