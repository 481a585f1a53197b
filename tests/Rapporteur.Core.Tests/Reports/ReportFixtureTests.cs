using System.Text;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;
using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Reports;

/// <summary>Fictional reports and recommendation lists (Fixtures/reports): each input file is parsed with its body's
/// vocabulary and compared, as a whole, with "&lt;name&gt;.expected.txt" beside it. With RAPPORTEUR_UPDATE_GOLDEN=1
/// the expected files are written instead, to be reviewed in the diff.</summary>
public class ReportFixtureTests
{
    private static string Folder => Path.Combine(TestPaths.Fixtures, "reports");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.txt").Where(f => !f.EndsWith(".expected.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>The body whose vocabulary applies, and the kind, from the fixture's name.</summary>
    public static ImportOptions OptionsFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith("upr-", StringComparison.Ordinal)) return new ImportOptions { Kind = DocumentKind.Recommendations, Body = TreatyBody.Upr };
        var body = name.StartsWith("greta-", StringComparison.Ordinal) ? TreatyBody.Greta
            : name.StartsWith("grevio-", StringComparison.Ordinal) ? TreatyBody.Grevio
            : TreatyBody.Lanzarote;
        return new ImportOptions { Kind = DocumentKind.Report, Body = body };
    }

    public static ParsedDocument Parse(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        var result = DocumentImporter.Default.ImportText(name, text, OptionsFor(name));
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_Fixture_MatchesExpectedFile(string name)
    {
        var actual = ReportExpectations.Render(Parse(name));
        var expectedPath = Path.Combine(Folder, Path.GetFileNameWithoutExtension(name) + ".expected.txt");
        if (string.Equals(Environment.GetEnvironmentVariable("RAPPORTEUR_UPDATE_GOLDEN"), "1", StringComparison.Ordinal))
        {
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(expectedPath), $"expected file missing: {expectedPath} (run with RAPPORTEUR_UPDATE_GOLDEN=1 to create it)");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Detect_Fixture_GivesItsKind(string name)
    {
        var document = SourceDocument.FromText(name, File.ReadAllText(Path.Combine(Folder, name)));
        Assert.Equal(OptionsFor(name).Kind, KindDetector.Detect(document));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_FixtureAsMarkdown_GivesTheSameRecommendations(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        var md = DocumentImporter.Default.ImportText(Path.ChangeExtension(name, ".md"), text, OptionsFor(name)).Value!;
        var txt = Parse(name);
        Assert.Equal(txt.Recommendations.Select(Describe), md.Recommendations.Select(Describe));
    }

    private static string Describe(Recommendation r) =>
        $"{r.Id}|{r.Strength}|{r.Addressee.Kind}|{r.Addressee.Party?.Name}|{r.Chapter}|{string.Join(',', r.Paragraphs)}|{string.Join(',', r.RecommendedBy)}|{r.Text}";
}
