using System.Globalization;
using Rapporteur.Core.Render.Documents;
using SkiaSharp;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>Draws laid-out pages on a Skia PDF document: fills first, then text (real text, so it can be selected and
/// searched), leaders, links and destinations, and the page number in the footer from the second page on.</summary>
internal sealed class PdfPainter(PdfFonts fonts) : IDisposable
{
    private readonly SKPaint _fill = new() { Style = SKPaintStyle.Fill, IsAntialias = true };
    private readonly SKPaint _text = new() { IsAntialias = true };

    public void Paint(SKDocument document, IReadOnlyList<PdfPage> pages)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var canvas = document.BeginPage(PdfMetrics.PageWidth, PdfMetrics.PageHeight);
            Paint(canvas, pages[i]);
            if (i > 0) Footer(canvas, i + 1);
            document.EndPage();
        }
    }

    private void Paint(SKCanvas canvas, PdfPage page)
    {
        foreach (var fill in page.Fills)
        {
            _fill.Color = SKColor.Parse(fill.Color);
            canvas.DrawRect(fill.Rect, _fill);
        }
        foreach (var text in page.Texts)
        {
            _text.Color = SKColor.Parse(text.Color);
            canvas.DrawText(text.Text, text.X, text.Baseline, fonts.DrawingFont(text.Style, text.Size), _text);
        }
        _fill.Color = SKColor.Parse(Palette.Muted);
        foreach (var leader in page.Leaders)
            for (var x = leader.From; x <= leader.To; x += 4)
                canvas.DrawCircle(x, leader.Baseline - 1, 0.55f, _fill);
        foreach (var (y, name) in page.Destinations) canvas.DrawNamedDestinationAnnotation(new SKPoint(PdfMetrics.Left, y), name);
        foreach (var link in page.Links) canvas.DrawLinkDestinationAnnotation(link.Rect, link.Destination);
    }

    private void Footer(SKCanvas canvas, int number)
    {
        var label = number.ToString(CultureInfo.InvariantCulture);
        var font = fonts.DrawingFont(TextStyle.Regular, 8.5f);
        _text.Color = SKColor.Parse(Palette.Muted);
        canvas.DrawText(label, (PdfMetrics.PageWidth - font.MeasureText(label)) / 2, PdfMetrics.FooterBaseline, font, _text);
    }

    public void Dispose()
    {
        _fill.Dispose();
        _text.Dispose();
    }
}
