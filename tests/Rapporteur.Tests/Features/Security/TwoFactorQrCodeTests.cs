using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using QRCoder;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Security;

/// <summary>The enrolment page draws the otpauth:// address as an inline SVG QR code, and keeps the key and the
/// address as text for people who cannot scan.</summary>
public sealed partial class TwoFactorQrCodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authenticator_NotEnrolled_ShowsTheAddressAsAQrCodeAndAsText()
    {
        await using var web = await WebApp.StartAsync();
        var client = await web.SignedInAsync("rapporteur@demo.test");
        var page = await client.GetStringAsync(new Uri("/account/authenticator", UriKind.Relative), Ct);

        var uri = WebUtility.HtmlDecode(Address().Match(page).Groups[1].Value);
        Assert.StartsWith("otpauth://totp/Rapporteur:rapporteur%40demo.test?secret=", uri, StringComparison.Ordinal);
        Assert.Matches(@"<code>[a-z2-7]{4}( [a-z2-7]{1,4})+</code>", page);
        var svg = Svg().Match(page);
        Assert.True(svg.Success, "no inline <svg> on the enrolment page");
        Assert.Contains("role=\"img\"", svg.Value, StringComparison.Ordinal);
        Assert.Matches("aria-label=\"[^\"]{10,}\"", svg.Value);
        Assert.DoesNotContain("<script", svg.Value, StringComparison.OrdinalIgnoreCase);

        // The drawing is QRCoder's module matrix for exactly that address, quiet zone included.
        using var expected = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var size = expected.ModuleMatrix.Count;
        Assert.Contains($"viewBox=\"0 0 {size} {size}\"", svg.Value, StringComparison.Ordinal);
        var drawn = new bool[size, size];
        foreach (Match run in Run().Matches(svg.Groups["d"].Value))
        {
            int x = Int(run, "x"), y = Int(run, "y"), length = Int(run, "n");
            Assert.Equal(length, Int(run, "back"));
            for (var i = 0; i < length; i++)
            {
                Assert.False(drawn[y, x + i], $"module ({x + i}, {y}) drawn twice");
                drawn[y, x + i] = true;
            }
        }
        Assert.Equal(svg.Groups["d"].Value.Length, Run().Matches(svg.Groups["d"].Value).Sum(m => m.Length));
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                Assert.True(expected.ModuleMatrix[y][x] == drawn[y, x], $"module ({x}, {y}) differs from QRCoder's");
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("<code>(otpauth://[^<]+)</code>")]
    private static partial Regex Address();

    [GeneratedRegex("<svg [^>]*>.*?<path fill=\"#000\" d=\"(?<d>[^\"]*)\"/></svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex(@"M(?<x>\d+) (?<y>\d+)h(?<n>\d+)v1h-(?<back>\d+)z")]
    private static partial Regex Run();
}
