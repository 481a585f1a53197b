using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Tests.Render;

/// <summary>The DOCX is valid Open XML with real heading styles, a footnotes part and shaded box paragraphs.</summary>
public class DocxRendererTests
{
    [Fact]
    public void Render_Factsheet_IsValidOpenXml()
    {
        using var document = Open(RenderFixtures.Render(RenderFixtures.Publication(RenderFixtures.Ruritania()), "docx"));

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document, TestContext.Current.CancellationToken)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Render_Factsheet_UsesHeadingStylesFootnotesAndShadedBoxes()
    {
        var source = RenderFixtures.Ruritania();
        using var document = Open(RenderFixtures.Render(RenderFixtures.Publication(source), "docx"));
        var main = document.MainDocumentPart!;

        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId?.Value).ToList();
        Assert.Contains("Heading1", styles);
        Assert.Contains("Heading2", styles);
        var paragraphs = main.Document!.Body!.Elements<Paragraph>().ToList();
        var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(source.Chapters.Select(c => $"{c.Number}. {c.Title}"), headings);

        var notes = main.FootnotesPart!.Footnotes!.Elements<Footnote>().Where(f => f.Type is null).ToList();
        Assert.Equal(source.Footnotes.Count, notes.Count);
        Assert.Equal(notes.Count, main.Document.Body.Descendants<FootnoteReference>().Count());

        var fills = paragraphs.Select(p => p.ParagraphProperties?.Shading?.Fill?.Value).OfType<string>().ToHashSet();
        Assert.Contains(Palette.Fill(Shade.Orange)!, fills);
    }

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);
}
