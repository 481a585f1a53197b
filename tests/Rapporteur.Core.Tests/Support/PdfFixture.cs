using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Rapporteur.Core.Tests.Support;

/// <summary>Writes small test PDFs in memory (A4, Helvetica and Helvetica-Bold). Positions are in points from the
/// left and from the TOP of the page, which reads more naturally than PDF's bottom-up coordinates.</summary>
public sealed class PdfFixture : IDisposable
{
    public const double PageHeight = 842;
    public const double Left = 72;

    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private PdfPageBuilder? _page;

    public PdfFixture()
    {
        _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
        _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
    }

    private PdfPageBuilder Current => _page ?? throw new InvalidOperationException("Call Page() first.");

    /// <summary>Starts a new page.</summary>
    public PdfFixture Page()
    {
        _page = _builder.AddPage(PageSize.A4);
        return this;
    }

    /// <summary>Writes text with its baseline <paramref name="top"/> points below the top of the page.</summary>
    public PdfFixture Text(string text, double top, double size = 11, bool bold = false, double x = Left)
    {
        Current.AddText(text, size, new PdfPoint(x, PageHeight - top), bold ? _bold : _regular);
        return this;
    }

    /// <summary>Writes lines one under the other, <paramref name="leading"/> points apart, starting at <paramref name="top"/>.</summary>
    public PdfFixture Lines(double top, IEnumerable<string> lines, double size = 11, double leading = 13.5)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            Text(line, top, size);
            top += leading;
        }
        return this;
    }

    /// <summary>Writes "before", then <paramref name="marker"/> smaller and raised (a footnote reference), then "after"
    /// (give it a leading space for a word break).</summary>
    public PdfFixture TextWithMarker(string before, string marker, string after, double top, double size = 11, double x = Left)
    {
        var markerSize = size * 0.6;
        var baseline = PageHeight - top;
        var end = Write(before, size, x, baseline);
        end = Write(marker, markerSize, end, baseline + size * 0.35);
        Write(after, size, end, baseline);
        return this;
    }

    /// <summary>Writes a filled rectangle (no border) with its top-left corner at (<paramref name="x"/>, <paramref name="top"/>).
    /// Draw it before the text that sits on it.</summary>
    public PdfFixture Box(double x, double top, double width, double height, byte r, byte g, byte b)
    {
        Current.SetTextAndFillColor(r, g, b);
        Current.SetStrokeColor(r, g, b);
        Current.DrawRectangle(new PdfPoint(x, PageHeight - top - height), width, height, 0.5, fill: true);
        Current.ResetColor();
        return this;
    }

    public byte[] Build() => _builder.Build();

    public MemoryStream ToStream() => new(Build());

    public void Dispose() => _builder.Dispose();

    private double Write(string text, double size, double x, double baseline)
    {
        if (text.Length == 0) return x;
        var letters = Current.AddText(text, size, new PdfPoint(x, baseline), _regular);
        return letters.Count == 0 ? x : letters.Max(l => l.EndBaseLine.X);
    }
}
