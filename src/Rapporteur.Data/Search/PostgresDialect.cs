using System.Data.Common;

namespace Rapporteur.Data.Search;

/// <summary>PostgreSQL: the <c>Search</c> tsvector column of <c>SearchDocuments</c> (title weight A, text B; GIN index),
/// built by a trigger with the <c>rapporteur_english</c> or <c>rapporteur_french</c> configuration (unaccent, then
/// the language's Snowball stemmer) by the row's language; ts_rank and ts_headline with the same configuration.</summary>
internal sealed class PostgresDialect : SearchDialect
{
    public static PostgresDialect Instance { get; } = new();

    private const string Config = "(CASE WHEN d.\"Language\" = 'fr' THEN 'rapporteur_french'::regconfig ELSE 'rapporteur_english'::regconfig END)";

    public override string MatchFrom(SearchQuery query, IReadOnlyList<string> tokens, List<string> where, List<(string, object?, System.Data.DbType)> parameters,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? expansions = null)
    {
        parameters.Add(("match", ToTsQuery(query.Required, query.Excluded), System.Data.DbType.String));
        where.Add(Matches("@match"));
        return "\"SearchDocuments\" d";
    }

    public override string NotMatching(SearchQuery query, List<(string, object?, System.Data.DbType)> parameters)
    {
        // Any of the excluded terms: one group of alternatives.
        parameters.Add(("notMatch", ToTsQuery([query.Excluded], []), System.Data.DbType.String));
        return $"NOT {Matches("@notMatch")}";
    }

    // Written so that the planner can use the GIN index: one indexable condition per configuration.
    private static string Matches(string parameter) =>
        $"((d.\"Language\" <> 'fr' AND d.\"Search\" @@ to_tsquery('rapporteur_english', {parameter})) OR (d.\"Language\" = 'fr' AND d.\"Search\" @@ to_tsquery('rapporteur_french', {parameter})))";

    // The GIN index finds the matches; only the newest @window of them are read for their columns and ranked
    // (ts_rank reads the whole tsvector: it is computed in the outer query, over the window alone).
    public override string Candidates(string columns, string from, string whereSql, System.Data.Common.DbConnection connection) =>
        $"SELECT {columns}, -ts_rank(d.\"Search\", to_tsquery({Config}, @match)) FROM (SELECT d.* FROM {from}{whereSql} ORDER BY d.\"Id\" DESC LIMIT @window) d";

    public override string IdList(string name) => $"SELECT unnest(@{name})";

    public override void AddIdList(DbCommand command, string name, int[] ids) => SearchIndexer.Add(command, name, ids);

    public override string PageRows(string ids) =>
        "SELECT d.\"Id\", d.\"Type\", d.\"Key\", d.\"Body\", d.\"RoundNumber\", d.\"Party\", d.\"Title\", d.\"Url\", "
        + $"ts_headline({Config}, d.\"Text\", to_tsquery({Config}, @match), @headline), d.\"Language\" FROM \"SearchDocuments\" d WHERE d.\"Id\" BETWEEN @lowest AND @highest AND d.\"Id\" IN ({ids})";

    public override void AddSnippetParameters(DbCommand command) =>
        SearchIndexer.Add(command, "headline", $"StartSel={IndexText.MarkStart}, StopSel={IndexText.MarkEnd}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=\" … \"");

    /// <summary>The tsquery text: each word a quoted lexeme (only letters, digits and marks reach here, so no quote
    /// can close it), phrases joined with &lt;-&gt;, prefixes with :*, groups with |, all with &amp;, exclusions with !.</summary>
    internal static string ToTsQuery(IReadOnlyList<IReadOnlyList<SearchTerm>> required, IReadOnlyList<SearchTerm> excluded)
    {
        static string Term(SearchTerm t) => "(" + string.Join(" <-> ", t.Words.Select((w, i) => "'" + w.Replace("'", "''", StringComparison.Ordinal) + "'"
            + (t.Prefix && i == t.Words.Count - 1 ? ":*" : ""))) + ")";
        var parts = required.Select(g => g.Count == 1 ? Term(g[0]) : "(" + string.Join(" | ", g.Select(Term)) + ")").ToList();
        parts.AddRange(excluded.Select(t => "!" + Term(t)));
        return string.Join(" & ", parts);
    }
}
