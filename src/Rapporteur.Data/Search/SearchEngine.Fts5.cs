using System.Data.Common;
using System.Globalization;

namespace Rapporteur.Data.Search;

public static partial class SearchEngine
{
    /// <summary>
    /// SQLite, when every condition is a token of the index (words, Party, type, round, language; visibility as the
    /// documents to take away): three statements, whatever the size of the index.
    /// <list type="number">
    /// <item>One pass of FTS5 over the matches, newest first: <see cref="Fts5Rank"/> scores the first
    /// <see cref="RankWindow"/> of them and the pass goes on counting, without reading a row, up to
    /// <see cref="CountLimit"/>; the scores come back as one string (a row per match would cost more than the pass).</item>
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
            "SELECT count(*), group_concat(CASE WHEN s IS NOT NULL THEN r || ' ' || s END, ',') FROM ("
            + $"SELECT \"SearchIndex\".rowid AS r, {Fts5Rank.Name}(\"SearchIndex\", (SELECT max(\"Id\") FROM \"SearchDocuments\"), @window, 2.0, 1.0, 0.0) AS s "
            + "FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @match ORDER BY \"SearchIndex\".rowid DESC LIMIT @count)"))
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

        // The facets of the scored matches: their rows by id.
        var dialect = Fts5Dialect.Instance;
        var candidates = new List<Candidate>(scored.Count);
        if (scored.Count > 0)
        {
            var scores = scored.ToDictionary(c => c.Id, c => c.Score);
            await using var rows = SearchIndexer.Command(connection, transaction, $"SELECT {CandidateColumns} FROM \"SearchDocuments\" d WHERE d.\"Id\" IN ({dialect.IdList("ids")})");
            dialect.AddIdList(rows, "ids", [.. scores.Keys]);
            await using var reader = await rows.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) candidates.Add(ReadCandidate(reader, scores[reader.GetInt32(0)]));
        }
        var facets = await WindowFacetsAsync(dialect, connection, transaction, candidates, request.Filters.Party, ct);
        return new SearchResults(total, hits, facets) { TotalIsLowerBound = lowerBound, RankedOver = complete ? null : scored.Count };
    }
}
