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

    /// <summary>The language the recommendations' text is shown in (<c>?Language=fr</c>); the reader's by default.</summary>
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }

    /// <summary><c>only</c>: only the recommendations available in <see cref="Language"/> (written in it, or translated and up to date).</summary>
    [BindProperty(SupportsGet = true)] public string? Translated { get; set; }

    /// <summary>The language in effect: <see cref="Language"/> when it is one the matrix has, else the reader's.</summary>
    public string ShownLanguage { get; private set; } = Languages.Languages.English;

    public bool TranslatedOnly => string.Equals(Translated, MatrixLanguage.Only, StringComparison.OrdinalIgnoreCase);

    /// <summary>The export's query for a download link: the matrix's filters, and for the matrix (and, with
    /// <c>translated=only</c>, the recommendations) the language; the assessments have no text to put in a language.</summary>
    public string ExportQuery(string dataset)
    {
        var matrix = dataset == "matrix";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", new Dictionary<string, string?>
        {
            ["body"] = Round.Body!.ShortName, ["round"] = Round.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["chapter"] = Chapter, ["strength"] = Strength, ["addressee"] = Addressee?.ToString().ToLowerInvariant(),
            ["status"] = Status, ["party"] = Party, ["tag"] = Tag,
            // English is how the recommendations are written: an English link stays as it always was.
            ["language"] = (matrix && ShownLanguage != Languages.Languages.English) || (dataset == "recommendations" && TranslatedOnly) ? ShownLanguage : null,
            ["translated"] = matrix && TranslatedOnly ? MatrixLanguage.Only : null,
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    /// <summary>Above this many cells the page shows one chapter at a time (the first unless one is chosen); a 48 × 300
    /// matrix is 14,400 cells, megabytes of HTML that take seconds to lay out. <c>?All=true</c> shows everything.</summary>
    public const int ChapterPagingAboveCells = 2500;

    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    /// <summary>The rows on the page: every row, or those of <see cref="PagedChapter"/>.</summary>
    public IReadOnlyList<MatrixRow> Shown { get; private set; } = [];

    /// <summary>The chapter shown when the matrix is shown one chapter at a time; null when every row is.</summary>
    public string? PagedChapter { get; private set; }

    /// <summary>The matrix's rows per chapter, in order, for the chapter links of a paged matrix.</summary>
    public IReadOnlyList<(string Chapter, int Rows)> RowsPerChapter { get; private set; } = [];

    /// <summary>This page with another chapter (or the whole matrix), the other filters kept.</summary>
    public string ChapterLink(string? chapter, bool all)
    {
        var query = Request.Query.Where(q => q.Key is not ("Chapter" or "All" or "culture"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        if (chapter is not null) query.Add(new("Chapter", chapter));
        if (all) query.Add(new("All", "true"));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.PathBase + Request.Path, query);
    }

    public async Task<IActionResult> OnGetAsync(string body, int number, CancellationToken cancellationToken)
    {
        var round = await RoundQueries.FindAsync(db, body, number, cancellationToken);
        if (round is null) return NotFound();
        Round = round;
        ShownLanguage = MatrixLanguage.Normalise(Language) ?? MatrixLanguage.Normalise(Languages.Languages.Current) ?? Languages.Languages.English;
        Matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(Chapter, Strength, Addressee, Status, Party, Tag, ShownLanguage, TranslatedOnly), cancellationToken);
        Tags = await Rapporteur.Features.Tags.TagQueries.InRoundAsync(db, round.Id, cancellationToken);
        Chapters = (await db.Recommendations.Where(r => r.RoundId == round.Id && r.Chapter != null).Select(r => r.Chapter!).Distinct().ToListAsync(cancellationToken))
            .OrderBy(Roman.ToInt).ToList();
        Strengths = await db.Set<Data.Entities.Strength>().Where(s => s.BodyId == round.BodyId).OrderBy(s => s.Rank).Select(s => s.Key).ToListAsync(cancellationToken);
        Shown = Matrix.Rows;
        var cells = Matrix.Rows.Count * Matrix.Parties.Count;
        if (!All && Chapter is null && cells > ChapterPagingAboveCells && Matrix.Rows.All(r => r.Chapter is not null))
        {
            RowsPerChapter = Matrix.Rows.GroupBy(r => r.Chapter!, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count())).OrderBy(g => Roman.ToInt(g.Key)).ToList();
            if (RowsPerChapter.Count > 1)
            {
                PagedChapter = RowsPerChapter[0].Chapter;
                Shown = Matrix.Rows.Where(r => string.Equals(r.Chapter, PagedChapter, StringComparison.Ordinal)).ToList();
            }
        }
        return Page();
    }
}
