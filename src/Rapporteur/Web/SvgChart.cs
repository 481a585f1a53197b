using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Rapporteur.Web;

/// <summary>One bar: its label, its value and the CSS colour it is drawn in.</summary>
public sealed record Bar(string Label, int Value, string Colour);

/// <summary>Horizontal bar charts as inline SVG, drawn on the server: no script, readable by screen readers (each
/// chart has a title and each bar its text), printable.</summary>
public static class SvgChart
{
    // Fits a dashboard card (.chart-cards, at least 480 px wide); narrower screens scale the drawing down (site.css).
    private const int Width = 460;
    private const int LabelWidth = 200;
    private const int Row = 28;

    public static IHtmlContent Bars(string title, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var height = Math.Max(1, bars.Count) * Row + 8;
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        var summary = string.Join(", ", bars.Select(b => $"{b.Label}: {b.Value}"));
        svg.Append(inv, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{Enc(title)}: {Enc(summary)}\">");
        svg.Append(inv, $"<title>{Enc(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = i * Row + 4;
            var w = (int)Math.Round((Width - LabelWidth - 50) * (double)b.Value / max);
            svg.Append(inv, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1d2430\">{Enc(b.Label)}</text>");
            svg.Append(inv, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{Math.Max(w, b.Value > 0 ? 2 : 0)}\" height=\"{Row - 8}\" rx=\"3\" fill=\"{Enc(b.Colour)}\" stroke=\"#8a94a3\" stroke-width=\"0.5\"/>");
            svg.Append(inv, $"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 17}\" font-size=\"13\" fill=\"#1d2430\">{b.Value}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
