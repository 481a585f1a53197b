namespace Rapporteur.Core.Tests.Support;

/// <summary>Where the tests find the repository's fixtures and the shared corpus of real documents.</summary>
public static class TestPaths
{
    /// <summary>The repository root: the folder holding Rapporteur.slnx.</summary>
    public static string RepositoryRoot { get; } = FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "Rapporteur.slnx")))
        ?? throw new InvalidOperationException("Rapporteur.slnx not found above " + AppContext.BaseDirectory);

    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "Rapporteur.Core.Tests", "Fixtures");

    /// <summary>The corpus folder: RAPPORTEUR_CORPUS, or shared/corpus beside the repository. Under CI (CI=true) a
    /// missing corpus fails the test; elsewhere the test is skipped with the path it looked for.</summary>
    public static string Corpus
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("RAPPORTEUR_CORPUS");
            var path = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : FindUp(RepositoryRoot, d => Directory.Exists(Path.Combine(d, "shared", "corpus"))) is { } up
                    ? Path.Combine(up, "shared", "corpus")
                    : Path.Combine(Path.GetDirectoryName(RepositoryRoot) ?? RepositoryRoot, "shared", "corpus");
            if (Directory.Exists(path)) return path;
            var message = $"corpus not found at {path} (set RAPPORTEUR_CORPUS)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(message);
            Assert.Skip(message);
            return path;
        }
    }

    public static string CorpusFile(string relative) => Path.Combine(Corpus, relative);

    private static string? FindUp(string start, Func<string, bool> found)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (found(d.FullName)) return d.FullName;
        return null;
    }
}
