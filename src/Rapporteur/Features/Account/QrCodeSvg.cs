using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace Rapporteur.Features.Account;

/// <summary>Text as an inline SVG QR code: QRCoder's module matrix (quiet zone included), dark modules drawn as one
/// path of horizontal runs. Inline markup needs no script, no <c>data:</c> URI and no second request (the key would
/// otherwise travel in a URL), so the site's Content-Security-Policy stays as it is.</summary>
public static class QrCodeSvg
{
    /// <summary>Pixels per module at the SVG's natural size (CSS may scale it: the drawing is a viewBox).</summary>
    private const int Scale = 4;

    /// <summary>The QR code of <paramref name="text"/> (error correction M), with <paramref name="label"/> as its
    /// accessible name.</summary>
    public static string Render(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(label);
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size;)
            {
                if (!matrix[y][x])
                {
                    x++;
                    continue;
                }
                var run = 1;
                while (x + run < size && matrix[y][x + run]) run++;
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run;
            }
        }
        var pixels = (size * Scale).ToString(CultureInfo.InvariantCulture);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"{HtmlEncoder.Default.Encode(label)}\" "
            + $"viewBox=\"0 0 {size} {size}\" width=\"{pixels}\" height=\"{pixels}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
