using Rapporteur.Data;
using Rapporteur.Data.Copy;
using Rapporteur.Data.Search;
using Rapporteur.Features.Demo;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Copy;

/// <summary><c>rapporteur copy</c> run as a process: the demo data from SQLite to PostgreSQL and to SQLite, verified.</summary>
public sealed class CopyCommandTests(PostgresCluster postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DataStore> DemoStoreAsync()
    {
        var store = await TestData.NewStoreAsync();
        await DemoData.SeedAsync(store, TimeProvider.System, Ct);
        return store;
    }

    [Fact]
    public async Task Copy_SqliteDemoToPostgres_SameCountsChecksumsAndSearchResults()
    {
        var source = await DemoStoreAsync();
        var target = await postgres.NewStoreAsync();

        var (code, stdout, stderr) = RapporteurProcess.Run("copy", "--from", "sqlite:" + source.Directory, "--to", "postgres:" + target.ConnectionString);

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("verified:", stdout, StringComparison.Ordinal);
        Assert.Contains("Parties", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("DIFFERS", stdout, StringComparison.Ordinal);
        await using var from = source.CreateContext();
        await using var to = target.CreateContext();
        var checks = await DatabaseCopier.VerifyAsync(from, to, Ct);
        Assert.All(checks, c => Assert.True(c.Matches, c.ToString()));
        Assert.Contains(checks, c => c.Table == "Recommendations" && c.SourceRows > 0);
        Assert.Contains(checks, c => c.Table == "Answers" && c.SourceRows > 0);

        // Ids were kept, and PostgreSQL numbers new rows after them.
        var maxParty = from.Parties.Max(p => p.Id);
        to.Parties.Add(new Rapporteur.Data.Entities.Party { Name = "Copyland" });
        await to.SaveChangesAsync(Ct);
        Assert.Equal(maxParty + 1, to.Parties.Single(p => p.Name == "Copyland").Id);

        foreach (var q in new[] { "coaches", "\"code of conduct\"", "train*" })
        {
            var request = new SearchRequest(SearchQuery.Parse(q).Query!, new SearchFilters(), 0, 100);
            var a = await SearchEngine.SearchAsync(from, request, SearchViewer.Staff, Ct);
            var b = await SearchEngine.SearchAsync(to, request, SearchViewer.Staff, Ct);
            Assert.True(a.Total > 0, q);
            Assert.Equal(a.Hits.Select(h => h.Url).Order(StringComparer.Ordinal), b.Hits.Select(h => h.Url).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Copy_SqliteToSqliteFile_VerifiesAndRefusesASecondCopy()
    {
        var source = await DemoStoreAsync();
        var target = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-copy-").FullName, "copy.db");

        var (code, stdout, stderr) = RapporteurProcess.Run("copy", "--from", "sqlite:" + source.DatabaseFile, "--to", "sqlite:" + target);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("verified:", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = RapporteurProcess.Run("copy", "--from", "sqlite:" + source.Directory, "--to", "sqlite:" + target);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not empty", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_BadLocation_OneLineError()
    {
        var (code, _, stderr) = RapporteurProcess.Run("copy", "--from", "/tmp/nowhere", "--to", "sqlite:/tmp/x.db");
        Assert.Equal(2, code);
        Assert.StartsWith("rapporteur: --from must be", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChangedRow_ChecksumDiffers()
    {
        var source = await DemoStoreAsync();
        var target = DataStore.FromLocation("sqlite:" + Path.Combine(Directory.CreateTempSubdirectory("rapporteur-copy-").FullName, "copy.db"))!;
        await target.MigrateAsync(Ct);
        await using var from = source.CreateContext();
        await using var to = target.CreateContext();
        await DatabaseCopier.CopyAsync(from, to, null, Ct);
        var answer = to.Answers.OrderBy(a => a.Id).First();
        answer.Text += ".";
        await to.SaveChangesAsync(Ct);

        var checks = await DatabaseCopier.VerifyAsync(from, to, Ct);

        Assert.Equal(["Answers"], checks.Where(c => !c.Matches).Select(c => c.Table));
    }
}
