using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics.Colors;

namespace Rapporteur.Core.Import.Formats;

/// <summary>A filled, non-white area of a page (a shaded box behind text) and its colour family.</summary>
internal readonly record struct PdfShadedArea(PdfRectangle Bounds, BoxShade Shade)
{
    public double Area => Bounds.Width * Bounds.Height;
}

/// <summary>Finds shaded boxes from the filled paths PdfPig reports (<see cref="Page.Paths"/>, with their fill colour).</summary>
/// <remarks>Only vector fills count: a box that is a raster image, or a fill with a pattern or shading dictionary
/// (gradients), is not seen.</remarks>
internal static class PdfShading
{
    /// <summary>How far (points) a line may stick out of a box and still be in it.</summary>
    private const double Tolerance = 2.0;

    public static IReadOnlyList<PdfShadedArea> Find(Page page)
    {
        var result = new List<PdfShadedArea>();
        var pageArea = page.Width * page.Height;
        foreach (var path in page.Paths)
        {
            if (!path.IsFilled || path.IsClipping || path.FillColor is not { } color) continue;
            if (color.ColorSpace == ColorSpace.Pattern) continue;
            if (path.GetBoundingRectangle() is not { } bounds) continue;
            // Rules and underlines are thin fills; a page-sized fill is a background, not a box.
            if (bounds.Width < 10 || bounds.Height < 6) continue;
            if (pageArea > 0 && bounds.Width * bounds.Height > 0.9 * pageArea) continue;
            var (r, g, b) = color.ToRGBValues();
            if (Classify(r, g, b) is { } shade) result.Add(new PdfShadedArea(bounds, shade));
        }
        return result;
    }

    /// <summary>The innermost shaded box that holds the whole line, if any.</summary>
    public static PdfShadedArea? Containing(IReadOnlyList<PdfShadedArea> areas, PdfTextLine line)
    {
        PdfShadedArea? best = null;
        foreach (var area in areas)
        {
            var box = area.Bounds;
            if (line.Left < box.Left - Tolerance || line.Right > box.Right + Tolerance) continue;
            if (line.Bottom < box.Bottom - Tolerance || line.Top > box.Top + Tolerance) continue;
            if (best is null || area.Area < best.Value.Area) best = area;
        }
        return best;
    }

    /// <summary>The colour family of a fill given as RGB in 0–1; null for white (no visible box).</summary>
    internal static BoxShade? Classify(double r, double g, double b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        if (min > 0.96) return null;
        var saturation = max <= 0 ? 0 : (max - min) / max;
        if (saturation < 0.06) return BoxShade.Other; // grey
        var hue = Hue(r, g, b, max, min);
        if (hue is >= 15 and <= 65) return BoxShade.Orange;
        if (hue is >= 180 and <= 260) return BoxShade.Blue;
        return BoxShade.Other;
    }

    private static double Hue(double r, double g, double b, double max, double min)
    {
        var delta = max - min;
        if (delta <= 0) return 0;
        double h;
        if (max == r) h = (g - b) / delta % 6;
        else if (max == g) h = (b - r) / delta + 2;
        else h = (r - g) / delta + 4;
        h *= 60;
        return h < 0 ? h + 360 : h;
    }
}
