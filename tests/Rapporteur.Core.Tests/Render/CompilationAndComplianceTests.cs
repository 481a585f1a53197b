using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Rapporteur.Core.Model;
using Rapporteur.Core.Render.Documents;
using Rapporteur.Core.Tests.Support;
using UglyToad.PdfPig;

namespace Rapporteur.Core.Tests.Render;

/// <summary>The compilation of replies and the compliance report: built from the model, set by the same renderers.</summary>
public class CompilationAndComplianceTests
{
    private static Compilation FreedoniaCompilation()
    {
        var reply = RenderFixtures.Import(Path.Combine(TestPaths.Fixtures, "replies", "freedonia-reply.txt"), new Core.Import.ImportOptions { Party = new Party("Freedonia") });
        return new Compilation(2, "Fictional round", reply.Questionnaire!, [reply.Reply!]);
    }

    [Fact]
    public void Compilation_ForQuestion_KeepsThatQuestionAndItsSubQuestions()
    {
        var compilation = FreedoniaCompilation();
        var first = compilation.Questionnaire.Questions.First();
        var group = first.Number.Split('.')[0];

        var only = compilation.ForQuestion(group)!;

        Assert.All(only.Questionnaire.Questions, q => Assert.True(q.Number == group || q.Number.StartsWith(group + ".", StringComparison.Ordinal)));
        Assert.Null(compilation.ForQuestion("999"));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("pdf")]
    [InlineData("docx")]
    public void Render_Compilation_ShowsEveryQuestionWithTheParty(string format)
    {
        var compilation = FreedoniaCompilation();

        var text = Text(RenderFixtures.Render(CompilationDocument.From(compilation), format), format);

        foreach (var q in compilation.Questionnaire.Questions) Assert.Contains("Question" + q.Number, text, StringComparison.Ordinal);
        Assert.Contains(compilation.Replies[0].Party.Name, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ComplianceReport_From_GivesEachRecommendationItsPartiesStatus()
    {
        var source = RenderFixtures.Ruritania();

        var report = ComplianceReport.From(3, "Fictional round", source.Recommendations, [source.Factsheet!]);

        Assert.Equal(source.Recommendations.Select(r => r.Id).Order(), report.Entries.Select(e => e.Recommendation.Id));
        foreach (var entry in report.Entries)
        {
            var evidence = Assert.Single(entry.Parties);
            var expected = source.Boxes.Any(b => b.Type == BoxType.PromisingPractice && b.Recommendations.Contains(entry.Recommendation.Id)) ? ComplianceStatus.PromisingPractice
                : source.HasFollowUp(entry.Recommendation.Id) ? ComplianceStatus.FollowUpReported
                : ComplianceStatus.NoInformation;
            Assert.Equal(expected, evidence.Status);
        }
        Assert.Contains(report.Entries, e => e.Parties[0].Status == ComplianceStatus.FollowUpReported);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("pdf")]
    [InlineData("docx")]
    public void Render_ComplianceReport_ShowsEveryRecommendation(string format)
    {
        var source = RenderFixtures.Ruritania();
        var report = ComplianceReport.From(3, "Fictional round", source.Recommendations, [source.Factsheet!]);

        var bytes = RenderFixtures.Render(ComplianceDocument.From(report), format);

        var text = Text(bytes, format);
        foreach (var r in source.Recommendations) Assert.Contains("Recommendation" + r.Id.Value, text, StringComparison.Ordinal);
        if (format == "docx")
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document, TestContext.Current.CancellationToken));
        }
    }

    /// <summary>The document's text without spaces, whatever the format.</summary>
    private static string Text(byte[] bytes, string format)
    {
        string text;
        if (format == "pdf")
        {
            using var pdf = PdfDocument.Open(bytes);
            text = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        }
        else if (format == "docx")
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            text = document.MainDocumentPart!.Document!.Body!.InnerText;
        }
        else text = Encoding.UTF8.GetString(bytes);
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }
}
