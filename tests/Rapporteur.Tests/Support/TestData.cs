using Rapporteur.Data;

namespace Rapporteur.Tests.Support;

/// <summary>Paths the tests need, and a fresh data folder (a real SQLite file) per test.</summary>
public static class TestData
{
    public static string Root { get; } = FindUp(AppContext.BaseDirectory, "Rapporteur.slnx");

    /// <summary>The corpus folder; a missing corpus fails under CI and skips elsewhere.</summary>
    public static string Corpus
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("RAPPORTEUR_CORPUS");
            var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(Path.GetDirectoryName(Root)!, "shared", "corpus") : configured;
            if (Directory.Exists(path)) return path;
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail($"corpus not found at {path}");
            Assert.Skip($"corpus not found at {path} (set RAPPORTEUR_CORPUS)");
            return path;
        }
    }

    public static string CorpusFile(string name) => Path.Combine(Corpus, "lanzarote", "round-2", name);

    public static string Fixture(string relative) => Path.Combine(Root, "tests", "Rapporteur.Core.Tests", "Fixtures", relative);

    /// <summary>A new, migrated data folder under the temp directory.</summary>
    public static async Task<DataStore> NewStoreAsync()
    {
        var dir = Directory.CreateTempSubdirectory("rapporteur-test-");
        var store = DataStore.Open(dir.FullName);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    private static string FindUp(string start, string marker)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, marker))) return d.FullName;
        throw new InvalidOperationException($"{marker} not found above {start}");
    }
}
