using System.Data.Common;
using System.Globalization;

namespace Rapporteur.Data.Search;

public static partial class SearchEngine
{
    /// <summary>
    /// SQLite, when every condition is a token of the index (words, Party, type, round, language; visibility as the
    /// documents to take away): three statements, whatever the size of the index.
    /// <list type="number">
    /// <item>One statement, two walks of FTS5's matches: one counts them up to <see cref="CountLimit"/> without
    /// reading a row or calling a function; the other takes the newest <see cref="RankWindow"/> and
    /// <see cref="Fts5Rank"/> scores them. The scores come back as one string (a row per match would cost more than
    /// the walk). Counting in the ranking walk (the rank function called on every match and told to stop scoring)
    /// cost about 0.5 ms more per query at 1 M paragraphs: a call into .NET per counted match.</item>
    /// <item>The facets of the scored matches, counted in SQL from their rows by id.</item>
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
        await using (var pass = SearchIndexer.Command(connection, transaction,
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @match LIMIT @count)), "
            + "(SELECT group_concat(r || ' ' || s, ',') FROM ("
            + $"SELECT \"SearchIndex\".rowid AS r, {Fts5Rank.Name}(\"SearchIndex\", (SELECT max(\"Id\") FROM \"SearchDocuments\"), @window, 2.0, 1.0, 0.0) AS s "
            + "FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @match ORDER BY \"SearchIndex\".rowid DESC LIMIT @window))"))
        {
            SearchIndexer.Add(pass, "match", "(" + match + ")" + VisibilityExclusion(viewer));
            SearchIndexer.Add(pass, "window", window);
            SearchIndexer.Add(pass, "count", limit + 1);
            await using var reader = await pass.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            total = reader.GetInt32(0);
            if (!reader.IsDBNull(1))
                foreach (var item in reader.GetString(1).Split(','))
                {
                    var space = item.IndexOf(' ', StringComparison.Ordinal);
                    scored.Add((int.Parse(item.AsSpan(0, space), CultureInfo.InvariantCulture), double.Parse(item.AsSpan(space + 1), CultureInfo.InvariantCulture)));
                }
        }
        var lowerBound = total > limit;
        if (lowerBound) total = limit;
        var complete = total <= window;

        // Best first (lowest score), then oldest first among equals: a stable order for paging.
        var page = scored.OrderBy(c => c.Score).ThenBy(c => c.Id).Skip(request.Offset).Take(request.Limit).Select(c => c.Id).ToList();
        var hits = await PageAsync(Fts5Dialect.Instance, connection, transaction, match, page, ct);

        // The facets of the scored matches, from their rows by id, grouped by SQLite on every facet value (a few dozen
        // groups cross into .NET instead of hundreds of rows); the ids of the recommendations, questions and answers
        // among them for the compliance and tag facets.
        var dialect = Fts5Dialect.Instance;
        var groups = new List<FacetGroup>();
        var concerned = new List<int>();
        if (scored.Count > 0)
        {
            await using var rows = SearchIndexer.Command(connection, transaction,
                "SELECT d.\"Type\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Section\", d.\"Strength\", d.\"Addressee\", d.\"BoxType\", d.\"Language\", COUNT(*), "
                + "group_concat(CASE WHEN d.\"Type\" IN ('recommendation', 'question', 'answer') THEN d.\"Id\" END) "
                + $"FROM \"SearchDocuments\" d WHERE d.\"Id\" IN ({dialect.IdList("ids")}) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9");
            dialect.AddIdList(rows, "ids", [.. scored.Select(c => c.Id)]);
            await using var reader = await rows.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                groups.Add(new FacetGroup(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                    Text(reader, 6), Text(reader, 7), reader.GetString(8), reader.GetInt32(9)));
                if (!reader.IsDBNull(10))
                    concerned.AddRange(reader.GetString(10).Split(',').Select(id => int.Parse(id, CultureInfo.InvariantCulture)));
            }
        }
        var facets = await WindowFacetsAsync(dialect, connection, transaction, groups, [.. concerned], request.Filters.Party, ct);
        return new SearchResults(total, hits, facets) { TotalIsLowerBound = lowerBound, RankedOver = complete ? null : scored.Count };
    }
}
