using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;
using Rapporteur.Features.Import;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Import;

/// <summary>Importing into a real SQLite file: documents land where they belong, and a refused import leaves nothing.</summary>
public class ImportHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ParsedDocument Parse(string path, ImportOptions? options = null)
    {
        var result = DocumentImporter.Default.ImportFile(path, options, Ct);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    [Fact]
    public async Task Import_CorpusReplyAndFactsheet_StoresReplyRecommendationsBoxesAndFootnotes()
    {
        var store = await TestData.NewStoreAsync();
        await using (var db = store.CreateContext())
        {
            var handler = new ImportHandler(db, TimeProvider.System);
            Assert.True((await handler.ImportAsync(Parse(TestData.CorpusFile("netherlands-reply.txt")), "a", replace: false, Ct)).Success);
            Assert.True((await handler.ImportAsync(Parse(TestData.CorpusFile("netherlands-factsheet.txt")), "b", replace: false, Ct)).Success);
        }
        await using var check = store.CreateContext();
        var reply = await check.Replies.Include(r => r.Party).Include(r => r.Answers).SingleAsync(Ct);
        Assert.Equal("Netherlands", reply.Party!.Name);
        Assert.Equal(37, reply.Answers.Count);
        Assert.Equal(4, await check.Sections.CountAsync(Ct));
        Assert.Equal(66, await check.Recommendations.CountAsync(Ct));
        var ii6 = await check.Recommendations.SingleAsync(r => r.Code == "II-6", Ct);
        Assert.Equal(("request", AddresseeKind.Party), (ii6.Strength, ii6.Addressee));
        var factsheet = await check.Factsheets.Include(f => f.Boxes).Include(f => f.Footnotes).SingleAsync(Ct);
        Assert.Equal(29, factsheet.Boxes.Count);
        Assert.Equal(110, factsheet.Footnotes.Count);
        Assert.Contains(factsheet.Boxes, b => b.Type == BoxType.FollowUp && b.Recommendations.SequenceEqual(["II-6"]));
        Assert.Equal(2, await check.SourceDocuments.CountAsync(Ct));
    }

    [Fact]
    public async Task Import_SameReplyTwice_IsRefusedAndLeavesNothingBehind()
    {
        var store = await TestData.NewStoreAsync();
        var doc = Parse(TestData.CorpusFile("netherlands-reply.txt"));
        await using (var db = store.CreateContext())
            Assert.True((await new ImportHandler(db, TimeProvider.System).ImportAsync(doc, "a", replace: false, Ct)).Success);
        await using (var db = store.CreateContext())
        {
            var second = await new ImportHandler(db, TimeProvider.System).ImportAsync(doc, "a", replace: false, Ct);
            Assert.False(second.Success);
            Assert.Contains("already has a reply", second.Error, StringComparison.Ordinal);
        }
        await using var check = store.CreateContext();
        Assert.Equal(1, await check.SourceDocuments.CountAsync(Ct));
        Assert.Equal(37, await check.Answers.CountAsync(Ct));
    }

    [Fact]
    public async Task Import_ReplaceReply_KeepsOneReplyAndBumpsItsVersion()
    {
        var store = await TestData.NewStoreAsync();
        var doc = Parse(TestData.CorpusFile("netherlands-reply.txt"));
        await using (var db = store.CreateContext())
            await new ImportHandler(db, TimeProvider.System).ImportAsync(doc, "a", replace: false, Ct);
        await using (var db = store.CreateContext())
            Assert.True((await new ImportHandler(db, TimeProvider.System).ImportAsync(doc, "a", replace: true, Ct)).Success);
        await using var check = store.CreateContext();
        var reply = await check.Replies.Include(r => r.Answers).SingleAsync(Ct);
        Assert.Equal(1, reply.Version);
        Assert.Equal(37, reply.Answers.Count);
    }

    [Fact]
    public async Task Import_DocumentWithoutRound_IsRefusedWithAClearReason()
    {
        var store = await TestData.NewStoreAsync();
        var doc = Parse(TestData.Fixture("replies/freedonia-reply.txt"), new ImportOptions { Party = new Party("Freedonia") });
        await using var db = store.CreateContext();
        var outcome = await new ImportHandler(db, TimeProvider.System).ImportAsync(doc, "a", replace: false, Ct);
        Assert.False(outcome.Success);
        Assert.Contains("--round", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, await db.SourceDocuments.CountAsync(Ct));
    }

    [Fact]
    public async Task Import_FactsheetAfterAnotherPartysFactsheet_ReusesAllPartiesRecommendations()
    {
        var store = await TestData.NewStoreAsync();
        var options = new ImportOptions { Round = 3 };
        var ruritania = Parse(TestData.Fixture("factsheets/ruritania-factsheet.txt"), options);
        await using (var db = store.CreateContext())
            Assert.True((await new ImportHandler(db, TimeProvider.System).ImportAsync(ruritania, "a", replace: false, Ct)).Success);
        var freedonia = Parse(TestData.Fixture("factsheets/ruritania-factsheet.txt"), options with { Party = new Party("Freedonia") });
        await using (var db = store.CreateContext())
            Assert.True((await new ImportHandler(db, TimeProvider.System).ImportAsync(freedonia, "b", replace: false, Ct)).Success);
        await using var check = store.CreateContext();
        Assert.Equal(2, await check.Factsheets.CountAsync(Ct));
        Assert.Equal(ruritania.Recommendations.Count, await check.Recommendations.CountAsync(Ct));
    }
}
