using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Tags;

/// <summary>The tags of one recommendation, question or reply (a question's page is this one). Staff add tags by
/// hand, accept or reject suggestions, and ask for suggestions; each form returns to the page it came from.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ItemModel(Tagger tagger) : PageModel
{
    public TagTargetInfo Target { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, int id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        Message = done;
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string kind, int id, string? term, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        var parts = (term ?? "").Split(':', 2);
        var (result, _) = parts.Length == 2 ? await tagger.AddAsync(User, Target.Kind, id, parts[0], parts[1], ct) : (new EditResult(EditOutcome.Invalid, 0, "choose a term"), null);
        return Done(result, returnUrl, Say.Text("Tag added."));
    }

    public async Task<IActionResult> OnPostDecideAsync(string kind, int id, int tag, string? decision, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        if (decision is not ("accept" or "reject")) return Done(new EditResult(EditOutcome.Invalid, 0, "decision must be accept or reject"), returnUrl, "");
        // The form names this item's tag; a tag of another item is not decided from here.
        if ((await tagger.ListAsync(Target.Kind, id, ct)).All(t => t.Id != tag)) return Done(new EditResult(EditOutcome.NotFound, 0, Say.Format("{0} has no tag {1}", Target.Title, tag)), returnUrl, "");
        var (result, _) = await tagger.DecideAsync(User, tag, decision == "accept", ct);
        return Done(result, returnUrl, decision == "accept" ? Say.Text("Tag accepted.") : Say.Text("Tag rejected."));
    }

    public async Task<IActionResult> OnPostSuggestAsync(string kind, int id, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        var added = await tagger.SuggestAsync(User, [(Target.Kind, id)], ct);
        return Done(new EditResult(EditOutcome.Saved, 0), returnUrl, added == 0 ? Say.Text("No new suggestions.") : Say.Format("{0} suggestions to confirm.", added));
    }

    private IActionResult Done(EditResult result, string? returnUrl, string message)
    {
        if (result.Outcome != EditOutcome.Saved)
        {
            Error = result.Message;
            Response.StatusCode = result.StatusCode();
            return Page();
        }
        if (returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl)) return LocalRedirect(returnUrl + "#tags-" + Tagger.KindName(Target.Kind) + "-" + Target.Id);
        return RedirectToPage(new { kind = Tagger.KindName(Target.Kind), id = Target.Id, done = message });
    }

    private async Task<bool> LoadAsync(string kind, int id, CancellationToken ct)
    {
        if (!Tagger.TryParseKind(kind, out var k) || await tagger.FindTargetAsync(k, id, ct) is not { } target) return false;
        Target = target;
        return true;
    }
}
