using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Translations;

/// <summary>The side-by-side editor (Secretariat): the English source on the left, the French translation on the
/// right; when the source has changed since the translation was made, the translation is marked outdated and a word
/// diff shows what changed in the source. Every save is a version (see /history/translation/{id}).</summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class EditModel(TranslationStore store, RapporteurDbContext db) : PageModel
{
    public TranslationSource Source { get; private set; } = null!;
    public Round Round { get; private set; } = null!;
    public Translation? Translation { get; private set; }
    public string Language { get; private set; } = Languages.Languages.French;
    public bool Outdated { get; private set; }
    public IReadOnlyList<DiffLine> SourceDiff { get; private set; } = [];
    public string Draft { get; private set; } = "";
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, int id, string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        if (saved is not null) Message = Say.Text("Translation saved.");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int id, string? text, int version, CancellationToken ct)
    {
        var result = await store.SaveAsync(kind, id, Language, text, version, User, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { kind, id, saved = "1" });
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        Error = result.Message;
        Draft = text ?? "";
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    private async Task<bool> LoadAsync(string kind, int id, CancellationToken ct)
    {
        if (!TranslationTargets.IsKind(kind) || await store.SourceAsync(kind, id, ct) is not { } source) return false;
        Source = source;
        Round = await db.Rounds.Include(r => r.Body).SingleAsync(r => r.Id == source.RoundId, ct);
        Translation = await store.FindAsync(kind, id, Language, ct);
        Draft = Translation?.Text ?? "";
        if (Translation is not null && !string.Equals(Translation.SourceHash, TranslationStore.Hash(source.Text), StringComparison.Ordinal))
        {
            Outdated = true;
            SourceDiff = TranslationStore.WordDiff(Translation.SourceText, source.Text);
        }
        return true;
    }
}
