namespace Rapporteur.Benchmarks;

/// <summary>Finds the shared corpus of real documents the benchmarks read.</summary>
internal static class Corpus
{
    public const string EnvironmentVariable = "RAPPORTEUR_CORPUS";
    public const string TextFolder = "lanzarote/round-2";

    /// <summary>The corpus root, or null; <paramref name="lookedFor"/> says where it was looked for, for the error line.</summary>
    public static string? Find(out string lookedFor)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            lookedFor = $"{full} (from {EnvironmentVariable})";
            return Directory.Exists(full) ? full : null;
        }
        var starts = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (!Directory.Exists(candidate)) continue;
                lookedFor = candidate;
                return candidate;
            }
        }
        lookedFor = $"a folder shared/corpus in {string.Join(" or ", starts.Distinct(StringComparer.Ordinal))} or a parent of it (set {EnvironmentVariable} to choose one)";
        return null;
    }

    /// <summary>The corpus text files, by name.</summary>
    public static IReadOnlyList<string> TextFiles(string root) =>
        Directory.Exists(Path.Combine(root, TextFolder))
            ? Directory.GetFiles(Path.Combine(root, TextFolder), "*.txt").Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The full path of a corpus text file, for benchmarks that take the file name as a parameter.</summary>
    public static string TextFile(string name)
    {
        var root = Find(out var lookedFor) ?? throw new InvalidOperationException($"corpus not found: looked for {lookedFor}");
        return Path.Combine(root, TextFolder, name);
    }
}
