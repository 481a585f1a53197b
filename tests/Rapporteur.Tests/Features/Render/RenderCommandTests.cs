using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Render;

/// <summary><c>rapporteur render</c> run as a process on a data folder holding the corpus factsheet and reply.</summary>
public class RenderCommandTests
{
    private static readonly Lazy<string> Imported = new(() =>
    {
        var data = Directory.CreateTempSubdirectory("rapporteur-render-").FullName;
        var (code, _, stderr) = RapporteurProcess.Run("import", TestData.CorpusFile("netherlands-factsheet.txt"), TestData.CorpusFile("netherlands-reply.txt"), "--data", data);
        Assert.True(code == 0, stderr);
        return data;
    });

    /// <summary>The corpus imported once for the class (the corpus check runs first, so a missing corpus skips or fails).</summary>
    private static string Data
    {
        get
        {
            _ = TestData.Corpus;
            return Imported.Value;
        }
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("pdf")]
    public void RenderFactsheet_ThenParse_GivesTheOriginalRecommendationsBoxesAndFootnotes(string format)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-out-").FullName, "netherlands." + format);

        var (code, stdout, stderr) = RapporteurProcess.Run("render", "factsheet", "--party", "Netherlands", "--round", "2", "--format", format, "-o", output, "--data", Data);

        Assert.True(code == 0, stderr);
        Assert.Contains(output, stdout, StringComparison.Ordinal);
        Assert.Equal(Essentials(TestData.CorpusFile("netherlands-factsheet.txt")), Essentials(output));
    }

    [Fact]
    public void RenderFactsheet_AllParties_WritesOneFilePerPartyIntoTheFolder()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-out-").FullName, "factsheets");

        var (code, _, stderr) = RapporteurProcess.Run("render", "factsheet", "--all-parties", "--round", "2", "--format", "html", "-o", folder, "--data", Data);

        Assert.True(code == 0, stderr);
        Assert.Equal(["netherlands-factsheet-round-2.html"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("compilation", "pdf")]
    [InlineData("compilation", "docx")]
    [InlineData("compliance", "html")]
    [InlineData("compliance", "pdf")]
    public void RenderRoundDocument_WritesTheFile(string document, string format)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-out-").FullName, document + "." + format);

        var (code, _, stderr) = RapporteurProcess.Run("render", document, "--round", "2", "--format", format, "-o", output, "--data", Data);

        Assert.True(code == 0, stderr);
        Assert.True(new FileInfo(output).Length > 1000);
    }

    [Fact]
    public void RenderCompilation_OneQuestion_HasOnlyThatQuestion()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-out-").FullName, "q.html");

        var (code, _, stderr) = RapporteurProcess.Run("render", "compilation", "--round", "2", "--question", "1.2", "--format", "html", "-o", output, "--data", Data);

        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(output);
        Assert.Contains("Question 1.2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Question 1.1", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("factsheet", "--party", "Ruritania", "--round", "2")]
    [InlineData("factsheet", "--party", "Netherlands", "--round", "9")]
    [InlineData("compilation", "--round", "2", "--question", "99")]
    [InlineData("factsheet", "--round", "2")]
    public void Render_UnknownPartyRoundOrQuestion_ExitsTwoWithOneLine(params string[] args)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-out-").FullName, "x.pdf");

        var (code, _, stderr) = RapporteurProcess.Run(["render", .. args, "-o", output, "--data", Data]);

        Assert.Equal(2, code);
        Assert.StartsWith("rapporteur: ", Assert.Single(stderr.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Render_UnwritableOutput_ExitsTwoWithOneLine()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-out-").FullName, "missing-folder", "x.pdf");

        var (code, _, stderr) = RapporteurProcess.Run("render", "factsheet", "--party", "Netherlands", "--round", "2", "-o", output, "--data", Data);

        Assert.Equal(2, code);
        Assert.Contains("cannot write", Assert.Single(stderr.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
    }

    /// <summary>What <c>parse --format json</c> says of a file's recommendations, boxes and footnotes.</summary>
    private static List<string> Essentials(string file)
    {
        var (code, stdout, stderr) = RapporteurProcess.Run("parse", file, "--format", "json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        return
        [
            .. root.GetProperty("recommendations").EnumerateArray().Select(r =>
                $"recommendation {r.GetProperty("id").GetString()} {r.GetProperty("strength").GetString()} {r.GetProperty("addressee").GetString()} {r.GetProperty("party").GetString()}"),
            .. root.GetProperty("boxes").EnumerateArray().Select(b =>
                $"box {b.GetProperty("type").GetString()} [{string.Join(", ", b.GetProperty("recommendations").EnumerateArray().Select(x => x.GetString()))}]"),
            .. root.GetProperty("footnotes").EnumerateArray().Select(f => $"footnote {f.GetProperty("number").GetInt32()}"),
        ];
    }
}
