using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Parse;

/// <summary>The <c>rapporteur parse</c> contract, run as a user runs it: a separate process, its exit code, its output.</summary>
public class ParseCommandTests
{
    private static string Root { get; } = FindUp(AppContext.BaseDirectory, "Rapporteur.slnx");

    private static string Corpus()
    {
        var configured = Environment.GetEnvironmentVariable("RAPPORTEUR_CORPUS");
        var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(Path.GetDirectoryName(Root)!, "shared", "corpus") : configured;
        if (Directory.Exists(path)) return path;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail($"corpus not found at {path}");
        Assert.Skip($"corpus not found at {path} (set RAPPORTEUR_CORPUS)");
        return path;
    }

    [Fact]
    public void Parse_CorpusReplyAsJson_PrintsTheContract()
    {
        var (code, stdout, stderr) = RapporteurProcess.Run("parse", Path.Combine(Corpus(), "lanzarote", "round-2", "netherlands-reply.txt"), "--format", "json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("reply", root.GetProperty("kind").GetString());
        Assert.Equal("Netherlands", root.GetProperty("party").GetString());
        Assert.Equal(2, root.GetProperty("round").GetInt32());
        Assert.Equal(4, root.GetProperty("sections").GetArrayLength());
        var q97 = root.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("number").GetString() == "9.7");
        Assert.Equal("Prosecution", q97.GetProperty("section").GetString());
        Assert.Equal(["a", "b", "c", "d", "e", "f"], q97.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.NotEmpty(q97.GetProperty("answer").GetString()!);
        var q98 = root.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("number").GetString() == "9.8");
        Assert.Equal("", q98.GetProperty("answer").GetString());
        foreach (var key in new[] { "chapters", "recommendations", "boxes", "footnotes", "warnings" })
            Assert.Equal(JsonValueKind.Array, root.GetProperty(key).ValueKind);
    }

    [Fact]
    public void Parse_CorpusFactsheetAsJson_GivesRecommendationsBoxesFootnotes()
    {
        var (code, stdout, stderr) = RapporteurProcess.Run("parse", Path.Combine(Corpus(), "lanzarote", "round-2", "netherlands-factsheet.txt"), "--kind", "factsheet", "--format", "json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var recs = json.RootElement.GetProperty("recommendations").EnumerateArray().ToList();
        var ii6 = recs.Single(r => r.GetProperty("id").GetString() == "II-6");
        Assert.Equal("request", ii6.GetProperty("strength").GetString());
        Assert.Equal("party", ii6.GetProperty("addressee").GetString());
        Assert.Equal("II", ii6.GetProperty("chapter").GetString());
        Assert.True(ii6.GetProperty("followUp").GetBoolean());
        Assert.Equal("all", recs.Single(r => r.GetProperty("id").GetString() == "II-1").GetProperty("addressee").GetString());
        var box = json.RootElement.GetProperty("boxes").EnumerateArray().First();
        Assert.Equal("followUp", box.GetProperty("type").GetString());
        Assert.Equal("II-6", box.GetProperty("recommendations")[0].GetString());
        var fn1 = json.RootElement.GetProperty("footnotes")[0];
        Assert.Equal([67, 68, 73], fn1.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Theory]
    [InlineData("text", "Prosecution")]
    [InlineData("markdown", "## Prosecution")]
    public void Parse_ForPeople_PrintsReadableOutput(string format, string expected)
    {
        var (code, stdout, stderr) = RapporteurProcess.Run("parse", Path.Combine(Corpus(), "lanzarote", "round-2", "netherlands-reply.txt"), "--format", format);
        Assert.True(code == 0, stderr);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingFile_ExitsTwoWithOneLineNamingIt()
    {
        var (code, stdout, stderr) = RapporteurProcess.Run("parse", "/nonexistent/reply.txt");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("/nonexistent/reply.txt", line, StringComparison.Ordinal);
        Assert.Contains("not found", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage.docx")]
    [InlineData("garbage.pdf")]
    [InlineData("garbage.xyz")]
    [InlineData("binary.txt")]
    public void Parse_CorruptOrUnsupportedInput_ExitsTwoWithOneLine(string name)
    {
        var dir = Directory.CreateTempSubdirectory("rapporteur-cli-");
        try
        {
            var path = Path.Combine(dir.FullName, name);
            var bytes = new byte[4096];
            new Random(42).NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            var (code, stdout, stderr) = RapporteurProcess.Run("parse", path, "--format", "json");
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains(name, line, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_UnknownKind_ExitsTwoWithOneLine()
    {
        var (code, _, stderr) = RapporteurProcess.Run("parse", "x.txt", "--kind", "novel");
        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    private static string FindUp(string start, string marker)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, marker))) return d.FullName;
        throw new InvalidOperationException($"{marker} not found above {start}");
    }
}
