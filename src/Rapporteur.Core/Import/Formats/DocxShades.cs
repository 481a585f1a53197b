using System.Globalization;
using DocumentFormat.OpenXml;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Rapporteur.Core.Import.Formats;

/// <summary>Classifies DOCX fill colours into the box shades the factsheet parser knows.</summary>
internal static class DocxShades
{
    /// <summary>The shade of a w:shd element; null when it paints nothing (no element, nil, auto or white).</summary>
    public static BoxShade? Of(W.Shading? shading)
    {
        if (shading is null) return null;
        var pattern = Text(shading.Val);
        if (string.Equals(pattern, "nil", StringComparison.Ordinal)) return null;
        // A solid pattern paints the foreground colour over the whole area; other patterns mostly show the fill.
        var solid = string.Equals(pattern, "solid", StringComparison.Ordinal);
        var hex = solid && IsHex(Text(shading.Color)) ? Text(shading.Color) : Text(shading.Fill);
        if (IsHex(hex)) return string.Equals(hex, "FFFFFF", StringComparison.OrdinalIgnoreCase) ? null : Classify(hex!);
        if (shading.ThemeFill is not null || (solid && shading.ThemeColor is not null)) return BoxShade.Other;
        return null;
    }

    /// <summary>Orange for orange/amber/yellow/peach hues, Blue for blue hues, Other for the rest (greys, greens).</summary>
    public static BoxShade Classify(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var h = hex.TrimStart('#');
        if (h.Length != 6 || !int.TryParse(h, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb)) return BoxShade.Other;
        var r = ((rgb >> 16) & 0xFF) / 255.0;
        var g = ((rgb >> 8) & 0xFF) / 255.0;
        var b = (rgb & 0xFF) / 255.0;
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var chroma = max - min;
        var lightness = (max + min) / 2;
        var saturation = chroma == 0 ? 0 : chroma / (1 - Math.Abs(2 * lightness - 1));
        // Office's pale accent tints (FBE4D5, FFF2CC, DEEAF6) have little chroma but a high HSL saturation;
        // greys (F2F2F2, E7E6E6, D0CECE) have almost none.
        if (chroma < 8 / 255.0 || saturation < 0.2) return BoxShade.Other;
        double hue;
        if (max == r) hue = 60 * ((g - b) / chroma % 6);
        else if (max == g) hue = 60 * ((b - r) / chroma + 2);
        else hue = 60 * ((r - g) / chroma + 4);
        if (hue < 0) hue += 360;
        if (hue >= 15 && hue <= 65) return BoxShade.Orange;
        if (hue >= 180 && hue <= 260) return BoxShade.Blue;
        return BoxShade.Other;
    }

    public static bool IsHex(string? value) =>
        value is { Length: 6 } && value.All(char.IsAsciiHexDigit);

    /// <summary>The attribute's text as written (never throws on values the schema does not allow).</summary>
    public static string? Text(OpenXmlSimpleType? value) => value?.InnerText;
}
