using System.Net;
using System.Net.Http.Json;
using Rapporteur.Tests.Support;
using UglyToad.PdfPig;

namespace Rapporteur.Tests.Features.Render;

/// <summary>The public site's downloads: a published factsheet, the compilation of submitted replies and the compliance
/// report as PDF, DOCX and HTML, rendered on the fly. Tests that only read share one app.</summary>
public sealed class DownloadsTests(SharedWebApp shared) : IClassFixture<SharedWebApp>
{
    private WebApp Shared => shared.Web;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania.pdf", "application/pdf")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania.html", "text/html")]
    [InlineData("/rounds/Lanzarote/3/compilation.pdf", "application/pdf")]
    [InlineData("/rounds/Lanzarote/3/compilation.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("/rounds/Lanzarote/3/compliance-report.html", "text/html")]
    [InlineData("/rounds/Lanzarote/3/compliance-report.pdf", "application/pdf")]
    public async Task Download_Published_IsRenderedInTheFormatAsked(string path, string type)
    {
        var web = Shared;
        using var client = web.Client();

        var response = await client.GetAsync(U(path), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 1000);
    }

    [Theory]
    [InlineData("/rounds/Lanzarote/3/factsheets/Grand%20Fenwick.pdf")] // a draft factsheet
    [InlineData("/rounds/Lanzarote/3/factsheets/Elbonia.pdf")] // no factsheet
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania.odt")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania.PDF")]
    [InlineData("/rounds/Lanzarote/9/compilation.pdf")]
    public async Task Download_NotPublished_Is404(string path)
    {
        var web = Shared;
        using var staff = await web.SignedInAsync("secretariat@demo.test");

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(U(path), Ct)).StatusCode);
    }

    [Fact]
    public async Task DownloadFactsheetPdf_HasTheFactsheetText()
    {
        var web = Shared;
        using var client = web.Client();

        var bytes = await client.GetByteArrayAsync(U("/rounds/Lanzarote/3/factsheets/Ruritania.pdf"), Ct);

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(' ', pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Ruritania", text, StringComparison.Ordinal);
        Assert.Contains("volunteers", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadCompilation_HasSubmittedRepliesOnly()
    {
        await using var web = await WebApp.StartAsync();
        using (var sylvania = await web.WithTokenAsync("sylvania@demo.test"))
        {
            var answers = new[] { new { question = "1.2", text = "SYLVANIA-DRAFT-9931", items = new Dictionary<string, string>() } };
            Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U("/api/v1/rounds/Lanzarote/3/replies/Sylvania"), new { answers, version = 0 }, Ct)).StatusCode);
        }
        using var staff = await web.SignedInAsync("secretariat@demo.test");

        var html = await staff.GetStringAsync(U("/rounds/Lanzarote/3/compilation.html"), Ct);

        Assert.Contains("Ruritania", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SYLVANIA-DRAFT-9931", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sylvania", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadHtml_MayUseItsInlineStyleSheetButNoScript()
    {
        var web = Shared;
        using var client = web.Client();

        var response = await client.GetAsync(U("/rounds/Lanzarote/3/factsheets/Ruritania.html"), Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Pages_LinkToTheDownloads()
    {
        var web = Shared;
        using var client = web.Client();

        var factsheet = await client.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Ruritania"), Ct);
        var round = await client.GetStringAsync(U("/rounds/Lanzarote/3"), Ct);

        foreach (var format in new[] { "pdf", "docx", "html" })
        foreach (var lang in new[] { "en", "fr" })
        {
            Assert.Contains($"href=\"/rounds/Lanzarote/3/factsheets/Ruritania.{format}?lang={lang}\"", factsheet, StringComparison.Ordinal);
            Assert.Contains($"href=\"/rounds/Lanzarote/3/compilation.{format}?lang={lang}\"", round, StringComparison.Ordinal);
            Assert.Contains($"href=\"/rounds/Lanzarote/3/compliance-report.{format}?lang={lang}\"", round, StringComparison.Ordinal);
        }
    }
}
