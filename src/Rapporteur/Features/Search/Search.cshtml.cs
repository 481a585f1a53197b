using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Rapporteur.Data;
using Rapporteur.Data.Search;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Search;

/// <summary>/search: the results of the header's search box, with facets that narrow them and pages of 20.</summary>
public sealed class SearchModel(RapporteurDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Body { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? Party { get; set; }
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public string? Strength { get; set; }
    [BindProperty(SupportsGet = true)] public string? Addressee { get; set; }
    [BindProperty(SupportsGet = true)] public string? BoxType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Compliance { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public SearchResults? Results { get; private set; }
    public SearchRequest? Query { get; private set; }
    public string? Error { get; private set; }

    public SearchFilters Filters => new()
    {
        Type = Type, Body = Body, Round = Round, Party = Party, Section = Section, Strength = Strength, Addressee = Addressee,
        BoxType = BoxType, Compliance = Compliance, Language = Language, Tag = Tag,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (PageNumber < 1) PageNumber = 1;
        var (request, error) = SearchInput.Create(Q, Filters, (PageNumber - 1) * PageSize, PageSize);
        if (request is null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Query = request;
        // Nothing typed and nothing chosen: the page shows the box and how to use it, not the whole index.
        if (string.IsNullOrWhiteSpace(Q) && !Filters.Set().Any()) return Page();
        Results = await SearchEngine.SearchAsync(db, request, SearchInput.Viewer(User), cancellationToken);
        return Page();
    }

    /// <summary>This search with one filter set (or, with a null value, removed), from the first page.</summary>
    public string Link(string facet, string? value, int page = 1)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(Q)) query["q"] = Q;
        foreach (var (name, current) in Filters.Set()) query[name] = current;
        if (value is null) query.Remove(facet);
        else if (facet.Length > 0) query[facet] = value;
        if (page > 1) query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/search", query);
    }

    public static string FacetLabel(string facet) => facet switch
    {
        "type" => "Type",
        "body" => Say.Text("Treaty body"),
        "round" => "Round",
        "party" => "Party",
        "section" => Say.Text("Section or chapter"),
        "strength" => "Strength",
        "addressee" => Say.Text("Addressed to"),
        "boxType" => "Box",
        "compliance" => "Compliance",
        "language" => "Language",
        "tag" => "Tag",
        _ => facet,
    };

    public static string ValueLabel(string facet, string value) => (facet, value) switch
    {
        ("addressee", "all") => "all Parties",
        ("addressee", "party") => "one Party",
        ("boxType", "followUp") => "follow-up",
        ("boxType", "promisingPractice") => "promising practice",
        ("boxType", "clarificationNote") => "clarification note",
        ("language", "en") => "English",
        ("language", "fr") => "French",
        _ => value,
    };
}
