using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Replies;

/// <summary><c>POST /api/v1/rounds/{body}/{n}/replies/{party}/import</c>: a document into the Party's draft, the type
/// read from the bytes, the importer's warnings in the answer.</summary>
public sealed class ReplyImportApiTests
{
    private const string Path = "/api/v1/rounds/Lanzarote/3/replies/Sylvania/import";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static string ReplyText => File.ReadAllText(System.IO.Path.Combine(TestData.Root, "tests", "Rapporteur.Tests", "Features", "Replies", "Data", "sylvania-reply.txt"));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string path = Path, string contentType = "application/octet-stream")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "document", fileName);
        return await client.PostAsync(U(path), form, Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    /// <summary>The reply text as a DOCX: one paragraph per line.</summary>
    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(text.Split('\n').Select(line => new Paragraph(new Run(new Text(line.TrimEnd('\r')) { Space = SpaceProcessingModeValues.Preserve })))));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Import_Text_GoesIntoTheDraftAsANewVersionWithWarnings()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");

        var response = await UploadAsync(sylvania, System.Text.Encoding.UTF8.GetBytes(ReplyText), "sylvania-reply.txt", contentType: "text/plain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("txt", json.GetProperty("format").GetString());
        Assert.Equal(["1.1", "1.2", "4"], json.GetProperty("answers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["9.9"], json.GetProperty("skipped").EnumerateArray().Select(a => a.GetString()));
        var warning = Assert.Single(json.GetProperty("warnings").EnumerateArray());
        Assert.Equal("linkTarget", warning.GetProperty("code").GetString());
        Assert.Equal(19, warning.GetProperty("line").GetInt32());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);

        using var reply = JsonDocument.Parse(await sylvania.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/replies/Sylvania"), Ct));
        Assert.Equal("Draft", reply.RootElement.GetProperty("status").GetString());
        var answer = reply.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("question").GetString() == "1.1");
        Assert.StartsWith("IMPORTED-ANSWER-1-1", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        await using var db = web.Store.CreateContext();
        var version = await db.ContentVersions.SingleAsync(v => v.EntityType == "reply", Ct);
        Assert.Equal(("import", "sylvania@demo.test"), (version.Action, version.UserName));
    }

    [Fact]
    public async Task Import_Docx_IsReadByItsBytesWhateverItsName()
    {
        await using var web = await WebApp.StartAsync();
        using var secretariat = await web.WithTokenAsync("secretariat@demo.test");

        // The Secretariat imports what the Party sent; the file is a DOCX named as if it were text.
        var response = await UploadAsync(secretariat, Docx(ReplyText), "reply-from-sylvania.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("docx", json.GetProperty("format").GetString());
        Assert.Equal(["1.1", "1.2", "4"], json.GetProperty("answers").EnumerateArray().Select(a => a.GetString()));
        await using var db = web.Store.CreateContext();
        Assert.Equal("secretariat@demo.test", (await db.ContentVersions.SingleAsync(v => v.EntityType == "reply", Ct)).UserName);
    }

    [Theory]
    [InlineData("reply.docx", "reply.docx: named .docx but is not a DOCX document (not a zip archive)")]
    [InlineData("reply.pdf", "reply.pdf: named .pdf but is not a PDF document (it does not start with %PDF)")]
    public async Task Import_NameThatLiesAboutTheBytes_Is415WithOneClearLine(string name, string detail)
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");

        var response = await UploadAsync(sylvania, System.Text.Encoding.UTF8.GetBytes(ReplyText), name);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await JsonAsync(response)).GetProperty("detail").GetString());
        await using var db = web.Store.CreateContext();
        Assert.False(await db.ContentVersions.AnyAsync(v => v.EntityType == "reply", Ct));
    }

    [Fact]
    public async Task Import_ZipThatIsNotADocx_Is415()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        using var zipped = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(zip.CreateEntry("notes.txt").Open())) entry.Write(ReplyText);

        var response = await UploadAsync(sylvania, zipped.ToArray(), "reply.docx");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("reply.docx: a zip archive, but not a DOCX document (it has no word/document.xml)", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Import_SubmittedReply_Is409()
    {
        await using var web = await WebApp.StartAsync();
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");

        var response = await UploadAsync(ruritania, System.Text.Encoding.UTF8.GetBytes(ReplyText), "r.txt", "/api/v1/rounds/Lanzarote/3/replies/Ruritania/import");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("submitted", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ruritania@demo.test", HttpStatusCode.Forbidden)]
    [InlineData("rapporteur@demo.test", HttpStatusCode.Forbidden)]
    [InlineData("ngo@demo.test", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Import_NotTheFocalPointNorTheSecretariat_IsRefused(string? who, HttpStatusCode status)
    {
        await using var web = await WebApp.StartAsync();
        using var client = who is null ? web.Client() : await web.WithTokenAsync(who);

        var response = await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(ReplyText), "r.txt");

        Assert.Equal(status, response.StatusCode);
        await using var db = web.Store.CreateContext();
        Assert.False(await db.ContentVersions.AnyAsync(v => v.EntityType == "reply", Ct));
    }

    [Fact]
    public async Task Import_LargerThan20MB_Is413()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        var big = new byte[20 * 1024 * 1024 + 1];
        big.AsSpan().Fill((byte)'a');

        var response = await UploadAsync(sylvania, big, "big.txt");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("20 MB", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_StaleIfMatch_Is409AndChangesNothing()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(sylvania, System.Text.Encoding.UTF8.GetBytes(ReplyText), "a.txt")).StatusCode);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(ReplyText)), "document", "b.txt" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, U(Path)) { Content = form };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var stale = await sylvania.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        await using var db = web.Store.CreateContext();
        Assert.Equal(1, await db.ContentVersions.CountAsync(v => v.EntityType == "reply", Ct));
    }
}
