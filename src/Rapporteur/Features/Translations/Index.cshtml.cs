using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;

namespace Rapporteur.Features.Translations;

/// <summary>Every translatable piece of a round (questions, recommendations, factsheets' chapter titles, paragraphs
/// and boxes) beside its French version: missing, up to date or outdated, each with a link to the editor.</summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class IndexModel(TranslationStore store, RapporteurDbContext db) : PageModel
{
    public enum State
    {
        Missing,
        Current,
        Outdated,
    }

    public sealed record Row(string Group, string Kind, int Id, string Label, string Source, string? Translation, State State);

    public Round Round { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public State? Only { get; private set; }

    public async Task<IActionResult> OnGetAsync(string body, int number, string? state, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return NotFound();
        Round = round;
        Only = Enum.TryParse<State>(state, ignoreCase: true, out var only) ? only : null;
        var items = await store.PiecesAsync(round.Id, ct);
        var found = await store.ForAsync(Languages.Languages.French, items.Select(i => (i.Kind, i.Id, i.Source)), ct);
        Rows = items.Select(i =>
        {
            var t = found.GetValueOrDefault((i.Kind, i.Id));
            return new Row(i.Group, i.Kind, i.Id, i.Label, i.Source, t?.Translation.Text, t is null ? State.Missing : t.Outdated ? State.Outdated : State.Current);
        }).Where(r => Only is null || r.State == Only).ToList();
        return Page();
    }
}
