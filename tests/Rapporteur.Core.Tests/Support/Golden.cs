using System.Text;

namespace Rapporteur.Core.Tests.Support;

/// <summary>Compares output with an expected file next to the input (Markdig's habit: cases are data files).
/// With RAPPORTEUR_UPDATE_GOLDEN=1 the expected file is written instead, to be reviewed in the diff.</summary>
public static class GoldenFile
{
    public static void Verify(string expectedPath, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (string.Equals(Environment.GetEnvironmentVariable("RAPPORTEUR_UPDATE_GOLDEN"), "1", StringComparison.Ordinal))
        {
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(expectedPath), $"expected file missing: {expectedPath} (run with RAPPORTEUR_UPDATE_GOLDEN=1 to create it)");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (string.Equals(expected, actual, StringComparison.Ordinal)) return;
        Assert.Fail($"{Path.GetFileName(expectedPath)} differs:\n{Diff(expected, actual)}");
    }

    /// <summary>The first differing lines, with a little context, in unified style.</summary>
    public static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length) && shown < 20; i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (string.Equals(el, al, StringComparison.Ordinal)) continue;
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"line {i + 1}:\n- {el}\n+ {al}\n");
            shown++;
        }
        return sb.ToString();
    }
}
