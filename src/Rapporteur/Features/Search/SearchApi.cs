using Microsoft.AspNetCore.Http.HttpResults;
using Rapporteur.Data;
using Rapporteur.Data.Search;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Search;

/// <summary>GET /api/v1/search: the caller's visibility applies (anonymous: the public site; a focal point: its own
/// Party's drafts too; staff: everything), to the results, the total and the facets alike.</summary>
public static class SearchApi
{
    /// <summary>One result; <c>snippet</c> is an HTML fragment: the text escaped, the matches in &lt;mark&gt;.</summary>
    public sealed record SearchResultItem(string Type, string Id, string? Party, int Round, string Title, string Snippet, string Url, string Language = "en");

    public sealed record FacetCount(string Value, int Count);

    /// <summary><c>total</c> is exact unless <c>totalIsLowerBound</c> ("at least", when counting stopped at
    /// <see cref="SearchEngine.CountLimit"/>); <c>rankedOver</c>, when set, says that the ranking and the facet counts are
    /// those of that many newest matches (null: of all of them).</summary>
    public sealed record SearchResponse(int Total, bool TotalIsLowerBound, int? RankedOver, int Offset, int Limit, IReadOnlyList<SearchResultItem> Results, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/search", Search).WithTags("Search").WithName("Search")
            .WithSummary("Full-text search over questions, answers, recommendations, report paragraphs, boxes, factsheet text, footnotes and comments")
            .WithDescription("q: words (all required), \"phrases\", prefix*, OR between terms, -excluded. Filters: body, round, party, section, strength, addressee (party|all), type, boxType, compliance, language, tag (an accepted tag: vocabulary:code or code). Paging: offset, limit (1-100, default 20).");
        return api;
    }

    internal static SearchResponse ToResponse(SearchResults results, SearchRequest request) => new(
        results.Total, results.TotalIsLowerBound, results.RankedOver, request.Offset, request.Limit,
        [.. results.Hits.Select(h => new SearchResultItem(h.Type, h.Id, h.Party, h.Round, h.Title, SearchSnippet.ToHtml(h.Snippet), h.Url, h.Language))],
        results.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetCount>)[.. f.Value.Select(v => new FacetCount(v.Value, v.Count))], StringComparer.Ordinal));

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(HttpContext http, RapporteurDbContext db,
        string? q, string? body, int? round, string? party, string? section, string? strength, string? addressee, string? type, string? boxType,
        string? compliance, string? language, string? tag, int? offset, int? limit, CancellationToken ct)
    {
        var filters = new SearchFilters
        {
            Body = body, Round = round, Party = party, Section = section, Strength = strength, Addressee = addressee, Type = type,
            BoxType = boxType, Compliance = compliance, Language = language, Tag = tag,
        };
        var (request, error) = SearchInput.Create(q, filters, offset, limit);
        if (request is null) return TypedResults.Problem(title: Say.Text("Invalid search"), detail: error, statusCode: StatusCodes.Status400BadRequest);
        var results = await SearchEngine.SearchAsync(db, request, SearchInput.Viewer(http.User), ct);
        return TypedResults.Ok(ToResponse(results, request));
    }
}
