using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Render.Pdf;
using Rapporteur.Core.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Rapporteur.Core.Tests.Render;

/// <summary>The PDF as PdfPig reads it: selectable text, the title in the metadata, and each footnote at the foot of
/// the page that carries its marker.</summary>
public class PdfRendererTests
{
    [Fact]
    public void Render_CorpusFactsheet_SetsEachFootnoteOnThePageOfItsMarker()
    {
        var source = RenderFixtures.Import(TestPaths.CorpusFile(RenderFixtures.CorpusFactsheet));
        using var pdf = PdfDocument.Open(RenderFixtures.Render(RenderFixtures.Publication(source), "pdf"));

        var definitions = new Dictionary<int, int>();
        var markers = new HashSet<(int Note, int Page)>();
        foreach (var page in pdf.GetPages())
            foreach (var (number, size) in SuperscriptRuns(page))
            {
                // Footnotes are set smaller than the body text their markers sit in.
                if (size < 9) Assert.True(definitions.TryAdd(number, page.Number), $"footnote {number} is set twice");
                else markers.Add((number, page.Number));
            }

        Assert.Equal(source.Footnotes.Select(f => f.Number), definitions.Keys.Order());
        foreach (var (note, page) in definitions) Assert.Contains((note, page), markers);
    }

    [Fact]
    public void Render_CorpusFactsheet_HasSelectableTextAndItsTitleInTheMetadata()
    {
        var source = RenderFixtures.Import(TestPaths.CorpusFile(RenderFixtures.CorpusFactsheet));
        var publication = RenderFixtures.Publication(source);
        using var pdf = PdfDocument.Open(RenderFixtures.Render(publication, "pdf"));

        Assert.Equal(publication.Title, pdf.Information.Title);
        var text = string.Concat(pdf.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)).Replace(" ", "", StringComparison.Ordinal)));
        foreach (var chapter in source.Chapters)
            Assert.Contains((chapter.Number + "." + chapter.Title).Replace(" ", "", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.All(pdf.GetPages(), p => Assert.Equal((595, 842), ((int)Math.Round(p.Width), (int)Math.Round(p.Height))));
    }

    [Fact]
    public void Render_WithoutTheDejaVuFiles_FallsBackAndSaysSo()
    {
        var publication = RenderFixtures.Publication(RenderFixtures.Ruritania());
        using var output = new MemoryStream();

        var notes = new PdfRenderer(Path.Combine(Path.GetTempPath(), "no-fonts-here")).Render(publication, output);

        Assert.Contains("DejaVu", Assert.Single(notes), StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(output.ToArray());
        Assert.True(pdf.NumberOfPages >= 3);
    }

    /// <summary>Runs of superscript digits on the page (a thin space parts two markers), with their font size.</summary>
    private static IEnumerable<(int Number, double Size)> SuperscriptRuns(Page page)
    {
        var digits = "";
        double size = 0;
        foreach (var letter in page.Letters)
        {
            if (letter.Value.Length == 1 && Superscript.IsDigit(letter.Value[0]) && (digits.Length == 0 || Math.Abs(letter.PointSize - size) < 0.1))
            {
                digits += letter.Value;
                size = letter.PointSize;
                continue;
            }
            if (digits.Length > 0) yield return (Superscript.Parse(digits), size);
            digits = letter.Value.Length == 1 && Superscript.IsDigit(letter.Value[0]) ? letter.Value : "";
            size = letter.PointSize;
        }
        if (digits.Length > 0) yield return (Superscript.Parse(digits), size);
    }
}
