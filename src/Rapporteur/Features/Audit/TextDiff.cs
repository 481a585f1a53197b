namespace Rapporteur.Features.Audit;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>A line diff of two versions (longest common subsequence), for the history pages.</summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Lines(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        // Common prefix and suffix first: versions usually differ in a few places.
        var start = 0;
        while (start < before.Count && start < after.Count && before[start] == after[start]) start++;
        int endB = before.Count, endA = after.Count;
        while (endB > start && endA > start && before[endB - 1] == after[endA - 1]) { endB--; endA--; }

        var n = endB - start;
        var m = endA - start;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = before[start + i] == after[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var result = new List<DiffLine>(before.Count + m);
        for (var k = 0; k < start; k++) result.Add(new(DiffKind.Same, before[k]));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && before[start + x] == after[start + y]) { result.Add(new(DiffKind.Same, before[start + x])); x++; y++; }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y])) { result.Add(new(DiffKind.Added, after[start + y])); y++; }
            else { result.Add(new(DiffKind.Removed, before[start + x])); x++; }
        }
        for (var k = endB; k < before.Count; k++) result.Add(new(DiffKind.Same, before[k]));
        return result;
    }
}
