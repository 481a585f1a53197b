using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Docx;

/// <summary>
/// A publication as a Word document (Open XML): real Title and Heading 1–3 styles in the styles part, a table of
/// contents field that Word fills in on opening (its entries link to the chapters meanwhile), footnotes in the
/// footnotes part with real references, and boxes as paragraphs shaded in the palette's colours with a coloured
/// edge. The output is what <see cref="Import.Formats.DocxReader"/> reads back.
/// </summary>
public sealed class DocxRenderer : IPublicationRenderer
{
    // A4 and 2.4 cm margins, in twentieths of a point.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1361;

    public string Format => "docx";
    public string Extension => ".docx";

    public IReadOnlyList<string> Render(Publication publication, Stream output)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(output);
        // Open XML writes through a seekable stream; the caller's may not be one.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = publication.Title;
            document.PackageProperties.Creator = publication.Author;
            document.PackageProperties.Subject = publication.Subject;
            document.PackageProperties.Language = publication.Language;
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyleSheet.Build(publication.Language);
            var notes = new DocxNotes(publication);
            var body = new DocxBodyWriter(publication, notes).Write();
            main.AddNewPart<FootnotesPart>().Footnotes = notes.Part;
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new UpdateFieldsOnOpen { Val = true }, DocxNotes.Properties());
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(
                new ParagraphProperties { Justification = new Justification { Val = JustificationValues.Center } },
                new SimpleField(new Run(DocxText.Text("1"))) { Instruction = " PAGE " }));
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = Margin, Right = (uint)Margin, Bottom = Margin, Left = (uint)Margin, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
        return [];
    }
}
