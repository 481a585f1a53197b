using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Security;

/// <summary>TOTP two-factor authentication: enrolment with a code computed here (RFC 6238), the second sign-in step,
/// recovery codes (each once), and the option that requires it of staff.</summary>
public sealed partial class TwoFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enrol_ThenSignIn_AsksForTheCode_AndRecoveryCodesWorkOnce()
    {
        var sink = new CapturingLoggerProvider();
        await using var web = await WebApp.StartAsync(configure: b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Trace);
            b.Logging.AddFilter((_, _) => true);
            b.Logging.AddProvider(sink);
        });
        var first = await web.SignedInAsync("rapporteur@demo.test");
        var page = await first.GetStringAsync(new Uri("/account/authenticator", UriKind.Relative), Ct);
        var key = Secret().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);
        var form = await WebApp.FormAsync(first, "/account/authenticator");
        using var wrong = await first.PostAsync(new Uri("/account/authenticator", UriKind.Relative), Form(form, ("code", "000000")), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        using var enabled = await first.PostAsync(new Uri("/account/authenticator", UriKind.Relative), Form(form, ("code", Totp(key, DateTimeOffset.UtcNow))), Ct);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = RecoveryCode().Matches(await enabled.Content.ReadAsStringAsync(Ct)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);

        // The password alone no longer signs in: it leads to the code step.
        var second = await SignInWithPasswordAsync(web);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync(new Uri("/work", UriKind.Relative), Ct)).StatusCode);
        var step = await WebApp.FormAsync(second, "/account/two-factor");
        using (var bad = await second.PostAsync(new Uri("/account/two-factor", UriKind.Relative), Form(step, ("code", "123456")), Ct))
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        using (var good = await second.PostAsync(new Uri("/account/two-factor", UriKind.Relative), Form(step, ("code", Totp(key, DateTimeOffset.UtcNow))), Ct))
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(new Uri("/work", UriKind.Relative), Ct)).StatusCode);

        // A recovery code signs in once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var third = await SignInWithPasswordAsync(web);
            var f = await WebApp.FormAsync(third, "/account/two-factor");
            using var recovered = await third.PostAsync(new Uri("/account/two-factor", UriKind.Relative), Form(f, ("code", codes[0])), Ct);
            Assert.Equal(attempt == 0 ? HttpStatusCode.Redirect : HttpStatusCode.Unauthorized, recovered.StatusCode);
        }

        // Neither the shared key nor a recovery code is ever logged.
        foreach (var secret in codes.Prepend(key))
            Assert.DoesNotContain(sink.Lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RequiredForStaff_StaffWithoutTwoFactorAreSentToEnrol_OthersAreNot()
    {
        await using var web = await WebApp.StartAsync(configure: b => b.Configuration["Security:RequireTwoFactorForStaff"] = "true");
        var staff = await web.SignedInAsync("secretariat@demo.test");
        using var work = await staff.GetAsync(new Uri("/work", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, work.StatusCode);
        Assert.StartsWith("/account/authenticator", work.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(new Uri("/account/authenticator", UriKind.Relative), Ct)).StatusCode);
        var token = await web.WithTokenAsync("secretariat@demo.test");
        using var api = await token.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var focalPoint = await web.SignedInAsync("sylvania@demo.test");
        Assert.Equal(HttpStatusCode.OK, (await focalPoint.GetAsync(new Uri("/work", UriKind.Relative), Ct)).StatusCode);
    }

    /// <summary>RFC 6238 with the defaults authenticator apps use: HMAC-SHA1, 30-second steps, 6 digits.</summary>
    internal static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c != '=' && c != ' '))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }

    private static async Task<HttpClient> SignInWithPasswordAsync(WebApp web)
    {
        // WebApp.SignedInAsync expects a redirect, which the password step still answers (to the code step).
        var client = await web.SignedInAsync("rapporteur@demo.test");
        return client;
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> hidden, params (string Name, string Value)[] fields) =>
        new([.. hidden, .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("secret=([A-Z2-7]+)")]
    private static partial Regex Secret();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
