using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Import;
using Party = Rapporteur.Core.Model.Party;
using Rapporteur.Core.Tagging;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Import;
using Rapporteur.Features.Tags;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Tags;

/// <summary>Importing a report (its recommendations) and a reply (its answers and the questions it brings) proposes
/// tags with their reasons and tags nothing: a person accepts or rejects each. The fixtures (Tags/Import/*.txt) were
/// written for these tests: "Article 20(2) of the Lanzarote Convention" must be proposed, "Article 34 of the UN
/// Convention on the Rights of the Child" and "Article 24 of the Criminal Code" must not.</summary>
public sealed class ImportSuggestionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => Path.Combine(TestData.Root, "tests", "Rapporteur.Tests", "Features", "Tags", "Import", name);

    private static async Task ImportAsync(DataStore store, string file, ImportOptions? options = null)
    {
        var parsed = DocumentImporter.Default.ImportFile(Fixture(file), options, Ct);
        Assert.True(parsed.Success, parsed.Error?.ToString());
        await using var db = store.CreateContext();
        var outcome = await new ImportHandler(db, TimeProvider.System).ImportAsync(parsed.Value!, file, replace: false, Ct);
        Assert.True(outcome.Success, outcome.Error);
    }

    private sealed record Suggestion(int Id, TagTarget Kind, int Target, string Tag, TagState State, string Source, string Reason);

    private static async Task<List<Suggestion>> TaggingsAsync(DataStore store)
    {
        await using var db = store.CreateContext();
        return (await db.Taggings.Select(t => new { t.Id, t.TargetKind, t.TargetId, t.Term!.Vocabulary!.Key, t.Term.Code, t.State, t.Source, t.Reason }).ToListAsync(Ct))
            .Select(t => new Suggestion(t.Id, t.TargetKind, t.TargetId, $"{t.Key}:{t.Code}", t.State, t.Source, t.Reason)).ToList();
    }

    private static async Task<int> IdAsync(DataStore store, Func<RapporteurDbContext, Task<int>> find)
    {
        await using var db = store.CreateContext();
        return await find(db);
    }

    [Fact]
    public async Task Import_ReportAndReply_ProposesArticleTagsWithReasonsAndTagsNothing()
    {
        var store = await TestData.NewStoreAsync();

        await ImportAsync(store, "report.txt");
        await ImportAsync(store, "reply.txt", new ImportOptions { Party = new Party("Freedonia"), Round = 3 });

        var all = await TaggingsAsync(store);
        Assert.DoesNotContain(all, t => t.State != TagState.Suggested);
        var ii1 = await IdAsync(store, db => db.Recommendations.Where(r => r.Code == "II-1").Select(r => r.Id).SingleAsync(Ct));
        var ii2 = await IdAsync(store, db => db.Recommendations.Where(r => r.Code == "II-2").Select(r => r.Id).SingleAsync(Ct));
        var question = await IdAsync(store, db => db.Questions.Where(q => q.Number == "1.1").Select(q => q.Id).SingleAsync(Ct));
        var reply = await IdAsync(store, db => db.Replies.Select(r => r.Id).SingleAsync(Ct));
        string[] Articles(TagTarget kind, int id) =>
            all.Where(t => t.Kind == kind && t.Target == id && t.Source == Suggester.ArticleSource).Select(t => t.Tag).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["lanzarote-articles:20(2)"], Articles(TagTarget.Recommendation, ii1));
        Assert.Equal(["lanzarote-articles:23", "lanzarote-articles:24"], Articles(TagTarget.Recommendation, ii2));
        Assert.Equal(["lanzarote-articles:20(2)"], Articles(TagTarget.Question, question));
        Assert.Equal(["lanzarote-articles:20(2)"], Articles(TagTarget.Reply, reply));
        var reason = all.Single(t => t.Kind == TagTarget.Recommendation && t.Target == ii1).Reason;
        Assert.Contains("Article 20(2)", reason, StringComparison.Ordinal);
        Assert.Contains(all, t => t.Kind == TagTarget.Reply && t.Reason.Contains("paragraph 2 of Article 20", StringComparison.Ordinal));
        // Without accepted tags there is no learned model, so the article parser is the only source.
        Assert.All(all, t => Assert.Equal(Suggester.ArticleSource, t.Source));

        // A person decides: accept one, reject another; a second import of the round proposes neither again.
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "secretariat@demo.test"), new Claim(ClaimTypes.NameIdentifier, "u1")], "test"));
        var accept = all.Single(t => t.Kind == TagTarget.Recommendation && t.Target == ii1);
        var reject = all.Single(t => t.Kind == TagTarget.Recommendation && t.Target == ii2 && t.Tag == "lanzarote-articles:24");
        await using (var db = store.CreateContext())
        {
            var tagger = new Tagger(db, TimeProvider.System);
            Assert.Equal("accepted", (await tagger.DecideAsync(principal, accept.Id, accept: true, Ct)).Tag!.State);
            Assert.Equal("rejected", (await tagger.DecideAsync(principal, reject.Id, accept: false, Ct)).Tag!.State);
        }
        await ImportAsync(store, "reply.txt", new ImportOptions { Party = new Party("Sylvania"), Round = 3 });
        var after = await TaggingsAsync(store);
        Assert.Equal(TagState.Accepted, after.Single(t => t.Id == accept.Id).State);
        Assert.Equal(TagState.Rejected, after.Single(t => t.Id == reject.Id).State);
        Assert.Single(after, t => t.Kind == TagTarget.Recommendation && t.Target == ii2 && t.Tag == "lanzarote-articles:24");
        await using var check = store.CreateContext();
        var actions = await check.AuditEntries.Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("tag.suggest", actions);
        Assert.Contains("tag.accept", actions);
        Assert.Contains("tag.reject", actions);
    }

    [Fact]
    public async Task Import_WithATrainedModel_AlsoProposesLearnedTags()
    {
        var store = await TestData.NewStoreAsync();
        await using (var db = store.CreateContext())
            Assert.Equal(72, await TaggedSample.LoadSampleAsync(db, TimeProvider.System, Ct));

        await ImportAsync(store, "report.txt");

        var suggested = (await TaggingsAsync(store)).Where(t => t.State == TagState.Suggested).ToList();
        Assert.Contains(suggested, t => t.Source == Suggester.ArticleSource && t.Tag == "lanzarote-articles:20(2)");
        var learned = suggested.Where(t => t.Source == Suggester.LearnedSource).ToList();
        Assert.NotEmpty(learned);
        Assert.All(learned, t => Assert.Contains("typical of", t.Reason, StringComparison.Ordinal));
        Assert.Contains(learned, t => t.Tag.StartsWith("themes:", StringComparison.Ordinal));
    }
}
