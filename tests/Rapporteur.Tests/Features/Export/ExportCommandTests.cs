using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Rapporteur.Features.Demo;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Export;

/// <summary><c>rapporteur export</c> run as a process on a data folder holding the demo data.</summary>
public sealed class ExportCommandTests
{
    private static readonly Lazy<string> Demo = new(() =>
    {
        var store = TestData.NewStoreAsync().GetAwaiter().GetResult();
        DemoData.SeedAsync(store, TimeProvider.System).GetAwaiter().GetResult();
        return store.Directory;
    });

    private static string Output(string name) => Path.Combine(Directory.CreateTempSubdirectory("rapporteur-export-").FullName, name);

    [Fact]
    public void ExportReplies_Csv_HasDraftsUnlessPublic()
    {
        var all = Output("replies.csv");
        var open = Output("public.csv");

        var (code, stdout, stderr) = RapporteurProcess.Run("export", "replies", "--format", "csv", "-o", all, "--data", Demo.Value, "--round", "3");
        var (publicCode, _, publicErr) = RapporteurProcess.Run("export", "replies", "-o", open, "--data", Demo.Value, "--public");

        Assert.True(code == 0, stderr);
        Assert.True(publicCode == 0, publicErr);
        Assert.Contains("rows)", stdout, StringComparison.Ordinal);
        var everything = File.ReadAllText(all);
        var published = File.ReadAllText(open);
        Assert.StartsWith("body,round,party,replyStatus", everything.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",Sylvania,draft,", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("draft", published, StringComparison.Ordinal);
        Assert.Contains(",Ruritania,submitted,", published, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportMatrix_FormatFromTheFileName_IsAValidWorkbook()
    {
        var file = Output("matrix.xlsx");

        var (code, _, stderr) = RapporteurProcess.Run("export", "matrix", "-o", file, "--data", Demo.Value, "--strength", "require");

        Assert.True(code == 0, stderr);
        using var book = SpreadsheetDocument.Open(file, false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(book, TestContext.Current.CancellationToken));
        var cells = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().Select(t => t.Text).ToList();
        Assert.Contains("require", cells);
        Assert.DoesNotContain("invite", cells);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public void ExportAssessments_Json_HasTheHistoryWithWhoRecordedIt()
    {
        var file = Output("assessments.json");

        var (code, _, stderr) = RapporteurProcess.Run("export", "assessments", "--format", "json", "-o", file, "--data", Demo.Value, "--party", "Ruritania");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(3, json.RootElement.GetArrayLength());
        Assert.All(json.RootElement.EnumerateArray(), r => Assert.Equal("system", r.GetProperty("recordedBy").GetString()));
    }

    [Theory]
    [InlineData("rapporteur: There is no round 9", "export", "matrix", "--round", "9")]
    [InlineData("rapporteur: There is no Party Atlantis", "export", "replies", "--party", "Atlantis")]
    [InlineData("rapporteur: Replies are filtered by body, round, party and status", "export", "replies", "--chapter", "II")]
    [InlineData("rapporteur: Argument 'answers' not recognized", "export", "answers")]
    [InlineData("rapporteur: Argument 'pdf' not recognized", "export", "replies", "--format", "pdf")]
    public void Export_BadInput_IsExitCode2AndOneLineAndNoFile(string error, params string[] args)
    {
        var file = Output("out.csv");

        var (code, _, stderr) = RapporteurProcess.Run([.. args, "-o", file, "--data", Demo.Value]);

        Assert.Equal(2, code);
        Assert.StartsWith(error, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public void Export_IntoAMissingFolder_IsExitCode2()
    {
        var (code, _, stderr) = RapporteurProcess.Run("export", "replies", "-o", "/nonexistent-folder/replies.csv", "--data", Demo.Value);

        Assert.Equal(2, code);
        Assert.Equal("rapporteur: /nonexistent-folder/replies.csv: cannot write: the folder /nonexistent-folder does not exist", stderr.TrimEnd());
    }

    [Fact]
    public void Export_ExistingFile_IsReplacedWhole()
    {
        var file = Output("recommendations.csv");
        File.WriteAllText(file, "old content");

        var (code, _, stderr) = RapporteurProcess.Run("export", "recommendations", "-o", file, "--data", Demo.Value);

        Assert.True(code == 0, stderr);
        Assert.Equal(9, File.ReadAllText(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
