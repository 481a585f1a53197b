using Microsoft.EntityFrameworkCore;
using Rapporteur.Data.Search;
using Rapporteur.Features.Synthetic;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Synthetic;

/// <summary>The synthetic data set at a small size: the counts asked for, and the planted terms found exactly.</summary>
public sealed class SyntheticDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_SmallSet_CountsAndPlantedTermsAreFound()
    {
        var store = await TestData.NewStoreAsync();

        var summary = await SyntheticData.GenerateAsync(store, new SyntheticOptions(Parties: 2, Rounds: 1, Paragraphs: 2000, Seed: 7), null, Ct);

        await using var db = store.CreateContext();
        Assert.Equal(2, await db.Parties.CountAsync(Ct));
        Assert.Equal(1, await db.Rounds.CountAsync(Ct));
        Assert.Equal(2, await db.Reports.CountAsync(Ct));
        Assert.Equal(2000, await db.Set<Rapporteur.Data.Entities.ReportParagraph>().CountAsync(Ct));
        Assert.Equal(2 * SyntheticOptions.QuestionsPerRound, await db.Answers.CountAsync(Ct));
        Assert.Equal(2 * SyntheticOptions.RecommendationsPerReport, await db.Recommendations.CountAsync(Ct));
        // Every report got its even share, numbered from 1.
        var perReport = await db.Set<Rapporteur.Data.Entities.ReportChapter>().GroupBy(c => c.ReportId)
            .Select(g => g.SelectMany(c => c.Paragraphs).Max(p => p.Number)).ToListAsync(Ct);
        Assert.Equal([1000, 1000], perReport);
        Assert.True(summary.SearchDocuments >= 2000);

        for (var t = 0; t < SyntheticText.Terms.Count; t++)
        {
            var query = SearchQuery.Parse("\"" + SyntheticText.Terms[t] + "\"").Query!;
            var found = await SearchEngine.SearchAsync(db, new SearchRequest(query, new SearchFilters { Type = "paragraph" }), SearchViewer.Public, Ct);
            Assert.Equal(summary.ParagraphsWithTerm[t], found.Total);
        }
        Assert.True(summary.ParagraphsWithTerm[0] > 40, "the most frequent term is in about 4% of paragraphs");
    }

    [Fact]
    public void Text_SameSeed_SameWordsAndZipfShape()
    {
        var a = new SyntheticText(3);
        var b = new SyntheticText(3);
        Assert.Equal(a.Paragraph(), b.Paragraph());
        var counts = Enumerable.Range(0, 20_000).Select(_ => a.Word()).GroupBy(w => w, StringComparer.Ordinal).Select(g => g.Count()).OrderDescending().ToList();
        // Zipf: the commonest word is far commoner than the tenth, and no word has a "q" (kept for the planted terms).
        Assert.InRange(counts[0] / (double)counts[9], 5, 20);
        Assert.DoesNotContain('q', string.Concat(Enumerable.Range(0, 1000).Select(_ => b.Word())));
    }

    [Fact]
    public void DemoCommand_NonEmptyDatabase_OneLineRefusal()
    {
        var dir = Directory.CreateTempSubdirectory("rapporteur-synthetic-").FullName;
        var (code, stdout, stderr) = RapporteurProcess.Run("demo", "--parties", "1", "--rounds", "1", "--paragraphs", "50", "--data", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("50 paragraphs", stdout, StringComparison.Ordinal);

        (code, _, stderr) = RapporteurProcess.Run("demo", "--parties", "1", "--rounds", "1", "--paragraphs", "50", "--data", dir);
        Assert.Equal(2, code);
        Assert.Contains("already has data", stderr, StringComparison.Ordinal);
    }
}
