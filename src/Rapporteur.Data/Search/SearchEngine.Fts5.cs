using System.Data.Common;
using System.Globalization;

namespace Rapporteur.Data.Search;

public static partial class SearchEngine
{
    /// <summary>
    /// SQLite, when every condition is a token of the index (words, Party, type, round, language; visibility as the
    /// documents to take away): two statements, whatever the size of the index.
    /// <list type="number">
    /// <item>One statement, two walks of FTS5's matches: one counts them up to <see cref="CountLimit"/> without
    /// reading a row or calling a function; the other takes the newest <see cref="RankWindow"/>, which
    /// <see cref="Fts5Rank"/> scores and whose facet values <see cref="WindowFacets"/> counts from their rows (joined by
    /// id) as SQLite reads them. Both functions hand what they found to .NET themselves: a row per match would cost
    /// more than the walk, a string of the scores 0.2 ms to write and parse, a statement of its own for the facets
    /// 0.2-0.3 ms to prepare and run. Counting in the ranking walk (the rank function called on every match and told
    /// to stop scoring) cost about 0.5 ms more per query at 1 M paragraphs: a call into .NET per counted match.</item>
    /// <item>The page's rows and snippets, by id.</item>
    /// </list>
    /// </summary>
    private static async Task<SearchResults> Fts5PassAsync(DbConnection connection, DbTransaction? transaction, SearchRequest request,
        SearchViewer viewer, List<string> tokens, CancellationToken ct)
    {
        var parameters = new List<(string Name, object? Value, System.Data.DbType Type)>();
        Fts5Dialect.Instance.MatchFrom(request.Query, tokens, [], parameters, await SearchWords.ExpandAsync(connection, transaction, request.Query, ct));
        var match = (string)parameters.Single(p => p.Name == "match").Value!;
        // Paging deeper than the count limit finds nothing (as in web search engines): the window never grows past it.
        var window = Math.Min(Math.Max(RankWindow, request.Offset + request.Limit), CountLimit);
        var limit = Math.Max(CountLimit, window);

        int total;
        var scored = new List<(int Id, double Score)>(Math.Min(window, 1024));
        var counts = new FacetCounts();
        var concerned = new List<int>();
        using (var collection = Fts5Rank.Collect(scored))
        using (var gathering = WindowFacets.Gather())
        await using (var pass = SearchIndexer.Command(connection, transaction,
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @match LIMIT @count)), "
            + "(SELECT count(s) + count(f) FROM ("
            + $"SELECT {Fts5Rank.Name}(\"SearchIndex\", (SELECT max(\"Id\") FROM \"SearchDocuments\"), @window, 2.0, 1.0, 0.0, @filters, @collection, @weigh) AS s, "
            + $"{WindowFacets.Call("d", "gathering")} AS f "
            + "FROM \"SearchIndex\" JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchIndex\".rowid "
            + "WHERE \"SearchIndex\" MATCH @match ORDER BY \"SearchIndex\".rowid DESC LIMIT @window))"))
        {
            var exclusion = VisibilityExclusion(viewer);
            SearchIndexer.Add(pass, "match", "(" + match + ")" + exclusion);
            SearchIndexer.Add(pass, "filters", FilterPhrases(string.Concat(tokens) + exclusion));
            SearchIndexer.Add(pass, "collection", collection.Id);
            SearchIndexer.Add(pass, "gathering", gathering.Id);
            // One term typed (a word, a phrase, or a prefix that stands for several words): nothing to weigh one word
            // against another by; a prefix's words then score alike, as in Lucene's prefix query.
            var query = request.Query;
            SearchIndexer.Add(pass, "weigh", query.Required.Count > 1 || query.Required.Any(g => g.Count > 1) ? 1 : 0);
            SearchIndexer.Add(pass, "window", window);
            SearchIndexer.Add(pass, "count", limit + 1);
            total = Convert.ToInt32(await pass.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            gathering.CopyTo(counts, concerned);
        }
        var lowerBound = total > limit;
        if (lowerBound) total = limit;
        var complete = total <= window;

        // Best first (lowest score), then oldest first among equals: a stable order for paging.
        var page = scored.OrderBy(c => c.Score).ThenBy(c => c.Id).Skip(request.Offset).Take(request.Limit).Select(c => c.Id).ToList();
        var hits = await PageAsync(Fts5Dialect.Instance, connection, transaction, match, page, ct);

        var facets = await WindowFacetsAsync(Fts5Dialect.Instance, connection, transaction, counts, [.. concerned], request.Filters.Party, ct);
        return new SearchResults(total, hits, facets) { TotalIsLowerBound = lowerBound, RankedOver = complete ? null : scored.Count };
    }

    /// <summary>How many phrases the conditions on the Filter column hold (last in the expression, they never score):
    /// each is a quoted token; the column's name is quoted too.</summary>
    internal static int FilterPhrases(string conditions) =>
        (conditions.Count(c => c == '"') / 2) - ((conditions.Length - conditions.Replace("\"Filter\"", "", StringComparison.Ordinal).Length) / "\"Filter\"".Length);
}
