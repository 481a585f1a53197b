using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Search;

/// <summary>The corpus imported once into a data folder that the tests only read.</summary>
public sealed class ImportedCorpus
{
    private readonly Lazy<string> directory = new(() =>
    {
        var data = System.IO.Directory.CreateTempSubdirectory("rapporteur-search-");
        var (code, _, stderr) = RapporteurProcess.Run("import", TestData.CorpusFile("netherlands-reply.txt"), TestData.CorpusFile("netherlands-factsheet.txt"), "--data", data.FullName);
        Assert.True(code == 0, stderr);
        return data.FullName;
    });

    public string Directory => directory.Value;
}

/// <summary><c>rapporteur search</c> and <c>rapporteur reindex</c> run as processes on the imported corpus.</summary>
public sealed class SearchCommandTests(ImportedCorpus corpus, PostgresCluster postgres) : IClassFixture<ImportedCorpus>
{
    private static readonly string[] ResultKeys = ["type", "id", "party", "round", "title", "snippet", "url", "language"];

    [Fact]
    public void Search_CorpusTerm_PrintsTheJsonContract()
    {
        var (code, stdout, stderr) = RapporteurProcess.Run("search", "sexual extortion", "--data", corpus.Directory, "--format", "json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["total", "totalIsLowerBound", "rankedOver", "results", "facets"], root.EnumerateObject().Select(p => p.Name));
        Assert.False(root.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rankedOver").ValueKind);
        Assert.True(root.GetProperty("total").GetInt32() > 0);
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            Assert.Equal(ResultKeys, r.EnumerateObject().Select(p => p.Name));
            Assert.Equal(2, r.GetProperty("round").GetInt32());
            Assert.StartsWith("/rounds/Lanzarote/2", r.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Contains("<mark>", r.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        }
        // The reply's answer to the question on extortion is found where it is: the reply page, at the question.
        Assert.Contains(results, r => r.GetProperty("type").GetString() == "answer" && r.GetProperty("party").GetString() == "Netherlands"
            && r.GetProperty("url").GetString()!.StartsWith("/rounds/Lanzarote/2/replies/Netherlands#q-", StringComparison.Ordinal));
        var types = root.GetProperty("facets").GetProperty("type").EnumerateArray().Sum(v => v.GetProperty("count").GetInt32());
        Assert.Equal(root.GetProperty("total").GetInt32(), types);
    }

    [Fact]
    public void Search_PartyAndStrength_KeepOnlyThoseRecommendations()
    {
        var all = Json("search", "prosecuted", "--data", corpus.Directory, "--format", "json", "--limit", "100");
        var filtered = Json("search", "prosecuted", "--party", "Netherlands", "--strength", "request", "--data", corpus.Directory, "--format", "json", "--limit", "100");
        var total = filtered.GetProperty("total").GetInt32();
        Assert.InRange(total, 1, all.GetProperty("total").GetInt32() - 1);
        foreach (var r in filtered.GetProperty("results").EnumerateArray())
        {
            Assert.Equal("recommendation", r.GetProperty("type").GetString());
            Assert.Equal("Netherlands", r.GetProperty("party").GetString());
            Assert.Matches("^/rounds/Lanzarote/2/recommendations/[IVX]+-[0-9]+$", r.GetProperty("url").GetString()!);
        }
        var strengths = filtered.GetProperty("facets").GetProperty("strength").EnumerateArray().ToList();
        Assert.Equal("request", Assert.Single(strengths).GetProperty("value").GetString());
        Assert.Equal(total, strengths[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public void Search_TypeAndLimit_PageTheResults()
    {
        var first = Json("search", "child*", "--type", "footnote", "--limit", "2", "--data", corpus.Directory, "--format", "json");
        var second = Json("search", "child*", "--type", "footnote", "--limit", "2", "--offset", "2", "--data", corpus.Directory, "--format", "json");
        Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
        var ids = first.GetProperty("results").EnumerateArray().Concat(second.GetProperty("results").EnumerateArray()).Select(r => r.GetProperty("url").GetString()).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids, u => Assert.Contains("/factsheets/Netherlands#fn-", u, StringComparison.Ordinal));
    }

    [Fact]
    public void Search_Text_PrintsTitlesMatchesAndAddresses()
    {
        var (code, stdout, stderr) = RapporteurProcess.Run("search", "\"sexual extortion\"", "--data", corpus.Directory, "--limit", "3");
        Assert.True(code == 0, stderr);
        Assert.Matches("^[0-9]+ results? for \"sexual extortion\"", stdout);
        Assert.Contains("**", stdout, StringComparison.Ordinal);
        Assert.Contains("/rounds/Lanzarote/2", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--type", "chapter", "type must be one of")]
    [InlineData("--limit", "0", "limit must be")]
    [InlineData("--addressee", "everyone", "addressee must be one of")]
    public void Search_BadOption_IsOneLineAndExitTwo(string option, string value, string message)
    {
        var (code, _, stderr) = RapporteurProcess.Run("search", "children", option, value, "--data", corpus.Directory);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_NoDatabase_SaysSo()
    {
        var empty = Directory.CreateTempSubdirectory("rapporteur-search-empty-");
        var (code, _, stderr) = RapporteurProcess.Run("search", "children", "--data", empty.FullName);
        Assert.Equal(2, code);
        Assert.Contains("no database", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty.FullName, "rapporteur.db")));
    }

    [Fact]
    public void Search_DraftImport_IsNotFoundFromTheCommandLine()
    {
        var data = Directory.CreateTempSubdirectory("rapporteur-search-draft-");
        var (code, _, stderr) = RapporteurProcess.Run("import", TestData.CorpusFile("netherlands-reply.txt"), "--draft", "--data", data.FullName);
        Assert.True(code == 0, stderr);
        // The questionnaire is public; the draft reply's answers are not, not even in the counts.
        var found = Json("search", "extortion", "--data", data.FullName, "--format", "json");
        Assert.True(found.GetProperty("total").GetInt32() > 0);
        Assert.All(found.GetProperty("results").EnumerateArray(), r => Assert.Equal("question", r.GetProperty("type").GetString()));
        Assert.DoesNotContain(found.GetProperty("facets").GetProperty("type").EnumerateArray(), v => v.GetProperty("value").GetString() == "answer");
        Assert.Equal(0, Json("search", "extortion", "--type", "answer", "--data", data.FullName, "--format", "json").GetProperty("total").GetInt32());
    }

    [Fact]
    public void Reindex_ImportedCorpus_RebuildsTheSameIndex()
    {
        var data = Directory.CreateTempSubdirectory("rapporteur-search-reindex-");
        foreach (var file in Directory.GetFiles(corpus.Directory, "rapporteur.db*")) File.Copy(file, Path.Combine(data.FullName, Path.GetFileName(file)));
        var before = Json("search", "grooming", "--data", data.FullName, "--format", "json", "--limit", "100");
        // As after an upgrade whose migration asks for a rebuild: reindex's own rebuild serves the request (once, not twice).
        var database = Path.Combine(data.FullName, "rapporteur.db");
        using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            sqlite.Open();
            using var ask = sqlite.CreateCommand();
            ask.CommandText = "INSERT OR REPLACE INTO \"SearchState\" (\"Key\", \"Value\") VALUES ('rebuild', 'test')";
            ask.ExecuteNonQuery();
        }
        var (code, stdout, stderr) = RapporteurProcess.Run("reindex", "--data", data.FullName);
        Assert.True(code == 0, stderr);
        Assert.Matches("indexed [0-9]+ documents in [0-9]+ ms", stdout);
        using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            sqlite.Open();
            using var ask = sqlite.CreateCommand();
            ask.CommandText = "SELECT COUNT(*) FROM \"SearchState\" WHERE \"Key\" = 'rebuild'";
            Assert.Equal(0L, (long)ask.ExecuteScalar()!);
        }
        var after = Json("search", "grooming", "--data", data.FullName, "--format", "json", "--limit", "100");
        Assert.Equal(before.GetProperty("total").GetInt32(), after.GetProperty("total").GetInt32());
        Assert.Equal(Urls(before), Urls(after));
    }

    [Fact]
    public async Task Search_OnPostgres_FindsWhatSqliteFinds()
    {
        var store = await postgres.NewStoreAsync();
        var data = "postgres:" + store.ConnectionString;
        var (code, _, stderr) = RapporteurProcess.Run("import", TestData.CorpusFile("netherlands-reply.txt"), TestData.CorpusFile("netherlands-factsheet.txt"), "--data", data);
        Assert.True(code == 0, stderr);
        string[] query = ["search", "prosecuted", "--party", "Netherlands", "--strength", "request", "--format", "json", "--limit", "100"];
        var onPostgres = Json([.. query, "--data", data]);
        var onSqlite = Json([.. query, "--data", corpus.Directory]);
        Assert.True(onPostgres.GetProperty("total").GetInt32() > 0);
        Assert.Equal(Urls(onSqlite).Order(StringComparer.Ordinal), Urls(onPostgres).Order(StringComparer.Ordinal));
        var phrase = Json("search", "\"sexual extortion\"", "--format", "json", "--data", data);
        Assert.Contains("<mark>", phrase.GetProperty("results")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        var (reindexed, stdout, error) = RapporteurProcess.Run("reindex", "--data", data);
        Assert.True(reindexed == 0, error);
        Assert.Contains("postgres://127.0.0.1", stdout, StringComparison.Ordinal);
    }

    private static List<string?> Urls(JsonElement root) => root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToList();

    private static JsonElement Json(params string[] args)
    {
        var (code, stdout, stderr) = RapporteurProcess.Run(args);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }
}
