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
        var items = new List<(string Group, string Kind, int Id, string Label, string Source)>();
        foreach (var q in await db.Questions.Where(q => q.RoundId == round.Id).OrderBy(q => q.Order).ToListAsync(ct))
            items.Add(("Questionnaire", TranslationTargets.Question, q.Id, q.Number, q.Text));
        var recommendations = await db.Recommendations.Where(r => r.RoundId == round.Id).ToListAsync(ct);
        foreach (var r in recommendations.OrderBy(r => r.Code, RecommendationCodeComparer.Instance))
            items.Add(("Recommendations", TranslationTargets.Recommendation, r.Id, r.Code, r.Text));
        var factsheets = await db.Factsheets.Where(f => f.RoundId == round.Id).Include(f => f.Party)
            .Include(f => f.Chapters.OrderBy(c => c.Order)).ThenInclude(c => c.Blocks.OrderBy(b => b.Order)).ThenInclude(b => b.Box)
            .AsSplitQuery().ToListAsync(ct);
        foreach (var f in factsheets.OrderBy(f => f.Party!.Name, StringComparer.Ordinal))
        {
            var group = "Factsheet " + f.Party!.Name;
            foreach (var c in f.Chapters)
            {
                items.Add((group, TranslationTargets.Chapter, c.Id, c.Number, c.Title));
                foreach (var b in c.Blocks)
                {
                    if (b.Box is { } box) items.Add((group, TranslationTargets.Box, box.Id, c.Number, box.Text));
                    else items.Add((group, TranslationTargets.Block, b.Id, c.Number, b.Text));
                }
            }
        }
        var found = await store.ForAsync(Languages.Languages.French, items.Select(i => (i.Kind, i.Id, i.Source)), ct);
        Rows = items.Select(i =>
        {
            var t = found.GetValueOrDefault((i.Kind, i.Id));
            return new Row(i.Group, i.Kind, i.Id, i.Label, i.Source, t?.Translation.Text, t is null ? State.Missing : t.Outdated ? State.Outdated : State.Current);
        }).Where(r => Only is null || r.State == Only).ToList();
        return Page();
    }
}
