using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Web;

namespace Rapporteur.Features.Tags;

/// <summary>What the tags panel shows: the tags (staff see suggestions), and for staff the terms they may add.</summary>
public sealed record TagsPanel(string Kind, int Id, IReadOnlyList<TagView> Tags, IReadOnlyList<(string Vocabulary, IReadOnlyList<Term> Terms)> Terms, bool Staff, string ReturnUrl);

/// <summary>The tags of a recommendation, question or reply, on that item's own page: <c>@await Component.InvokeAsync("Tags", new { kind, id })</c>.
/// Its forms post to the tags page (<see cref="ItemModel"/>), which returns here.</summary>
public sealed class TagsViewComponent(Tagger tagger, RapporteurDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(TagTarget kind, int id)
    {
        var staff = UserClaimsPrincipal.IsStaff();
        var tags = await tagger.ListAsync(kind, id, HttpContext.RequestAborted);
        if (!staff) tags = tags.Where(t => t.State == "accepted").ToList();
        var terms = new List<(string, IReadOnlyList<Term>)>();
        if (staff && await tagger.FindTargetAsync(kind, id, HttpContext.RequestAborted) is { } target)
        {
            // Untracked: the labels are put in the reader's language below, never saved.
            var vocabularies = await db.Vocabularies.Where(v => v.BodyId == target.BodyId).Include(v => v.Terms).AsSplitQuery().AsNoTracking().ToListAsync(HttpContext.RequestAborted);
            terms.AddRange(vocabularies.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, (IReadOnlyList<Term>)v.Terms.OrderBy(t => t.Id).ToList())));
        }
        if (await TermLabels.ForReaderAsync(db, Languages.Languages.Current, HttpContext.RequestAborted) is { Count: > 0 } labels)
        {
            tags = [.. tags.Select(t => labels.TryGetValue((t.Vocabulary, t.Code), out var label) ? t with { Label = label } : t)];
            foreach (var (vocabulary, list) in terms)
                foreach (var term in list)
                    if (labels.TryGetValue((vocabulary, term.Code), out var label)) term.Label = label;
        }
        var here = HttpContext.Request.Path + HttpContext.Request.QueryString;
        return View("/Features/Tags/_TagsPanel.cshtml", new TagsPanel(Tagger.KindName(kind), id, tags, terms, staff, here));
    }
}
