using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Analysis;

/// <summary>The rapporteur and the Committee draft the round's implementation report, chapter by chapter and
/// paragraph by paragraph, before adopting it.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DraftModel(ReportEditor editor) : PageModel
{
    public ReportEditor.Draft Draft { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string body, int number, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(body, number, ct)) return NotFound();
        Message = done == "saved" ? Say.Text("Saved.") : null;
        return Page();
    }

    public Task<IActionResult> OnPostAddChapterAsync(string body, int number, int version, string? chapterNumber, string? title, CancellationToken ct) =>
        DoneAsync(body, number, editor.AddChapterAsync(User, body, number, version, chapterNumber, title, ct), ct);

    public Task<IActionResult> OnPostEditChapterAsync(string body, int number, int version, int chapter, string? chapterNumber, string? title, CancellationToken ct) =>
        DoneAsync(body, number, editor.EditChapterAsync(User, body, number, version, chapter, chapterNumber, title, ct), ct);

    public Task<IActionResult> OnPostMoveChapterAsync(string body, int number, int version, int chapter, int by, CancellationToken ct) =>
        DoneAsync(body, number, editor.MoveChapterAsync(User, body, number, version, chapter, by, ct), ct);

    public Task<IActionResult> OnPostDeleteChapterAsync(string body, int number, int version, int chapter, CancellationToken ct) =>
        DoneAsync(body, number, editor.DeleteChapterAsync(User, body, number, version, chapter, ct), ct);

    public Task<IActionResult> OnPostAddParagraphAsync(string body, int number, int version, int chapter, int? after, string? text, CancellationToken ct) =>
        DoneAsync(body, number, editor.AddParagraphAsync(User, body, number, version, chapter, after, text, ct), ct);

    public Task<IActionResult> OnPostEditParagraphAsync(string body, int number, int version, int paragraph, string? text, CancellationToken ct) =>
        DoneAsync(body, number, editor.EditParagraphAsync(User, body, number, version, paragraph, text, ct), ct);

    public Task<IActionResult> OnPostMoveParagraphAsync(string body, int number, int version, int paragraph, int by, CancellationToken ct) =>
        DoneAsync(body, number, editor.MoveParagraphAsync(User, body, number, version, paragraph, by, ct), ct);

    public Task<IActionResult> OnPostDeleteParagraphAsync(string body, int number, int version, int paragraph, CancellationToken ct) =>
        DoneAsync(body, number, editor.DeleteParagraphAsync(User, body, number, version, paragraph, ct), ct);

    private async Task<IActionResult> DoneAsync(string body, int number, Task<EditResult> change, CancellationToken ct)
    {
        var result = await change;
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, done = "saved" });
        if (!await LoadAsync(body, number, ct)) return NotFound();
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<bool> LoadAsync(string body, int number, CancellationToken ct)
    {
        if (await editor.FindAsync(body, number, ct) is not { } draft) return false;
        Draft = draft;
        return true;
    }
}
