using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Data.Entities;
using Rapporteur.Web;

namespace Rapporteur.Features.Comments;

/// <summary>The Secretariat's moderation queue.</summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class ModerateModel(CommentBoard board) : PageModel
{
    public IReadOnlyList<Comment> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Pending = await board.PendingAsync(ct);

    public async Task<IActionResult> OnPostAsync(int id, bool approve, CancellationToken ct)
    {
        var result = await board.ModerateAsync(User, id, approve, ct);
        return result.Outcome == EditOutcome.Saved ? RedirectToPage() : NotFound();
    }
}
