using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapporteur.Data.Search;

/// <summary>Who is searching: the public (anonymous, civil society, the CLI), a focal point (its Party's drafts too), or staff.</summary>
public sealed record SearchViewer(bool IsStaff, int? PartyId)
{
    public static SearchViewer Public { get; } = new(false, null);
    public static SearchViewer Staff { get; } = new(true, null);

    public static SearchViewer FocalPoint(int partyId) => new(false, partyId);
}

/// <summary>Filters; each is also a facet. Names are matched without regard to case.</summary>
public sealed record SearchFilters
{
    public string? Body { get; init; }
    public int? Round { get; init; }
    public string? Party { get; init; }
    public string? Section { get; init; }
    public string? Strength { get; init; }
    public string? Addressee { get; init; }
    public string? Type { get; init; }
    public string? BoxType { get; init; }
    public string? Compliance { get; init; }
    public string? Language { get; init; }

    /// <summary>An accepted tag, "vocabulary:code" ("themes:training") or a bare code ("training", any vocabulary).</summary>
    public string? Tag { get; init; }

    /// <summary>The filters as (facet name, value) pairs, in facet order, only those that are set.</summary>
    public IEnumerable<(string Facet, string Value)> Set()
    {
        foreach (var (name, value) in new (string, string?)[]
        {
            ("type", Type), ("body", Body), ("round", Round?.ToString(CultureInfo.InvariantCulture)), ("party", Party), ("section", Section),
            ("strength", Strength), ("addressee", Addressee), ("boxType", BoxType), ("compliance", Compliance), ("language", Language), ("tag", Tag),
        })
            if (!string.IsNullOrEmpty(value)) yield return (name, value);
    }
}

public sealed record SearchRequest(SearchQuery Query, SearchFilters Filters, int Offset = 0, int Limit = 20);

/// <summary>One result. <see cref="Snippet"/> carries the engine's markers: render it with <see cref="SearchSnippet"/>.</summary>
public sealed record SearchHit(string Type, string Id, string Body, int Round, string? Party, string Title, string Snippet, string Url, string Language = "en");

public sealed record FacetValue(string Value, int Count);

/// <summary>The results. At scale the counts are bounded: <see cref="Total"/> is exact up to
/// <see cref="SearchEngine.CountLimit"/> (beyond it, it is that limit and <see cref="TotalIsLowerBound"/> is set), and when
/// more documents match than <see cref="SearchEngine.RankWindow"/>, the ranking and the facet counts are those of the
/// <see cref="RankedOver"/> newest matches (null when every match was ranked and counted).</summary>
public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    /// <summary>The facets in display order.</summary>
    public static IReadOnlyList<string> FacetNames { get; } = ["type", "body", "round", "party", "section", "strength", "addressee", "boxType", "compliance", "language", "tag"];

    /// <summary>More than <see cref="Total"/> documents match (counting stopped there).</summary>
    public bool TotalIsLowerBound { get; init; }

    /// <summary>How many matches (the newest) were ranked and counted in the facets, when not all of them were.</summary>
    public int? RankedOver { get; init; }
}

/// <summary>
/// Runs a search: full-text match (FTS5 with bm25 on SQLite; tsvector with ts_rank on PostgreSQL), filters, the
/// caller's visibility, one page of hits with highlighted snippets, and facet counts over every hit the caller may
/// see. Drafts never leak: visibility is part of the same WHERE clause as the filters, so totals and facets count
/// only what the caller could open.
/// </summary>
public static partial class SearchEngine
{
    public const int MaxLimit = 100;

    /// <summary>Counting stops here: beyond it the total is "at least" (a common word matches most of the index, and
    /// counting a million matches costs more than the whole search should).</summary>
    public const int CountLimit = 10_000;

    /// <summary>How many matches are ranked and counted in the facets: all of them when there are no more than this,
    /// else the newest this many (more if the page asked for lies beyond, up to <see cref="CountLimit"/>). bm25/ts_rank and the facet columns cost
    /// per row: this bounds the work of a query whatever the size of the index.</summary>
    public const int RankWindow = 500;

    private const string CandidateColumns = "d.\"Id\", d.\"Type\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Section\", d.\"Strength\", d.\"Addressee\", d.\"BoxType\", d.\"Language\"";

    private sealed record Candidate(int Id, double Score, string Type, string Body, int Round, string? Party, string? Section, string? Strength,
        string? Addressee, string? BoxType, string Language);

