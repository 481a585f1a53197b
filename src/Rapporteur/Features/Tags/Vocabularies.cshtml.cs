using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Web;

namespace Rapporteur.Features.Tags;

/// <summary>The Secretariat's view of the vocabularies: each body's vocabularies, their terms as a tree, and how many
/// accepted and waiting tags each term has. Vocabularies are loaded with <c>rapporteur vocab import</c>.</summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class VocabulariesModel(RapporteurDbContext db) : PageModel
{
    public IReadOnlyList<Vocabulary> Vocabularies { get; private set; } = [];
    public IReadOnlyDictionary<(int Term, TagState State), int> Counts { get; private set; } = new Dictionary<(int, TagState), int>();

    /// <summary>The other languages of the interface, each a column of labels.</summary>
    public IReadOnlyList<string> OtherLanguages { get; } = [.. Languages.Languages.Supported.Where(l => l != Languages.Languages.English)];

    /// <summary>Each term's label in each other language, from the vocabulary's CSV (<c>label_fr</c>).</summary>
    public IReadOnlyDictionary<(int Term, string Language), TermLabel> Labels { get; private set; } = new Dictionary<(int, string), TermLabel>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Vocabularies = await db.Vocabularies.Include(v => v.Body).Include(v => v.Terms).AsSplitQuery().OrderBy(v => v.BodyId).ThenBy(v => v.Key).ToListAsync(ct);
        Counts = (await db.Taggings.GroupBy(t => new { t.TermId, t.State }).Select(g => new { g.Key.TermId, g.Key.State, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => (x.TermId, x.State), x => x.Count);
        var labels = new Dictionary<(int, string), TermLabel>();
        foreach (var language in OtherLanguages)
            foreach (var label in await TermLabels.AllAsync(db, language, ct)) labels[(label.TermId, language)] = label;
        Labels = labels;
    }
}
