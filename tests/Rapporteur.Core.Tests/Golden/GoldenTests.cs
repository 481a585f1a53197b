using Rapporteur.Core.Import;
using Rapporteur.Core.Render;
using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Golden;

/// <summary>Fixture documents written for these tests (fictional Parties): input file → expected JSON beside it.</summary>
public class GoldenTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "replies", "factsheets" })
            foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.Fixtures, folder)).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                data.Add(Path.Combine(folder, Path.GetFileName(file)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_Fixture_MatchesExpectedJson(string fixture)
    {
        var path = Path.Combine(TestPaths.Fixtures, fixture);
        var result = DocumentImporter.Default.ImportFile(path, new ImportOptions { SourcePath = fixture }, TestContext.Current.CancellationToken);
        Assert.True(result.Success, result.Error?.ToString());
        GoldenFile.Verify(path + ".expected.json", ParseResultJson.Render(result.Value!) + "\n");
    }

    [Fact]
    public void Parse_MarkdownAndTextFactsheet_GiveTheSameRecommendationsAndBoxes()
    {
        var txt = DocumentImporter.Default.ImportFile(Path.Combine(TestPaths.Fixtures, "factsheets", "ruritania-factsheet.txt"), null, TestContext.Current.CancellationToken).Value!;
        var md = DocumentImporter.Default.ImportFile(Path.Combine(TestPaths.Fixtures, "factsheets", "ruritania-factsheet.md"), null, TestContext.Current.CancellationToken).Value!;
        Assert.Equal(txt.Recommendations.Select(r => (r.Id.Value, r.Strength, r.Addressee.Kind, r.Text)), md.Recommendations.Select(r => (r.Id.Value, r.Strength, r.Addressee.Kind, r.Text)));
        Assert.Equal(txt.Boxes.Select(b => (b.Type, b.Text, string.Join(',', b.Recommendations))), md.Boxes.Select(b => (b.Type, b.Text, string.Join(',', b.Recommendations))));
        Assert.Equal(txt.Chapters.Select(c => c.Number), md.Chapters.Select(c => c.Number));
    }
}