    /// <summary>A candidate from a row of <see cref="CandidateColumns"/>.</summary>
    private static Candidate ReadCandidate(DbDataReader reader, double score) =>
        new(reader.GetInt32(0), score, reader.GetString(1), reader.GetString(2), reader.GetInt32(3), Text(reader, 4), Text(reader, 5), Text(reader, 6),
            Text(reader, 7), Text(reader, 8), reader.GetString(9));

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    /// <summary>A query with words: the engine finds, ranks and pages; a bounded window of matches feeds the facets.</summary>
    private static async Task<SearchResults> MatchAsync(SearchDialect dialect, DbConnection connection, DbTransaction? transaction, SearchRequest request,
        SearchViewer viewer, CancellationToken ct)
    {
        var parameters = new List<(string Name, object? Value, System.Data.DbType Type)>();
        var where = new List<string>();
        var tokens = dialect.FiltersAsTokens ? new List<string>() : null;
        if (tokens is not null && string.IsNullOrEmpty(request.Filters.Compliance) && !string.IsNullOrEmpty(request.Filters.Party))
        {
            // The Party filter as Party ids (the index holds ids): the names that match, without regard to case.
            var ids = new List<string>();
            await using (var find = SearchIndexer.Command(connection, transaction, "SELECT \"Id\" FROM \"Parties\" WHERE lower(\"Name\") = lower(@party)"))
            {
                SearchIndexer.Add(find, "party", request.Filters.Party);
                await using var reader = await find.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) ids.Add("\"p" + reader.GetInt32(0).ToString(CultureInfo.InvariantCulture) + "\"");
            }
            // No such Party: a token no document carries.
            tokens.Add(ids.Count == 0 ? "\"px\"" : "(" + string.Join(" OR ", ids) + ")");
        }
        Filters(request.Filters, where, parameters, tokens);
        if (tokens is not null && where.Count == 0 && connection is Microsoft.Data.Sqlite.SqliteConnection sqlite && Fts5Rank.TryRegister(sqlite)
            && WindowFacets.TryRegister(sqlite))
            return await Fts5PassAsync(connection, transaction, request, viewer, tokens, ct);
        // Counting needs no row when every condition is a token: visibility then joins the match as the documents the
        // caller may NOT see (few: drafts), which FTS5 subtracts at the cost of their own doclists.
        var countExclusion = tokens is not null && where.Count == 0 ? VisibilityExclusion(viewer) : null;
        Visibility(viewer, where, parameters);
        var from = dialect.MatchFrom(request.Query, tokens ?? [], where, parameters,
            dialect is Fts5Dialect ? await SearchWords.ExpandAsync(connection, transaction, request.Query, ct) : null);
        var whereSql = " WHERE " + string.Join(" AND ", where);
        // Paging deeper than the count limit finds nothing (as in web search engines): the window never grows past it.
        var window = Math.Min(Math.Max(RankWindow, request.Offset + request.Limit), CountLimit);

        var candidates = new List<Candidate>();
        await using (var select = SearchIndexer.Command(connection, transaction, dialect.Candidates(CandidateColumns, from, whereSql, connection)))
        {
            foreach (var (name, value, type) in parameters) SearchIndexer.Add(select, name, value, type);
            SearchIndexer.Add(select, "window", window + 1);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                candidates.Add(ReadCandidate(reader, Convert.ToDouble(reader.GetValue(10), CultureInfo.InvariantCulture)));
        }
        var complete = candidates.Count <= window;
        if (!complete) candidates.RemoveAt(candidates.Count - 1);

        var total = candidates.Count;
        var lowerBound = false;
        if (!complete)
        {
            var countParameters = new List<(string Name, object? Value, System.Data.DbType Type)>();
            var countWhere = new List<string>();
            var countSql = countExclusion is null
                ? $"SELECT COUNT(*) FROM (SELECT 1 FROM {from}{whereSql} LIMIT @count) c"
                : $"SELECT COUNT(*) FROM (SELECT 1 FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @match LIMIT @count) c";
            if (countExclusion is not null)
            {
                dialect.MatchFrom(request.Query, tokens!, countWhere, countParameters);
                var m = countParameters.FindIndex(p => p.Name == "match");
                countParameters[m] = ("match", "(" + countParameters[m].Value + ")" + countExclusion, System.Data.DbType.String);
            }
            await using var count = SearchIndexer.Command(connection, transaction, countSql);
            foreach (var (name, value, type) in countExclusion is null ? parameters : countParameters) SearchIndexer.Add(count, name, value, type);
            var limit = Math.Max(CountLimit, window);
            SearchIndexer.Add(count, "count", limit + 1);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (total > limit)
            {
                total = limit;
                lowerBound = true;
            }
        }

