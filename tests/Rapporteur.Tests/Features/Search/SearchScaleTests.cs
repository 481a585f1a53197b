using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Search;
using Rapporteur.Features.Synthetic;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Search;

/// <summary>Search when a word matches more than the engine ranks at once: the newest <see cref="SearchEngine.RankWindow"/>
/// matches are ranked and counted in the facets (and the results say so), the total stays exact up to
/// <see cref="SearchEngine.CountLimit"/> and says "at least" beyond, and filters give the same counts either way.</summary>
public sealed partial class SearchScaleTests(PostgresCluster postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DataStore> StoreAsync(string provider) => provider == "postgres" ? await postgres.NewStoreAsync() : await TestData.NewStoreAsync();

    /// <summary>The commonest words of the synthetic paragraphs, commonest first.</summary>
    private static async Task<List<string>> CommonestAsync(DataStore store)
    {
        await using var db = store.CreateContext();
        var texts = await db.Set<Rapporteur.Data.Entities.ReportParagraph>().OrderBy(p => p.Id).Take(200).Select(p => p.Text).ToListAsync(Ct);
        return [.. texts.SelectMany(t => Word().Matches(t).Select(m => m.Value)).GroupBy(w => w, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).Select(g => g.Key)];
    }

    private static async Task<SearchResults> SearchAsync(DataStore store, string q, SearchFilters? filters = null, int offset = 0)
    {
        await using var db = store.CreateContext();
        return await SearchEngine.SearchAsync(db, new SearchRequest(SearchQuery.Parse(q).Query!, filters ?? new SearchFilters(), offset), SearchViewer.Public, Ct);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_MoreMatchesThanTheRankWindow_RanksTheNewestAndCountsAllExactly(string provider)
    {
        var store = await StoreAsync(provider);
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 2, Rounds: 1, Paragraphs: 1500, Seed: 7), null, Ct);
        var word = (await CommonestAsync(store))[0];

        var all = await SearchAsync(store, word);

        Assert.True(all.Total > SearchEngine.RankWindow, $"{word}: {all.Total}");
        Assert.False(all.TotalIsLowerBound);
        Assert.Equal(SearchEngine.RankWindow, all.RankedOver);
        Assert.Equal(SearchEngine.RankWindow, all.Facets["type"].Sum(v => v.Count));
        Assert.Equal(20, all.Hits.Count);
        Assert.All(all.Hits, h => Assert.Contains('\uE000', h.Snippet));

        // The Party filter (FTS5: a token of the index) and the type filter count exactly, and add up to the total.
        // (The window holds the newest matches, which may all be one Party's: the Parties come from the database.)
        List<string> parties;
        await using (var db = store.CreateContext()) parties = await db.Parties.Select(p => p.Name).ToListAsync(Ct);
        Assert.Equal(2, parties.Count);
        var byParty = new List<int>();
        foreach (var party in parties)
        {
            var found = await SearchAsync(store, word, new SearchFilters { Party = party.ToUpperInvariant() });
            Assert.All(found.Hits, h => Assert.Equal(party, h.Party));
            byParty.Add(found.Total);
        }
        var questions = await SearchAsync(store, word, new SearchFilters { Type = "question" });
        Assert.All(questions.Hits, h => Assert.Equal("question", h.Type));
        Assert.Equal(all.Total, byParty.Sum() + questions.Total);
        Assert.Equal(0, (await SearchAsync(store, word, new SearchFilters { Party = "Nowhere" })).Total);

        // A page beyond the window widens it: still results, none seen on the first page.
        var deep = await SearchAsync(store, word, offset: SearchEngine.RankWindow);
        Assert.NotEmpty(deep.Hits);
        Assert.Empty(deep.Hits.Select(h => h.Url).Intersect(all.Hits.Select(h => h.Url)));
    }

    [Fact]
    public async Task Search_MoreMatchesThanTheCountLimit_SaysAtLeast()
    {
        var store = await TestData.NewStoreAsync();
        await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 1, Rounds: 1, Paragraphs: SearchEngine.CountLimit + 500, Seed: 3), null, Ct);
        var words = await CommonestAsync(store);

        var found = await SearchAsync(store, $"{words[0]} OR {words[1]} OR {words[2]}");

        Assert.True(found.TotalIsLowerBound);
        Assert.Equal(SearchEngine.CountLimit, found.Total);
        Assert.Equal(SearchEngine.RankWindow, found.RankedOver);
        Assert.Equal(20, found.Hits.Count);

        // Browsing by a filter alone (no words): the same bound, the facets over the newest matches.
        await using var db = store.CreateContext();
        var browsed = await SearchEngine.SearchAsync(db, new SearchRequest(SearchQuery.Empty, new SearchFilters { Type = "paragraph" }), SearchViewer.Public, Ct);
        Assert.True(browsed.TotalIsLowerBound);
        Assert.Equal(SearchEngine.CountLimit, browsed.Total);
        Assert.Equal(SearchEngine.CountLimit, browsed.RankedOver);
        Assert.Equal(SearchEngine.CountLimit, browsed.Facets["type"].Sum(v => v.Count));
        Assert.Equal(20, browsed.Hits.Count);
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
