using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapporteur.Data;
using Rapporteur.Data.Search;
using Rapporteur.Features.Synthetic;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Search;

/// <summary><c>rapporteur_rank</c> (Fts5Rank): the scores of FTS5's bm25() when every document of a phrase is counted,
/// within a few per cent of them when its document frequency is estimated from a sample, NULL past its window.</summary>
public sealed class Fts5RankTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SqliteConnection> OpenAsync(DataStore store)
    {
        var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.True(Fts5Rank.TryRegister(connection));
        return connection;
    }

    private static async Task<List<(long Id, double? Rank, double Bm25)>> ScoresAsync(SqliteConnection connection, string match, int window = 0)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, rapporteur_rank(\"SearchIndex\", (SELECT max(\"Id\") FROM \"SearchDocuments\"), @window, 2.0, 1.0, 0.0), "
            + "bm25(\"SearchIndex\", 2.0, 1.0, 0.0) FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @match ORDER BY rowid DESC";
        command.Parameters.AddWithValue("@match", match);
        command.Parameters.AddWithValue("@window", window);
        var rows = new List<(long, double?, double)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.GetDouble(2)));
        return rows;
    }

    /// <summary>Words by the number of documents that hold them (counted by FTS5 itself).</summary>
    private static async Task<List<(string Word, int Documents)>> VocabularyAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        // Per column: the words of the text (the Filter column holds tokens such as v0 or tparagraph).
        command.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, 'SearchIndex', 'col'); "
            + "SELECT term, doc FROM temp.vocabulary WHERE col = 'Text' AND term GLOB '[a-z][a-z]*' ORDER BY doc DESC, term";
        var words = new List<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) words.Add((reader.GetString(0), reader.GetInt32(1)));
        return words;
    }

    [Fact]
    public async Task Rank_EveryDocumentCounted_EqualsBm25()
    {
        var store = await TestData.NewStoreAsync();
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 2, Rounds: 1, Paragraphs: 600, Seed: 11), null, Ct);
        await using var connection = await OpenAsync(store);
        var words = (await VocabularyAsync(connection)).Where(w => w.Documents < Fts5Rank.SampleSize).Take(40).ToList();
        Assert.NotEmpty(words);

        // Single words, two words, a phrase and a prefix, in the title and text columns as the engine asks.
        string[] queries = [words[0].Word, $"{words[1].Word} {words[5].Word}", $"\"{words[2].Word} {words[3].Word}\"", words[4].Word[..3] + "*", $"{words[0].Word} OR {words[30].Word}"];
        foreach (var q in queries)
        {
            var rows = await ScoresAsync(connection, "{\"Title\" \"Text\"} : (" + q + ")");
            Assert.All(rows, r => Assert.Equal(r.Bm25, r.Rank!.Value, 9));
        }
    }

    [Fact]
    public async Task Rank_PhraseInMoreDocumentsThanTheSample_EstimatesItsIdfClosely()
    {
        var store = await TestData.NewStoreAsync();
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 2, Rounds: 1, Paragraphs: 9000, Seed: 5), null, Ct);
        await using var connection = await OpenAsync(store);
        var vocabulary = await VocabularyAsync(connection);
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM \"SearchDocuments\"";
            var documents = Convert.ToInt32(await count.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
            // A word past the sample, in fewer than half of the documents (above half, bm25's idf is floored to ~0 both ways).
            var (word, held) = vocabulary.Where(w => w.Documents > Fts5Rank.SampleSize * 1.2 && w.Documents < documents / 2).MinBy(w => Math.Abs(w.Documents - documents / 3));
            Assert.NotNull(word);

            var rows = await ScoresAsync(connection, "{\"Title\" \"Text\"} : (" + word + ")");
            Assert.True(rows.Count >= held);
            // Within 10 % of bm25 for every document (the idf of a word in a third of the documents moves fast with
            // its count), and the same order.
            Assert.All(rows, r => Assert.InRange(r.Rank!.Value / r.Bm25, 0.9, 1.1));
            Assert.Equal(rows.OrderBy(r => r.Bm25).ThenBy(r => r.Id).Select(r => r.Id), rows.OrderBy(r => r.Rank).ThenBy(r => r.Id).Select(r => r.Id));
        }
    }

    [Fact]
    public async Task Rank_Window_ScoresTheFirstRowsOnly()
    {
        var store = await TestData.NewStoreAsync();
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 1, Rounds: 1, Paragraphs: 300, Seed: 2), null, Ct);
        await using var connection = await OpenAsync(store);
        var word = (await VocabularyAsync(connection)).First(w => w.Documents > 50).Word;

        var rows = await ScoresAsync(connection, "{\"Title\" \"Text\"} : (" + word + ")", window: 25);

        Assert.True(rows.Count > 50);
        Assert.All(rows.Take(25), r => Assert.Equal(r.Bm25, r.Rank!.Value, 9));
        Assert.All(rows.Skip(25), r => Assert.Null(r.Rank));
    }

    [Fact]
    public async Task Search_OrdersItsHitsAsBm25AndCountsItsFacets_ForThePublicAndWithAPartyFilter()
    {
        var store = await TestData.NewStoreAsync();
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 3, Rounds: 1, Paragraphs: 900, Seed: 7), null, Ct);
        await using var connection = await OpenAsync(store);
        var words = (await VocabularyAsync(connection)).Where(w => w.Documents is > 30 and < 400).Take(10).ToList();
        Assert.True(words.Count >= 3);
        string party;
        int partyId;
        await using (var first = connection.CreateCommand())
        {
            first.CommandText = "SELECT \"Name\", \"Id\" FROM \"Parties\" ORDER BY \"Id\" LIMIT 1";
            await using var reader = await first.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            (party, partyId) = (reader.GetString(0), reader.GetInt32(1));
        }

        // One word (its idf then changes no order and is not counted), two words, a phrase the generator plants; with and
        // without a Party.
        string[] queries = [words[0].Word, $"{words[1].Word} {words[2].Word}", "\"quarel vosqin\""];
        await using var db = store.CreateContext();
        foreach (var q in queries)
            foreach (var withParty in new[] { false, true })
            {
                var found = await SearchEngine.SearchAsync(db, new SearchRequest(SearchQuery.Parse(q).Query!, new SearchFilters { Party = withParty ? party : null }),
                    SearchViewer.Public, Ct);
                var expected = new List<string>();
                await using (var bm25 = connection.CreateCommand())
                {
                    bm25.CommandText = "SELECT d.\"Url\" FROM \"SearchIndex\" JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchIndex\".rowid "
                        + "WHERE \"SearchIndex\" MATCH @match AND d.\"Visibility\" = 0" + (withParty ? " AND d.\"PartyId\" = @party" : "")
                        + " ORDER BY bm25(\"SearchIndex\", 2.0, 1.0, 0.0), d.\"Id\" LIMIT 20";
                    bm25.Parameters.AddWithValue("@match", "{\"Title\" \"Text\"} : (" + (q.StartsWith('"') ? q : string.Join(" AND ", q.Split(' '))) + ")");
                    bm25.Parameters.AddWithValue("@party", partyId);
                    await using var reader = await bm25.ExecuteReaderAsync(Ct);
                    while (await reader.ReadAsync(Ct)) expected.Add(reader.GetString(0));
                }
                Assert.NotEmpty(expected);
                Assert.Null(found.RankedOver);
                Assert.Equal(expected, found.Hits.Select(h => h.Url));

                // The facets (counted as SQLite steps, WindowFacets) as SQL's GROUP BY counts them.
                foreach (var (facet, column) in new[] { ("party", "Party"), ("section", "Section"), ("type", "Type"), ("round", "RoundNumber"), ("language", "Language") })
                {
                    var counts = new Dictionary<string, int>();
                    await using (var group = connection.CreateCommand())
                    {
                        group.CommandText = $"SELECT CAST(d.\"{column}\" AS TEXT), count(*) FROM \"SearchIndex\" JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchIndex\".rowid "
                            + "WHERE \"SearchIndex\" MATCH @match AND d.\"Visibility\" = 0" + (withParty ? " AND d.\"PartyId\" = @party" : "")
                            + $" AND d.\"{column}\" IS NOT NULL GROUP BY 1";
                        group.Parameters.AddWithValue("@match", "{\"Title\" \"Text\"} : (" + (q.StartsWith('"') ? q : string.Join(" AND ", q.Split(' '))) + ")");
                        group.Parameters.AddWithValue("@party", partyId);
                        await using var reader = await group.ExecuteReaderAsync(Ct);
                        while (await reader.ReadAsync(Ct)) counts[reader.GetString(0)] = reader.GetInt32(1);
                    }
                    Assert.Equal(counts.OrderBy(c => c.Key, StringComparer.Ordinal), found.Facets[facet].Select(v => KeyValuePair.Create(v.Value, v.Count)).OrderBy(c => c.Key, StringComparer.Ordinal));
                }
            }
    }

    [Fact]
    public async Task Rank_Unweighed_ScoresEveryPhraseAlike()
    {
        var store = await TestData.NewStoreAsync();
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 1, Rounds: 1, Paragraphs: 400, Seed: 4), null, Ct);
        await using var connection = await OpenAsync(store);
        var words = (await VocabularyAsync(connection)).Where(w => w.Documents is > 20 and < 150).Take(2).ToList();
        Assert.Equal(2, words.Count);

        // Arguments after the weights: no Filter phrases, no collection, 0 = unweighed (every idf 1).
        async Task<List<(long Id, double Rank, double Bm25)>> Unweighed(string q)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT rowid, rapporteur_rank(\"SearchIndex\", (SELECT max(\"Id\") FROM \"SearchDocuments\"), 0, 2.0, 1.0, 0.0, 0, 0, 0), "
                + "bm25(\"SearchIndex\", 2.0, 1.0, 0.0) FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH @match";
            command.Parameters.AddWithValue("@match", "{\"Title\" \"Text\"} : (" + q + ")");
            var rows = new List<(long, double, double)>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) rows.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2)));
            return rows;
        }

        // One word: bm25 over its idf, the same for every document.
        var one = await Unweighed(words[0].Word);
        Assert.NotEmpty(one);
        var idf = one[0].Bm25 / one[0].Rank;
        Assert.True(idf > 0.0 && Math.Abs(idf - 1.0) > 1e-6, $"idf {idf}");
        Assert.All(one, r => Assert.Equal(idf, r.Bm25 / r.Rank, 9));

        // Either of two words: a document holding only one of them scores as it would for that word alone, unweighed.
        var either = await Unweighed($"{words[0].Word} OR {words[1].Word}");
        var alone = (await Unweighed(words[1].Word)).ToDictionary(r => r.Id, r => r.Rank);
        var onlySecond = either.Where(r => alone.ContainsKey(r.Id) && !one.Any(o => o.Id == r.Id)).ToList();
        Assert.NotEmpty(onlySecond);
        Assert.All(onlySecond, r => Assert.Equal(alone[r.Id], r.Rank, 9));
    }

    [Fact]
    public async Task Search_WordsShapedLikeFilterTokens_NeverMatchTheFilterColumn()
    {
        // The Filter column holds v0, p1, r1, tparagraph, len…: a word is limited to the title and text only when it
        // could be one of those; the others (most) go to FTS5 without the limit. Either way no Filter token is found.
        var store = await TestData.NewStoreAsync();
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 2, Rounds: 1, Paragraphs: 300, Seed: 9), null, Ct);
        await using var db = store.CreateContext();
        async Task<int> Total(string q) =>
            (await SearchEngine.SearchAsync(db, new SearchRequest(SearchQuery.Parse(q).Query!, new SearchFilters()), SearchViewer.Staff, Ct)).Total;

        var quarel = await Total("quarel");
        Assert.True(quarel > 0);
        foreach (var q in new[] { "v0", "p1", "r1", "tparagraph", "tparagraphs", "trecommendation", "tbox", "tanswers", "len", "v0*", "p*", "tpara*", "tb*", "lfr*",
                     "\"v0 p1\"", "quarel v0", "quarel tparagraph",
                     "quarel OR len", "\"r1 tparagraph\"" })
        {
            var total = await Total(q);
            Assert.True(total == (q.StartsWith("quarel OR", StringComparison.Ordinal) ? quarel : 0), $"{q}: {total}");
        }
        // Excluding a Filter-shaped word excludes nothing.
        Assert.Equal(quarel, await Total("quarel -v0"));
        Assert.Equal(quarel, await Total("quarel -tparagraph"));
    }

    [Theory]
    [InlineData("quarel", false)]
    [InlineData("Vérification", false)]
    [InlineData("v2", true)]
    [InlineData("treaty", true)]
    [InlineData("2019", false)]
    [InlineData("\"legal aid\"", false)]
    [InlineData("\"v0 p1\"", true)]
    [InlineData("quar*", false)]
    [InlineData("tr*", true)]
    [InlineData("tra*", false)]
    [InlineData("training", false)]
    [InlineData("protection", false)]
    [InlineData("victims", false)]
    [InlineData("p12", true)]
    [InlineData("p*", false)] // a one-letter prefix is read as the word "p"
    [InlineData("p1*", true)]
    [InlineData("pr*", false)]
    [InlineData("legal", true)]
    [InlineData("tboxes", true)]
    [InlineData("\"training tparagraph\"", false)]
    public void MayMatchFilter_OnlyWordsThatCouldBeFilterTokens(string q, bool limited)
    {
        var term = SearchQuery.Parse(q).Query!.Required[0][0];
        Assert.Equal(limited, Fts5Dialect.MayMatchFilter(term, null));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData(" NOT \"Filter\" : \"v1\" NOT \"Filter\" : \"v2\"", 2)]
    [InlineData("(\"p1\" OR \"p2\")\"r3\" NOT \"Filter\" : \"v2\" NOT (\"Filter\" : \"v1\" NOT \"Filter\" : \"p1\")", 6)]
    public void FilterPhrases_CountsTheTokensNotTheColumnName(string conditions, int phrases) =>
        Assert.Equal(phrases, SearchEngine.FilterPhrases(conditions));
}
