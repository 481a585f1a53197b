using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Data.Search;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Search;

/// <summary>The index moves with the data, in the same transaction; text and snippets are made safe.</summary>
public sealed class SearchIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Round, int Party)> RoundAsync(DataStore store)
    {
        await using var db = store.CreateContext();
        var body = new Body { ShortName = "GRETA", Name = "GRETA", Convention = "Convention" };
        var round = new Round { Body = body, Number = 1, Theme = "t", TitleEn = "t" };
        var party = new Party { Name = "Atlantis" };
        db.AddRange(round, party);
        await db.SaveChangesAsync(Ct);
        return (round.Id, party.Id);
    }

    private static async Task<int> FoundAsync(DataStore store, string q)
    {
        await using var db = store.CreateContext();
        return (await SearchEngine.SearchAsync(db, new SearchRequest(SearchQuery.Parse(q).Query!, new SearchFilters()), SearchViewer.Staff, Ct)).Total;
    }

    [Fact]
    public async Task Search_Prefix_StandsForTheWordsAsWritten()
    {
        var store = await TestData.NewStoreAsync();
        var (round, party) = await RoundAsync(store);
        await using (var db = store.CreateContext())
        {
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "1", Text = "The happiness of children comes first.", PartyId = party });
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "2", Text = "Happy families need support.", PartyId = party });
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "3", Text = "Traffickers are prosecuted; trafficking is a crime.", PartyId = party });
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "4", Text = "Écoles et éducation.", PartyId = party });
            await db.SaveChangesAsync(Ct);
        }

        // FTS5's own prefixes are of stems: "happiness" is stored as "happi", so happiness* would find nothing there.
        // Expanded into the word, it finds what the word finds (stemmed: "happy" too).
        Assert.Equal(2, await FoundAsync(store, "happiness"));
        Assert.Equal(2, await FoundAsync(store, "happiness*"));
        Assert.Equal(2, await FoundAsync(store, "happ*"));
        Assert.Equal(1, await FoundAsync(store, "traffick*"));
        Assert.Equal(1, await FoundAsync(store, "educ*"));
        Assert.Equal(1, await FoundAsync(store, "ÉCOL*"));
        Assert.Equal(0, await FoundAsync(store, "zygo*"));
        Assert.Equal(1, await FoundAsync(store, "families OR crime -happ*"));

        // A word saved later is found by its prefix at once (the words are written in the save's transaction).
        await using (var db = store.CreateContext())
        {
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "5", Text = "Zygomatic injuries are documented.", PartyId = party });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(1, await FoundAsync(store, "zygo*"));
    }

    [Fact]
    public async Task SaveChanges_WithoutTransaction_IndexesAndFollowsEdits()
    {
        var store = await TestData.NewStoreAsync();
        var (round, party) = await RoundAsync(store);
        await using (var db = store.CreateContext())
        {
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "1", Text = "Trafficking victims need shelters.", PartyId = party });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(1, await FoundAsync(store, "shelter"));
        await using (var db = store.CreateContext())
        {
            var r = await db.Recommendations.SingleAsync(Ct);
            r.Text = "Trafficking victims need lawyers.";
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(0, await FoundAsync(store, "shelter"));
        Assert.Equal(1, await FoundAsync(store, "lawyer"));
        await using (var db = store.CreateContext())
        {
            db.Recommendations.Remove(await db.Recommendations.SingleAsync(Ct));
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(0, await FoundAsync(store, "lawyer"));
    }

    [Fact]
    public async Task SaveChanges_RolledBackOrFailed_LeavesTheIndexAsItWas()
    {
        var store = await TestData.NewStoreAsync();
        var (round, _) = await RoundAsync(store);
        await using (var db = store.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "1", Text = "Labour inspectors should visit farms." });
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }
        Assert.Equal(0, await FoundAsync(store, "inspectors"));
        await using (var db = store.CreateContext())
        {
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "2", Text = "Labour inspectors should visit farms." });
            db.Recommendations.Add(new Recommendation { RoundId = round, Code = "2", Text = "A duplicate code fails the save." });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        Assert.Equal(0, await FoundAsync(store, "inspectors"));
        await using (var db = store.CreateContext())
            Assert.Equal(0, await SearchIndexer.CountAsync(db, Ct));
    }

    [Theory]
    [InlineData("plain \uE000hit\uE001 & <b>", "plain <mark>hit</mark> &amp; &lt;b&gt;")]
    [InlineData("\uE001stray close \uE000open never closed", "stray close <mark>open never closed</mark>")]
    [InlineData("protégé \"quoted\" 'single'", "protégé &quot;quoted&quot; &#39;single&#39;")]
    public void SnippetToHtml_EscapesTextAndKeepsOnlyItsOwnMarks(string marked, string html) =>
        Assert.Equal(html, SearchSnippet.ToHtml(marked));

    [Theory]
    [InlineData("<p>One &amp; <strong>two</strong></p><ul><li>three</li></ul>", "One & two\nthree")]
    [InlineData("a < b, plain text with \uE000 forged marks\uE001", "a < b, plain text with  forged marks")]
    public void IndexTextPlain_StripsTagsAndMarkers(string stored, string indexed) =>
        Assert.Equal(indexed, IndexText.Plain(stored));
}