        // Best first (lowest score), then oldest first among equals: a stable order for paging.
        var page = candidates.OrderBy(c => c.Score).ThenBy(c => c.Id).Skip(request.Offset).Take(request.Limit).ToList();
        var hits = await PageAsync(dialect, connection, transaction, (string)parameters.Single(p => p.Name == "match").Value!, page.Select(c => c.Id).ToList(), ct);

        var facets = await WindowFacetsAsync(dialect, connection, transaction,
            candidates.Select(c => new FacetGroup(c.Type, c.Body, c.Round, c.Party, c.Section, c.Strength, c.Addressee, c.BoxType, c.Language, 1)),
            [.. candidates.Where(c => Concerned(c.Type)).Select(c => c.Id)], request.Filters.Party, ct);
        return new SearchResults(total, hits, facets) { TotalIsLowerBound = lowerBound, RankedOver = complete ? null : candidates.Count };
    }

    /// <summary>Documents of a window that share every facet value, and how many they are.</summary>
    private sealed record FacetGroup(string Type, string Body, int Round, string? Party, string? Section, string? Strength, string? Addressee,
        string? BoxType, string Language, int Count);

    /// <summary>The types compliance and tags hang off.</summary>
    private static bool Concerned(string type) => type is SearchTypes.Recommendation or SearchTypes.Question or SearchTypes.Answer;

    /// <summary>The facets of a window of candidates: their own columns counted here (<paramref name="groups"/>);
    /// compliance and tags, which hang off recommendations, questions and answers, counted in SQL for those candidates
    /// alone (<paramref name="concerned"/>, by id).</summary>
    private static async Task<Dictionary<string, IReadOnlyList<FacetValue>>> WindowFacetsAsync(SearchDialect dialect, DbConnection connection,
        DbTransaction? transaction, IEnumerable<FacetGroup> groups, int[] concerned, string? party, CancellationToken ct)
    {
        var counts = new FacetCounts();
        foreach (var c in groups)
        {
            counts.Add("type", c.Type, c.Count);
            counts.Add("body", c.Body, c.Count);
            counts.Add("round", c.Round.ToString(CultureInfo.InvariantCulture), c.Count);
            counts.Add("party", c.Party, c.Count);
            counts.Add("section", c.Section, c.Count);
            counts.Add("strength", c.Strength, c.Count);
            counts.Add("addressee", c.Addressee, c.Count);
            counts.Add("boxType", c.BoxType, c.Count);
            counts.Add("language", c.Language, c.Count);
        }
        return await WindowFacetsAsync(dialect, connection, transaction, counts, concerned, party, ct);
    }

    /// <summary>The facets of a window whose own columns are already counted: compliance and tags added for the
    /// <paramref name="concerned"/> candidates.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<FacetValue>>> WindowFacetsAsync(SearchDialect dialect, DbConnection connection,
        DbTransaction? transaction, FacetCounts counts, int[] concerned, string? party, CancellationToken ct)
    {
        if (concerned.Length > 0)
        {
            var compliancePartyFilter = party is null ? "" : " AND a.\"PartyId\" IN (SELECT p.\"Id\" FROM \"Parties\" p WHERE lower(p.\"Name\") = lower(@party))";
            // Only the candidates these facets concern, by id: the match is not run again.
            var sql = $"WITH m AS MATERIALIZED (SELECT d.\"Id\", d.\"Type\", d.\"SourceId\" FROM \"SearchDocuments\" d WHERE d.\"Id\" IN ({dialect.IdList("ids")})) "
                + "SELECT 'compliance', a.\"Status\", COUNT(DISTINCT m.\"Id\") FROM m JOIN \"Assessments\" a ON a.\"RecommendationId\" = m.\"SourceId\" "
                + $"WHERE m.\"Type\" = 'recommendation'{compliancePartyFilter} GROUP BY a.\"Status\" "
                + $"UNION ALL SELECT 'tag', {TagKey}, COUNT(DISTINCT m.\"Id\") FROM m {AcceptedTagsOf("m")} GROUP BY {TagKey}";
            await using var facet = SearchIndexer.Command(connection, transaction, sql);
            if (party is not null) SearchIndexer.Add(facet, "party", party);
            dialect.AddIdList(facet, "ids", concerned);
            await using var reader = await facet.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(1)) continue;
                counts.Set(reader.GetString(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
            }
        }
        var facets = SearchResults.FacetNames.ToDictionary(f => f, _ => (IReadOnlyList<FacetValue>)[], StringComparer.Ordinal);
        foreach (var (name, values) in counts.ByFacet) facets[name] = Ordered(name, values.Select(v => new FacetValue(v.Key, v.Value)));
        return facets;
    }

    public static async Task<SearchResults> SearchAsync(RapporteurDbContext db, SearchRequest request, SearchViewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Limit, MaxLimit);
        var dialect = SearchDialect.For(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var query = request.Query;
            var match = !query.Required.Any() ? null : query;
            if (match is not null) return await MatchAsync(dialect, connection, transaction, request, viewer, ct);

            // No words: browsing by filters (and exclusions), in document order.
            var parameters = new List<(string Name, object? Value, System.Data.DbType Type)>();
            var where = new List<string>();
            const string from = "\"SearchDocuments\" d";
            if (query.Excluded.Count > 0) where.Add(dialect.NotMatching(query, parameters));
            Filters(request.Filters, where, parameters);
            Visibility(viewer, where, parameters);
            var whereSql = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);

            var hits = new List<SearchHit>();
            const string order = "d.\"Body\", d.\"RoundNumber\", d.\"Type\", d.\"Id\"";
            const string snippet = "substr(d.\"Text\", 1, 240)";
            await using (var page = SearchIndexer.Command(connection, transaction,
                $"SELECT d.\"Type\", d.\"Key\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Title\", d.\"Url\", {snippet}, d.\"Language\" FROM {from}{whereSql} ORDER BY {order} LIMIT @limit OFFSET @offset"))
            {
                foreach (var (name, value, type) in parameters) SearchIndexer.Add(page, name, value, type);
                SearchIndexer.Add(page, "limit", request.Limit);
                SearchIndexer.Add(page, "offset", request.Offset);
                await using var reader = await page.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var text = reader.IsDBNull(7) ? "" : reader.GetString(7);
                    if (text.Length >= 240) text += "…";
                    hits.Add(new SearchHit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), text, reader.GetString(6), reader.GetString(8)));
                }
            }

            // The total, exact up to the count limit; the facets over every document when there are no more, else over
            // the newest CountLimit (a filter as wide as a whole body would otherwise count a million rows per page).
            int total;
            await using (var count = SearchIndexer.Command(connection, transaction, $"SELECT COUNT(*) FROM (SELECT 1 FROM {from}{whereSql} LIMIT @count) c"))
            {
                foreach (var (name, value, type) in parameters) SearchIndexer.Add(count, name, value, type);
                SearchIndexer.Add(count, "count", CountLimit + 1);
                total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            }
            var lowerBound = total > CountLimit;
            if (lowerBound) total = CountLimit;

            var facets = SearchResults.FacetNames.ToDictionary(f => f, _ => (IReadOnlyList<FacetValue>)[], StringComparer.Ordinal);
            var counts = new Dictionary<string, List<FacetValue>>(StringComparer.Ordinal);
            var source = $"{FacetColumns} FROM {from}{whereSql}" + (lowerBound ? $" ORDER BY d.\"Id\" DESC LIMIT {CountLimit.ToString(CultureInfo.InvariantCulture)}" : "");
            await using (var facet = SearchIndexer.Command(connection, transaction, FacetSql(source, request.Filters.Party is not null)))
            {
                foreach (var (name, value, type) in parameters) SearchIndexer.Add(facet, name, value, type);
                if (request.Filters.Party is not null && !parameters.Any(p => p.Name == "party")) SearchIndexer.Add(facet, "party", request.Filters.Party);
                await ReadFacetsAsync(facet, counts, ct);
            }
            foreach (var (name, list) in counts) facets[name] = Ordered(name, list);
            return new SearchResults(total, hits, facets) { TotalIsLowerBound = lowerBound, RankedOver = lowerBound ? CountLimit : null };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The hits of a page, in the order of <paramref name="ids"/>, with their snippets.</summary>
    private static async Task<List<SearchHit>> PageAsync(SearchDialect dialect, DbConnection connection, DbTransaction? transaction, string match,
        List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var byId = new Dictionary<int, SearchHit>();
        var list = string.Join(", ", ids.Select((_, i) => "@id" + i.ToString(CultureInfo.InvariantCulture)));
        await using var rows = SearchIndexer.Command(connection, transaction, dialect.PageRows(list));
        SearchIndexer.Add(rows, "match", match);
        for (var i = 0; i < ids.Count; i++) SearchIndexer.Add(rows, "id" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        dialect.AddSnippetParameters(rows);
        SearchIndexer.Add(rows, "lowest", ids.Min());
        SearchIndexer.Add(rows, "highest", ids.Max());
        await using var reader = await rows.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            byId[reader.GetInt32(0)] = new SearchHit(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.IsDBNull(8) ? "" : reader.GetString(8), reader.GetString(7), reader.GetString(9));
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>The columns the facets are counted on (<see cref="FacetSql"/>'s source selects them).</summary>
    private const string FacetColumns = "SELECT d.\"Id\", d.\"Type\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Section\", d.\"Strength\", d.\"Addressee\", d.\"BoxType\", d.\"Language\", d.\"SourceId\"";

    /// <summary>Every facet counted in one statement over the documents <paramref name="source"/> selects
    /// (<see cref="FacetColumns"/>): rows of (facet, value, count). With a Party filter (<c>@party</c>), compliance
    /// counts the assessments of that Party.</summary>
    private static string FacetSql(string source, bool partyFilter)
    {
        var compliancePartyFilter = partyFilter ? " AND a.\"PartyId\" IN (SELECT p.\"Id\" FROM \"Parties\" p WHERE lower(p.\"Name\") = lower(@party))" : "";
        return $"WITH m AS MATERIALIZED ({source}) " + string.Join(" UNION ALL ",
            Facet("type", "\"Type\""), Facet("body", "\"Body\""), Facet("round", "CAST(\"RoundNumber\" AS TEXT)"), Facet("party", "\"Party\""),
            Facet("section", "\"Section\""), Facet("strength", "\"Strength\""), Facet("addressee", "\"Addressee\""), Facet("boxType", "\"BoxType\""),
            Facet("language", "\"Language\""),
            "SELECT 'compliance', a.\"Status\", COUNT(DISTINCT m.\"Id\") FROM m JOIN \"Assessments\" a ON a.\"RecommendationId\" = m.\"SourceId\" "
                + $"WHERE m.\"Type\" = 'recommendation'{compliancePartyFilter} GROUP BY a.\"Status\"",
            // Tags hang off these types only: the others never reach the join (whose OR would scan the taggings for each).
            $"SELECT 'tag', {TagKey}, COUNT(DISTINCT m.\"Id\") FROM (SELECT * FROM m WHERE m.\"Type\" IN ('recommendation', 'question', 'answer')) m {AcceptedTagsOf("m")} GROUP BY {TagKey}");

        static string Facet(string name, string column) => $"SELECT '{name}', {column}, COUNT(*) FROM m GROUP BY {column}";
    }

    private static async Task ReadFacetsAsync(DbCommand facet, Dictionary<string, List<FacetValue>> counts, CancellationToken ct)
    {
        await using var reader = await facet.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.IsDBNull(1)) continue;
            var name = reader.GetString(0);
            if (!counts.TryGetValue(name, out var list)) counts[name] = list = [];
            list.Add(new FacetValue(reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Rounds in number order; any other facet by count, then value.</summary>
    private static IReadOnlyList<FacetValue> Ordered(string name, IEnumerable<FacetValue> list) => name == "round"
        ? [.. list.OrderBy(v => int.Parse(v.Value, CultureInfo.InvariantCulture))]
        : [.. list.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)];

    private static void Filters(SearchFilters f, List<string> where, List<(string, object?, System.Data.DbType)> parameters, List<string>? tokens = null)
    {
        void Text(string column, string name, string? value, bool ignoreCase = true)
        {
            if (string.IsNullOrEmpty(value)) return;
            where.Add(ignoreCase ? $"lower(d.\"{column}\") = lower(@{name})" : $"d.\"{column}\" = @{name}");
            parameters.Add((name, value, System.Data.DbType.String));
        }
        Text("Body", "body", f.Body);
        if (tokens is not null && f.Round is { } r)
            tokens.Add("\"r" + r.ToString(CultureInfo.InvariantCulture) + "\"");
        else if (f.Round is { } round)
        {
            where.Add("d.\"RoundNumber\" = @round");
            parameters.Add(("round", round, System.Data.DbType.Int32));
        }
        // With a compliance filter the Party is the one assessed (a recommendation to all Parties names none).
        // As tokens (the caller has put the Party's ids in them): the filter is applied inside the full-text index.
        if (string.IsNullOrEmpty(f.Compliance)) { if (tokens is null) Text("Party", "party", f.Party); }
        else if (!string.IsNullOrEmpty(f.Party)) parameters.Add(("party", f.Party, System.Data.DbType.String));
        Text("Section", "section", f.Section, ignoreCase: false);
        Text("Strength", "strength", f.Strength);
        Text("Addressee", "addressee", f.Addressee);
        if (tokens is not null && f.Type is { Length: > 0 } type && type.All(char.IsAsciiLetter))
            tokens.Add("\"t" + type + "\"");
        else Text("Type", "type", f.Type);
        Text("BoxType", "boxType", f.BoxType);
        if (tokens is not null && f.Language is { Length: > 0 } language && language.All(char.IsAsciiLetter))
            tokens.Add("\"l" + language.ToLowerInvariant() + "\"");
        else Text("Language", "language", f.Language);
        if (!string.IsNullOrEmpty(f.Compliance))
        {
            // The Committee's assessment of the recommendation — for the Party filtered on, when there is one.
            where.Add("d.\"Type\" = 'recommendation' AND EXISTS (SELECT 1 FROM \"Assessments\" a WHERE a.\"RecommendationId\" = d.\"SourceId\" AND lower(a.\"Status\") = lower(@compliance)"
                + (f.Party is null ? "" : " AND a.\"PartyId\" IN (SELECT p.\"Id\" FROM \"Parties\" p WHERE lower(p.\"Name\") = lower(@party))") + ")");
            parameters.Add(("compliance", f.Compliance, System.Data.DbType.String));
        }
        if (!string.IsNullOrEmpty(f.Tag))
        {
            where.Add($"EXISTS (SELECT 1 FROM (SELECT 1 AS one) x {AcceptedTagsOf("d")} WHERE lower({TagKey}) = lower(@tag) OR lower(te.\"Code\") = lower(@tag))");
            parameters.Add(("tag", f.Tag, System.Data.DbType.String));
        }
    }

    // Tags (Features/Tags): only accepted ones count. A recommendation or question carries its own; an answer those of its reply.
    private const string TagKey = "v.\"Key\" || ':' || te.\"Code\"";

    private static string AcceptedTagsOf(string doc) =>
        "JOIN \"Taggings\" t ON t.\"State\" = 'Accepted' AND ("
        + $"({doc}.\"Type\" = 'recommendation' AND t.\"TargetKind\" = 'Recommendation' AND t.\"TargetId\" = {doc}.\"SourceId\") "
        + $"OR ({doc}.\"Type\" = 'question' AND t.\"TargetKind\" = 'Question' AND t.\"TargetId\" = {doc}.\"SourceId\") "
        + $"OR ({doc}.\"Type\" = 'answer' AND t.\"TargetKind\" = 'Reply' AND t.\"TargetId\" IN (SELECT an.\"ReplyId\" FROM \"Answers\" an WHERE an.\"Id\" = {doc}.\"SourceId\"))) "
        + "JOIN \"Terms\" te ON te.\"Id\" = t.\"TermId\" JOIN \"Vocabularies\" v ON v.\"Id\" = te.\"VocabularyId\"";

    /// <summary>The visibility rule as what to take away from an FTS5 match: the <c>Filter</c> tokens of the documents
    /// the caller may not see (nothing for the staff; another Party's drafts and the staff's for a Party; all but the
    /// public ones for the public).</summary>
    private static string VisibilityExclusion(SearchViewer viewer) =>
        viewer.IsStaff ? ""
        : viewer.PartyId is { } party
            ? $" NOT \"Filter\" : \"v{(int)SearchVisibility.Staff}\" NOT (\"Filter\" : \"v{(int)SearchVisibility.Party}\" NOT \"Filter\" : \"p{party.ToString(CultureInfo.InvariantCulture)}\")"
            : $" NOT \"Filter\" : \"v{(int)SearchVisibility.Party}\" NOT \"Filter\" : \"v{(int)SearchVisibility.Staff}\"";

    private static void Visibility(SearchViewer viewer, List<string> where, List<(string, object?, System.Data.DbType)> parameters)
    {
        if (viewer.IsStaff) return;
        if (viewer.PartyId is { } party)
        {
            where.Add($"(d.\"Visibility\" = {(int)SearchVisibility.Public} OR (d.\"Visibility\" = {(int)SearchVisibility.Party} AND d.\"PartyId\" = @viewerParty))");
            parameters.Add(("viewerParty", party, System.Data.DbType.Int32));
            return;
        }
        where.Add($"d.\"Visibility\" = {(int)SearchVisibility.Public}");
    }
}

/// <summary>What differs between the engines: how a query matches, ranks and highlights.</summary>
internal abstract class SearchDialect
{
    public static SearchDialect For(RapporteurDbContext db) => db.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => Fts5Dialect.Instance,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => PostgresDialect.Instance,
        var other => throw new NotSupportedException($"search is not available on {other}"),
    };

    /// <summary>Whether the Party and type filters go into the full-text match as tokens (FTS5) rather than the WHERE clause.</summary>
    public virtual bool FiltersAsTokens => false;

    /// <summary>The FROM clause (alias <c>d</c> for the documents) that matches the query and the filter tokens,
    /// adding its conditions and the <c>@match</c> parameter.</summary>
    public abstract string MatchFrom(SearchQuery query, IReadOnlyList<string> tokens, List<string> where, List<(string, object?, System.Data.DbType)> parameters,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? expansions = null);

    /// <summary>A condition that keeps documents matching none of the excluded terms (for a query that only excludes).</summary>
    public abstract string NotMatching(SearchQuery query, List<(string, object?, System.Data.DbType)> parameters);

    /// <summary>The newest <c>@window</c> matches: the columns, then the score (ascending: best first).</summary>
    public abstract string Candidates(string columns, string from, string whereSql, DbConnection connection);

    /// <summary>A subquery of the ids in the list parameter <paramref name="name"/> (see <see cref="AddIdList"/>).</summary>
    public virtual string IdList(string name) => $"SELECT CAST(value AS INTEGER) FROM json_each(@{name})";

    /// <summary>Binds a list of ids for <see cref="IdList"/>: a JSON array on SQLite.</summary>
    public virtual void AddIdList(DbCommand command, string name, int[] ids) =>
        SearchIndexer.Add(command, name, "[" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]");

    /// <summary>The rows of a page (by id): Id, Type, Key, Body, RoundNumber, Party, Title, Url, snippet, Language.</summary>
    public abstract string PageRows(string ids);

    public virtual void AddSnippetParameters(DbCommand command)
    {
        SearchIndexer.Add(command, "markStart", IndexText.MarkStart.ToString());
        SearchIndexer.Add(command, "markEnd", IndexText.MarkEnd.ToString());
    }
}

/// <summary>SQLite FTS5: the <c>SearchIndex</c> table (porter stemming over unicode61 without diacritics), bm25 with
/// the title weighted twice the text (the <c>Filter</c> column, zero), snippet() of the text column. The words are
/// matched in the title and text only; Party and type filters are tokens of the <c>Filter</c> column, so FTS5
/// intersects them with the words before any row is read.</summary>
internal sealed class Fts5Dialect : SearchDialect
{
    public static Fts5Dialect Instance { get; } = new();

    private const string Words = "{\"Title\" \"Text\"}";

    public override bool FiltersAsTokens => true;

    public override string MatchFrom(SearchQuery query, IReadOnlyList<string> tokens, List<string> where, List<(string, object?, System.Data.DbType)> parameters,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? expansions = null)
    {
        where.Add("\"SearchIndex\" MATCH @match");
        parameters.Add(("match", "(" + query.ToFts5(expansions, InWords) + ")" + string.Concat(tokens.Select(t => $" AND \"Filter\" : {t}")), System.Data.DbType.String));
        return "\"SearchIndex\" JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchIndex\".rowid";
    }

    /// <summary>
    /// A term limited to the title and text columns only when it could match a token of the <c>Filter</c> column:
    /// <c>v0</c>, <c>p12</c>, <c>r3</c> (a letter and digits), <c>t</c> and a type (<c>tparagraph</c>, stemmed
    /// <c>trecommend</c>…), <c>l</c> and a language (<c>len</c>). Stemming only ever changes the end of a word, and no
    /// type's stem loses any of its first three letters to it, so a word can only stem to such a token if it begins as
    /// one: <c>v</c>/<c>p</c>/<c>r</c> and a digit, <c>t</c> and the first two letters of a type, or <c>l</c>. The limit costs
    /// FTS5 a look at the positions of every match (0.1-0.3 ms for a word counted to 10,000 at a million paragraphs, up
    /// to 1 ms for a phrase), and most words need none; a phrase needs none when one of its words does not, a prefix
    /// when no token could begin with it (its expansion, when it has one, word by word).
    /// </summary>
    internal static string InWords(SearchTerm term, IReadOnlyList<string>? expanded, string text) =>
        MayMatchFilter(term, expanded) ? $"{Words} : ({text})" : text;

    private static readonly string[] TypeStarts = [.. SearchTypes.All.Select(t => "t" + t[..Math.Min(2, t.Length)]).Distinct()];

    /// <summary>Could this whole token be (stem to) a Filter token?</summary>
    private static bool MayBeFilterToken(string token) => token.Length >= 2 && token[0] switch
    {
        'v' or 'p' or 'r' => char.IsAsciiDigit(token[1]),
        't' => TypeStarts.Any(s => token.StartsWith(s, StringComparison.Ordinal)),
        'l' => true,
        _ => false,
    };

    /// <summary>Could a Filter token begin with this prefix (FTS5's own prefix query)?</summary>
    private static bool MayBeginFilterToken(string prefix) => prefix.Length >= 1 && prefix[0] switch
    {
        'v' or 'p' or 'r' => prefix.Length == 1 || char.IsAsciiDigit(prefix[1]),
        't' => TypeStarts.Any(s => prefix.Length < s.Length ? s.StartsWith(prefix, StringComparison.Ordinal) : prefix.StartsWith(s, StringComparison.Ordinal)),
        'l' => true,
        _ => false,
    };

    internal static bool MayMatchFilter(SearchTerm term, IReadOnlyList<string>? expanded)
    {
        if (expanded is not null) return expanded.Any(MayBeFilterToken);
        var tokens = new List<string>();
        foreach (var word in term.Words)
        {
            var folded = new HashSet<string>(StringComparer.Ordinal);
            SearchWords.Collect(word, folded);
            tokens.AddRange(folded);
        }
        if (tokens.Count == 0) return true;
        // A phrase (or a word) matches in Filter only if every token of it can be a Filter token; a prefix phrase's last
        // token is a prefix.
        var last = term.Prefix ? SearchWords.Fold(term.Words[^1]) : null;
        return tokens.All(t => t == last ? MayBeginFilterToken(t) : MayBeFilterToken(t));
    }

    public override string NotMatching(SearchQuery query, List<(string, object?, System.Data.DbType)> parameters)
    {
        parameters.Add(("notMatch", $"{Words} : ({query.ExcludedToFts5()})", System.Data.DbType.String));
        return "d.\"Id\" NOT IN (SELECT rowid FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @notMatch)";
    }

    // FTS5 hands the rows over in rowid order (newest first, DESC): SQLite stops at the LIMIT, and the score is computed
    // for those rows only: Fts5Rank's BM25 when it could be registered on the connection (it does not walk each
    // phrase's whole doclist to count the documents that hold it, as bm25() does), else bm25().
    public override string Candidates(string columns, string from, string whereSql, DbConnection connection) =>
        $"SELECT {columns}, {Score(connection)} FROM {from}{whereSql} ORDER BY \"SearchIndex\".rowid DESC LIMIT @window";

    private static string Score(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection sqlite && Fts5Rank.TryRegister(sqlite)
            ? $"{Fts5Rank.Name}(\"SearchIndex\", (SELECT max(\"Id\") FROM \"SearchDocuments\"), 0, 2.0, 1.0, 0.0)"
            : "bm25(\"SearchIndex\", 2.0, 1.0, 0.0)";


    public override string PageRows(string ids) =>
        "SELECT d.\"Id\", d.\"Type\", d.\"Key\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Title\", d.\"Url\", "
        + "snippet(\"SearchIndex\", 1, @markStart, @markEnd, '…', 24), d.\"Language\" FROM \"SearchIndex\" JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchIndex\".rowid "
        // One pass over the rowid range of the page (as an index constraint) with the ids as a plain filter (the unary
        // +): were the ids the constraint, FTS5 would set the match up again for each of them, and a prefix query
        // merges the doclists of every word it expands to each time (50 ms for 20 rows at a million documents).
        + $"WHERE \"SearchIndex\" MATCH @match AND \"SearchIndex\".rowid BETWEEN @lowest AND @highest AND +\"SearchIndex\".rowid IN ({ids})";
}

