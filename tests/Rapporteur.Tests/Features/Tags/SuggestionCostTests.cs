using System.Data.Common;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rapporteur.Core.Import;
using Rapporteur.Core.Tagging;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Import;
using Rapporteur.Features.Tags;
using Rapporteur.Tests.Support;
using Party = Rapporteur.Core.Model.Party;

namespace Rapporteur.Tests.Features.Tags;

/// <summary>What suggesting costs: an import proposes tags only for what it added or changed (the rest of the round,
/// and what people decided on it, is left as it is), and suggesting a whole round takes a handful of SQL commands
/// however many items it has — counted with an EF command interceptor, never timed.</summary>
public sealed class SuggestionCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => Path.Combine(TestData.Root, "tests", "Rapporteur.Tests", "Features", "Tags", "Import", name);

    private static async Task ImportAsync(RapporteurDbContext db, string file, ImportOptions? options = null)
    {
        var parsed = DocumentImporter.Default.ImportFile(Fixture(file), options, Ct);
        Assert.True(parsed.Success, parsed.Error?.ToString());
        var outcome = await new ImportHandler(db, TimeProvider.System).ImportAsync(parsed.Value!, file, replace: false, Ct);
        Assert.True(outcome.Success, outcome.Error);
    }

    private static async Task<List<(int Id, TagTarget Kind, int Target, int Term, TagState State, DateTimeOffset At, string User)>> TaggingsAsync(DataStore store)
    {
        await using var db = store.CreateContext();
        return [.. (await db.Taggings.AsNoTracking().ToListAsync(Ct)).Select(t => (t.Id, t.TargetKind, t.TargetId, t.TermId, t.State, t.At, t.UserName)).OrderBy(t => t.Id)];
    }

    [Fact]
    public async Task SecondImport_IntoTheSameRound_LeavesTheSuggestionsOfUntouchedItemsAlone()
    {
        var store = await TestData.NewStoreAsync();
        await using (var db = store.CreateContext()) await ImportAsync(db, "report.txt");
        var first = await TaggingsAsync(store);
        Assert.NotEmpty(first);
        Assert.All(first, t => Assert.Equal(TagTarget.Recommendation, t.Kind));

        // A person decides on two suggestions; then the model learns from the tagging sample, so a re-suggestion of the
        // whole round would now add learned tags to the report's recommendations.
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "secretariat@demo.test"), new Claim(ClaimTypes.NameIdentifier, "u1")], "test"));
        await using (var db = store.CreateContext())
        {
            var tagger = new Tagger(db, TimeProvider.System);
            await tagger.DecideAsync(principal, first[0].Id, accept: true, Ct);
            await tagger.DecideAsync(principal, first[^1].Id, accept: false, Ct);
            Assert.Equal(72, await TaggedSample.LoadSampleAsync(db, TimeProvider.System, Ct));
        }
        var before = (await TaggingsAsync(store)).Where(t => t.Kind == TagTarget.Recommendation).ToList();

        await using (var db = store.CreateContext()) await ImportAsync(db, "reply.txt", new ImportOptions { Party = new Party("Freedonia"), Round = 3 });

        var after = await TaggingsAsync(store);
        // Every recommendation's tags — the report's, with their decisions, and the sample's — are exactly as they were.
        Assert.Equal(before, after.Where(t => t.Kind == TagTarget.Recommendation).ToList());
        Assert.Contains(before, t => t.State == TagState.Accepted && t.User == "secretariat@demo.test");
        Assert.Contains(before, t => t.State == TagState.Rejected);
        // What the reply brought (the reply and its questions) got suggestions, each term at most once per item.
        var reply = await IdAsync(store, db => db.Replies.Select(r => r.Id).SingleAsync(Ct));
        Assert.Contains(after, t => t.Kind == TagTarget.Reply && t.Target == reply && t.State == TagState.Suggested);
        Assert.Contains(after, t => t.Kind == TagTarget.Question && t.State == TagState.Suggested);
        Assert.Equal(after.Count, after.DistinctBy(t => (t.Kind, t.Target, t.Term)).Count());
    }

    [Fact]
    public async Task SuggestRound_OfTwoThousandItems_TakesAHandfulOfQueries()
    {
        var store = await TestData.NewStoreAsync();
        int round;
        await using (var db = store.CreateContext())
        {
            await ImportAsync(db, "report.txt");
            round = await db.Rounds.Select(r => r.Id).SingleAsync(Ct);
        }
        // The filler goes in without the search index (this test needs none), which would take most of its time.
        await using (var db = new RapporteurDbContext(new DbContextOptionsBuilder<RapporteurDbContext>().UseSqlite(store.ConnectionString).Options))
        {
            // 1,500 more recommendations and 500 questions, a third of them naming an article of the Convention.
            for (var i = 0; i < 1500; i++)
                db.Recommendations.Add(new Recommendation
                {
                    RoundId = round, Code = $"X-{i + 1}", Addressee = Rapporteur.Core.Model.AddresseeKind.All,
                    Text = i % 3 == 0 ? $"The Committee invites Parties to apply Article {5 + i % 30} of the Lanzarote Convention to case {i}." : $"The Committee invites Parties to collect figures on case {i}.",
                });
            var section = new Section { RoundId = round, Name = "Extra", Order = 9 };
            db.Sections.Add(section);
            await db.SaveChangesAsync(Ct);
            for (var i = 0; i < 500; i++)
                db.Questions.Add(new Question
                {
                    RoundId = round, SectionId = section.Id, Number = $"{100 + i}", Order = 100 + i,
                    Text = i % 3 == 0 ? $"How do you apply Article {5 + i % 30} of the Lanzarote Convention in setting {i}?" : $"Which figures do you keep on setting {i}?",
                });
            await db.SaveChangesAsync(Ct);
        }

        var suggestedBefore = (await TaggingsAsync(store)).Count(t => t.State == TagState.Suggested);
        var counter = new CommandCounter();
        int added;
        await using (var db = Counted(store, counter))
            added = await new Tagger(db, TimeProvider.System).SuggestRoundAsync(null, round, Ct);
        Assert.True(added >= 500, $"{added} suggestions");
        // Reads: the round's recommendations, questions (with items and rounds), replies, their existing tags, the terms
        // and the model's accepted tags — not one per item. Writes: one insert per new suggestion (SQLite's provider
        // does not batch them; in-process they cost no round trip), and the audit entry.
        var inserts = counter.Texts.Count(t => t.StartsWith("INSERT INTO \"Taggings\"", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{counter.Selects} reads, {counter.All} commands ({inserts} tag inserts) for {added} suggestions on 2,003 items");
        Assert.True(counter.Selects is >= 1 and <= 15, $"{counter.Selects} reads for {added} suggestions:\n{counter.Shapes}");
        Assert.Equal(added, inserts);
        Assert.True(counter.All - inserts <= 20, $"{counter.All - inserts} commands besides the inserts:\n{counter.Shapes}");

        // A second run proposes nothing new, in as few reads.
        var again = new CommandCounter();
        await using (var db = Counted(store, again))
            Assert.Equal(0, await new Tagger(db, TimeProvider.System).SuggestRoundAsync(null, round, Ct));
        Assert.True(again.Selects is >= 1 and <= 15, $"{again.Selects} reads:\n{again.Shapes}");
        Assert.True(again.All <= 20, $"{again.All} commands:\n{again.Shapes}");
        Assert.Equal(suggestedBefore + added, (await TaggingsAsync(store)).Count(t => t.State == TagState.Suggested));
    }

    private static async Task<int> IdAsync(DataStore store, Func<RapporteurDbContext, Task<int>> find)
    {
        await using var db = store.CreateContext();
        return await find(db);
    }

    private static RapporteurDbContext Counted(DataStore store, CommandCounter counter)
    {
        var options = new DbContextOptionsBuilder<RapporteurDbContext>();
        store.Configure(options);
        options.AddInterceptors(counter);
        return new RapporteurDbContext(options.Options);
    }

    /// <summary>Counts the SQL commands EF sends, and among them the reads.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int All { get; private set; }

        public int Selects { get; private set; }

        public List<string> Texts { get; } = [];

        public string Shapes => string.Join("\n", Texts.GroupBy(t => t.Length > 60 ? t[..60] : t).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Count()}× {g.Key}"));

        private void Count(DbCommand command)
        {
            All++;
            Texts.Add(command.CommandText.TrimStart());
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) Selects++;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count(command);
            return base.NonQueryExecuting(command, eventData, result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count(command);
            return base.ScalarExecuting(command, eventData, result);
        }
    }
}
