using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;

namespace Rapporteur.Features.Compliance;

/// <summary>The compliance matrix of a round, filtered by plain GET parameters (works without JavaScript).</summary>
public sealed class MatrixModel(RapporteurDbContext db) : PageModel
{
    public Round Round { get; private set; } = null!;
    public Matrix Matrix { get; private set; } = new([], [], []);
    public IReadOnlyList<string> Chapters { get; private set; } = [];
    public IReadOnlyList<string> Strengths { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Chapter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Strength { get; set; }
    [BindProperty(SupportsGet = true)] public AddresseeKind? Addressee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Party { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    public IReadOnlyList<string> Tags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string body, int number, CancellationToken cancellationToken)
    {
        var round = await RoundQueries.FindAsync(db, body, number, cancellationToken);
        if (round is null) return NotFound();
        Round = round;
        Matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(Chapter, Strength, Addressee, Status, Party, Tag), cancellationToken);
        Tags = await Rapporteur.Features.Tags.TagQueries.InRoundAsync(db, round.Id, cancellationToken);
        Chapters = (await db.Recommendations.Where(r => r.RoundId == round.Id && r.Chapter != null).Select(r => r.Chapter!).Distinct().ToListAsync(cancellationToken))
            .OrderBy(Roman.ToInt).ToList();
        Strengths = await db.Set<Data.Entities.Strength>().Where(s => s.BodyId == round.BodyId).OrderBy(s => s.Rank).Select(s => s.Key).ToListAsync(cancellationToken);
        return Page();
    }
}
