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

public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    /// <summary>The facets in display order.</summary>
    public static IReadOnlyList<string> FacetNames { get; } = ["type", "body", "round", "party", "section", "strength", "addressee", "boxType", "compliance", "language", "tag"];
}

/// <summary>
/// Runs a search: full-text match (FTS5 with bm25 on SQLite; tsvector with ts_rank on PostgreSQL), filters, the
/// caller's visibility, one page of hits with highlighted snippets, and facet counts over every hit the caller may
/// see. Drafts never leak: visibility is part of the same WHERE clause as the filters, so totals and facets count
/// only what the caller could open.
/// </summary>
public static class SearchEngine
{
    public const int MaxLimit = 100;

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

            var parameters = new List<(string Name, object? Value, System.Data.DbType Type)>();
            var where = new List<string>();
            string from;
            if (match is not null)
            {
                from = dialect.MatchFrom(query, where, parameters);
            }
            else
            {
                from = "\"SearchDocuments\" d";
                if (query.Excluded.Count > 0) where.Add(dialect.NotMatching(query, parameters));
            }
            Filters(request.Filters, where, parameters);
            Visibility(viewer, where, parameters);
            var whereSql = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);

            var hits = new List<SearchHit>();
            var order = match is not null ? dialect.Rank + ", d.\"Id\"" : "d.\"Body\", d.\"RoundNumber\", d.\"Type\", d.\"Id\"";
            var snippet = match is not null ? dialect.Snippet : "substr(d.\"Text\", 1, 240)";
            await using (var page = SearchIndexer.Command(connection, transaction,
                $"SELECT d.\"Type\", d.\"Key\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Title\", d.\"Url\", {snippet}, d.\"Language\" FROM {from}{whereSql} ORDER BY {order} LIMIT @limit OFFSET @offset"))
            {
                foreach (var (name, value, type) in parameters) SearchIndexer.Add(page, name, value, type);
                SearchIndexer.Add(page, "limit", request.Limit);
                SearchIndexer.Add(page, "offset", request.Offset);
                if (match is not null) dialect.AddSnippetParameters(page);
                await using var reader = await page.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var text = reader.IsDBNull(7) ? "" : reader.GetString(7);
                    if (match is null && text.Length >= 240) text += "…";
                    hits.Add(new SearchHit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), text, reader.GetString(6), reader.GetString(8)));
                }
            }

            var facets = SearchResults.FacetNames.ToDictionary(f => f, _ => (IReadOnlyList<FacetValue>)[], StringComparer.Ordinal);
            var counts = new Dictionary<string, List<FacetValue>>(StringComparer.Ordinal);
            const string matched = "SELECT d.\"Id\", d.\"Type\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Section\", d.\"Strength\", d.\"Addressee\", d.\"BoxType\", d.\"Language\", d.\"SourceId\"";
            var compliancePartyFilter = request.Filters.Party is null ? "" : " AND a.\"PartyId\" IN (SELECT p.\"Id\" FROM \"Parties\" p WHERE lower(p.\"Name\") = lower(@party))";
            var sql = new StringBuilder($"WITH m AS MATERIALIZED ({matched} FROM {from}{whereSql}) ");
            sql.Append(string.Join(" UNION ALL ", new[]
            {
                Facet("type", "\"Type\""), Facet("body", "\"Body\""), Facet("round", "CAST(\"RoundNumber\" AS TEXT)"), Facet("party", "\"Party\""),
                Facet("section", "\"Section\""), Facet("strength", "\"Strength\""), Facet("addressee", "\"Addressee\""), Facet("boxType", "\"BoxType\""),
                Facet("language", "\"Language\""),
                "SELECT 'compliance', a.\"Status\", COUNT(DISTINCT m.\"Id\") FROM m JOIN \"Assessments\" a ON a.\"RecommendationId\" = m.\"SourceId\" "
                    + $"WHERE m.\"Type\" = 'recommendation'{compliancePartyFilter} GROUP BY a.\"Status\"",
                $"SELECT 'tag', {TagKey}, COUNT(DISTINCT m.\"Id\") FROM m {AcceptedTagsOf("m")} GROUP BY {TagKey}",
            }));
            await using (var facet = SearchIndexer.Command(connection, transaction, sql.ToString()))
            {
                foreach (var (name, value, type) in parameters) SearchIndexer.Add(facet, name, value, type);
                if (request.Filters.Party is not null && !parameters.Any(p => p.Name == "party")) SearchIndexer.Add(facet, "party", request.Filters.Party);
                await using var reader = await facet.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (reader.IsDBNull(1)) continue;
                    var name = reader.GetString(0);
                    if (!counts.TryGetValue(name, out var list)) counts[name] = list = [];
                    list.Add(new FacetValue(reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture)));
                }
            }
            foreach (var (name, list) in counts)
                facets[name] = name == "round"
                    ? [.. list.OrderBy(v => int.Parse(v.Value, CultureInfo.InvariantCulture))]
                    : [.. list.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)];
            var total = counts.TryGetValue("type", out var types) ? types.Sum(t => t.Count) : 0;
            return new SearchResults(total, hits, facets);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        static string Facet(string name, string column) => $"SELECT '{name}', {column}, COUNT(*) FROM m GROUP BY {column}";
    }

    private static void Filters(SearchFilters f, List<string> where, List<(string, object?, System.Data.DbType)> parameters)
    {
        void Text(string column, string name, string? value, bool ignoreCase = true)
        {
            if (string.IsNullOrEmpty(value)) return;
            where.Add(ignoreCase ? $"lower(d.\"{column}\") = lower(@{name})" : $"d.\"{column}\" = @{name}");
            parameters.Add((name, value, System.Data.DbType.String));
        }
        Text("Body", "body", f.Body);
        if (f.Round is { } round)
        {
            where.Add("d.\"RoundNumber\" = @round");
            parameters.Add(("round", round, System.Data.DbType.Int32));
        }
        // With a compliance filter the Party is the one assessed (a recommendation to all Parties names none).
        if (string.IsNullOrEmpty(f.Compliance)) Text("Party", "party", f.Party);
        else if (!string.IsNullOrEmpty(f.Party)) parameters.Add(("party", f.Party, System.Data.DbType.String));
        Text("Section", "section", f.Section, ignoreCase: false);
        Text("Strength", "strength", f.Strength);
        Text("Addressee", "addressee", f.Addressee);
        Text("Type", "type", f.Type);
        Text("BoxType", "boxType", f.BoxType);
        Text("Language", "language", f.Language);
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

    /// <summary>The FROM clause that matches the query (adding its conditions and parameters).</summary>
    public abstract string MatchFrom(SearchQuery query, List<string> where, List<(string, object?, System.Data.DbType)> parameters);

    /// <summary>A condition that keeps documents matching none of the excluded terms (for a query that only excludes).</summary>
    public abstract string NotMatching(SearchQuery query, List<(string, object?, System.Data.DbType)> parameters);

    /// <summary>Ascending: best first.</summary>
    public abstract string Rank { get; }

    /// <summary>The snippet of the text with the matches between <see cref="IndexText.MarkStart"/> and <see cref="IndexText.MarkEnd"/>.</summary>
    public abstract string Snippet { get; }

    public virtual void AddSnippetParameters(DbCommand command)
    {
        SearchIndexer.Add(command, "markStart", IndexText.MarkStart.ToString());
        SearchIndexer.Add(command, "markEnd", IndexText.MarkEnd.ToString());
    }
}

/// <summary>SQLite FTS5: the <c>SearchIndex</c> table (porter stemming over unicode61 without diacritics), bm25 with
/// the title weighted twice the text, snippet() of the text column.</summary>
internal sealed class Fts5Dialect : SearchDialect
{
    public static Fts5Dialect Instance { get; } = new();

    public override string MatchFrom(SearchQuery query, List<string> where, List<(string, object?, System.Data.DbType)> parameters)
    {
        where.Add("\"SearchIndex\" MATCH @match");
        parameters.Add(("match", query.ToFts5(), System.Data.DbType.String));
        return "\"SearchIndex\" JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchIndex\".rowid";
    }

    public override string NotMatching(SearchQuery query, List<(string, object?, System.Data.DbType)> parameters)
    {
        parameters.Add(("notMatch", query.ExcludedToFts5(), System.Data.DbType.String));
        return "d.\"Id\" NOT IN (SELECT rowid FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @notMatch)";
    }

    public override string Rank => "bm25(\"SearchIndex\", 2.0, 1.0)";

    public override string Snippet => "snippet(\"SearchIndex\", 1, @markStart, @markEnd, '…', 24)";
}
