using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;

namespace Rapporteur.Features.Replies;

/// <summary>Every version of a reply (who, when, what), a diff of any two, and restoring an old one as a new version.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HistoryModel(ReplyEditor editor) : PageModel
{
    public Round Round { get; private set; } = null!;
    public Party Party { get; private set; } = null!;
    public IReadOnlyList<ContentVersion> Versions { get; private set; } = [];
    public IReadOnlyList<DiffLine>? Diff { get; private set; }
    public int From { get; private set; }
    public int To { get; private set; }
    public bool CanRestore { get; private set; }
    public int CurrentVersion { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string body, int number, string party, int? from, int? to, CancellationToken ct)
    {
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        if (Versions.Count == 0) return Page();
        To = to ?? Versions[0].Version;
        From = from ?? Math.Max(1, To - 1);
        var a = Versions.FirstOrDefault(v => v.Version == From);
        var b = Versions.FirstOrDefault(v => v.Version == To);
        if (a is null || b is null) return NotFound();
        Diff = TextDiff.Lines(Lines(a), Lines(b));
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string body, int number, string party, int version, int current, CancellationToken ct)
    {
        var result = await editor.RestoreAsync(User, body, number, party, version, current, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage("Edit", new { body, number, party, saved = "draft" });
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string body, int number, string party, CancellationToken ct)
    {
        var found = await editor.FindAsync(body, number, party, ct);
        if (found is not var (round, stored, reply) || reply is null) return NotFound();
        // The history shows drafts: only the Party's focal point and the staff see it.
        if (!User.IsStaff() && !ReplyEditor.CanEdit(User, stored)) return Forbid();
        (Round, Party, CurrentVersion) = (round, stored, reply.Version);
        CanRestore = ReplyEditor.CanEdit(User, stored) && reply.Status != Core.Model.ReplyStatus.Submitted;
        Versions = await editor.HistoryAsync(reply, ct);
        return null;
    }

    private static List<string> Lines(ContentVersion v) => AuditLog.Read<ReplySnapshot>(v)?.Lines().ToList() ?? [];
}
