using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Features.Replies;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Replies;

/// <summary>Files attached to a reply: <c>/api/v1/replies/{id}/attachments</c> and the reply editor's upload form.</summary>
public sealed class ReplyAttachmentsTests
{
    private const string ReplyPath = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static async Task<int> ReplyIdAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(U(ReplyPath), Ct));
        return json.RootElement.GetProperty("id").GetInt32();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int reply, byte[] bytes, string fileName, string? question = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(file, "file", fileName);
        if (question is not null) form.Add(new StringContent(question), "question");
        return await client.PostAsync(U($"/api/v1/replies/{reply}/attachments"), form, Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    private static byte[] Zip(params string[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(name == "mimetype" ? "application/vnd.oasis.opendocument.text" : "<x/>");
            }
        return stream.ToArray();
    }

    [Fact]
    public async Task Upload_Pdf_IsStoredWithItsChecksumAndReadByTheSamePeopleAsTheReply()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        using var ruritania = await web.WithTokenAsync("ruritania@demo.test");
        using var rapporteur = await web.WithTokenAsync("rapporteur@demo.test");
        using var anonymous = web.Client();
        var id = await ReplyIdAsync(sylvania);

        var response = await UploadAsync(sylvania, id, Pdf, "code of conduct.pdf", question: "1.1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("application/pdf", json.GetProperty("contentType").GetString());
        Assert.Equal("code of conduct.pdf", json.GetProperty("fileName").GetString());
        Assert.Equal("1.1", json.GetProperty("question").GetString());
        Assert.Equal(Pdf.Length, json.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), json.GetProperty("sha256").GetString());
        var url = json.GetProperty("url").GetString()!;
        Assert.Equal(url, response.Headers.Location?.OriginalString);

        // The bytes are in the data folder, not in the database.
        await using (var db = web.Store.CreateContext())
        {
            var row = await db.ReplyAttachments.SingleAsync(Ct);
            Assert.Equal(Pdf, await File.ReadAllBytesAsync(Path.Combine(web.Store.Directory, "attachments", row.StoredName), Ct));
            Assert.Equal("sylvania@demo.test", row.UploadedByName);
            Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(Ct), a => a == "attachment.add");
        }

        // The draft's files: its Party and the staff; another Party and the public do not learn they exist.
        foreach (var reader in new[] { sylvania, rapporteur })
        {
            var list = await JsonAsync(await reader.GetAsync(U($"/api/v1/replies/{id}/attachments"), Ct));
            Assert.Equal(1, list.GetProperty("total").GetInt32());
            var download = await reader.GetAsync(U(url), Ct);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        }
        foreach (var outsider in new[] { ruritania, anonymous })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(U($"/api/v1/replies/{id}/attachments"), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(U(url), Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(ruritania, id, Pdf, "x.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ruritania.DeleteAsync(U(url), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(anonymous, id, Pdf, "x.pdf")).StatusCode);
        // Staff read the draft but do not write the Party's files.
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(rapporteur, id, Pdf, "x.pdf")).StatusCode);
    }

    [Fact]
    public async Task Delete_WhileDraft_RemovesTheFile_AfterSubmissionTheFilesArePublicAndFixed()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        using var anonymous = web.Client();
        var id = await ReplyIdAsync(sylvania);
        var kept = (await JsonAsync(await UploadAsync(sylvania, id, Encoding.UTF8.GetBytes("Statistik över anmälningar\n2025: 14\n"), "figures.txt"))).GetProperty("url").GetString()!;
        var removed = (await JsonAsync(await UploadAsync(sylvania, id, Png, "chart.png"))).GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.DeleteAsync(U(removed), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sylvania.GetAsync(U(removed), Ct)).StatusCode);
        await using (var db = web.Store.CreateContext())
        {
            Assert.Equal(1, await db.ReplyAttachments.CountAsync(Ct));
            Assert.Single(Directory.GetFiles(Path.Combine(web.Store.Directory, "attachments")));
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "attachment.delete", Ct);
            Assert.Contains("chart.png", audit.Detail, StringComparison.Ordinal);
        }

        // Submitted: the files are public, and fixed.
        Assert.Equal(HttpStatusCode.NoContent, (await sylvania.PutAsJsonAsync(U(ReplyPath), new { answers = Array.Empty<object>(), version = 0, submit = true }, Ct)).StatusCode);
        var download = await anonymous.GetAsync(U(kept), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        var list = await JsonAsync(await anonymous.GetAsync(U($"/api/v1/replies/{id}/attachments"), Ct));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("items")[0].GetProperty("uploadedBy").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(sylvania, id, Pdf, "late.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sylvania.DeleteAsync(U(kept), Ct)).StatusCode);
        Assert.Contains("figures.txt", await anonymous.GetStringAsync(U("/rounds/Lanzarote/3/replies/Sylvania"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverTheConfiguredLimit_Is413()
    {
        await using var web = await WebApp.StartAsync(configure: b => b.Services.Configure<AttachmentOptions>(o => o.MaxBytes = 1024));
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        var id = await ReplyIdAsync(sylvania);

        var response = await UploadAsync(sylvania, id, Encoding.UTF8.GetBytes(new string('x', 2000)), "long.txt");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("larger than the 1 KB", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = web.Store.CreateContext();
        Assert.Equal(0, await db.ReplyAttachments.CountAsync(Ct));
        Assert.Empty(Directory.Exists(Path.Combine(web.Store.Directory, "attachments")) ? Directory.GetFiles(Path.Combine(web.Store.Directory, "attachments")) : []);
    }

    [Theory]
    [InlineData("program.exe", "MZ")]
    [InlineData("scan.pdf", "png")]
    [InlineData("archive.zip", "zip")]
    [InlineData("notes.txt", "binary")]
    [InlineData("page.html", "html-latin1")]
    [InlineData("page.html", "html")]
    public async Task Upload_OfAWrongType_Is415AndSaysWhatIsAllowed(string fileName, string content)
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.WithTokenAsync("sylvania@demo.test");
        var id = await ReplyIdAsync(sylvania);
        var bytes = content switch
        {
            "MZ" => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],
            "png" => Png,
            "zip" => Zip("readme.md"),
            "binary" => [0x41, 0x00, 0x42, 0x07],
            "html" => Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"),
            _ => Encoding.Latin1.GetBytes("<html>Caf\u00e9</html>"),
        };

        var response = await UploadAsync(sylvania, id, bytes, fileName);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = (await JsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.StartsWith(fileName + ": ", detail, StringComparison.Ordinal);
        Assert.Contains(content == "png" ? "named .pdf but its content is a PNG image" : "PDF, DOCX, XLSX, ODT, PNG, JPEG or plain text", detail, StringComparison.Ordinal);
        await using var db = web.Store.CreateContext();
        Assert.Equal(0, await db.ReplyAttachments.CountAsync(Ct));
    }

    [Theory]
    [InlineData("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("mimetype", "application/vnd.oasis.opendocument.text")]
    public void Sniff_OfficeDocuments_AreKnownByTheirParts(string part, string contentType)
    {
        using var stream = new MemoryStream(Zip(part));
        var (kind, refusal) = AttachmentType.Sniff(stream, "document");
        Assert.Null(refusal);
        Assert.Equal(contentType, kind!.ContentType);
    }

    [Fact]
    public async Task EditPage_AttachAndRemove_ThroughTheFormWithItsAntiforgeryToken()
    {
        await using var web = await WebApp.StartAsync();
        using var sylvania = await web.SignedInAsync("sylvania@demo.test");
        const string page = "/rounds/Lanzarote/3/replies/Sylvania/edit";
        var fields = await WebApp.FormAsync(sylvania, page);

        async Task<HttpResponseMessage> PostAsync(byte[] bytes, string name)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(fields["__RequestVerificationToken"]), "__RequestVerificationToken");
            form.Add(new StringContent("1.2"), "question");
            form.Add(new ByteArrayContent(bytes), "file", name);
            return await sylvania.PostAsync(U(page + "?handler=Attach"), form, Ct);
        }

        var attached = await PostAsync(Pdf, "evidence.pdf");
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        var html = await sylvania.GetStringAsync(U(page + "?saved=attached"), Ct);
        Assert.Contains("evidence.pdf", html, StringComparison.Ordinal);
        Assert.Contains("File attached.", html, StringComparison.Ordinal);

        var wrong = await PostAsync([0x4D, 0x5A, 0x90, 0x00], "tool.exe");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrong.StatusCode);
        Assert.Contains("tool.exe: its content is not a type that may be attached", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        // Without the antiforgery token the form is refused.
        using (var forged = new MultipartFormDataContent())
        {
            forged.Add(new ByteArrayContent(Pdf), "file", "forged.pdf");
            Assert.Equal(HttpStatusCode.BadRequest, (await sylvania.PostAsync(U(page + "?handler=Attach"), forged, Ct)).StatusCode);
        }

        await using var db = web.Store.CreateContext();
        var row = await db.ReplyAttachments.SingleAsync(Ct);
        Assert.Equal("1.2", row.Question);
        var removed = await sylvania.PostAsync(U(page + "?handler=DeleteAttachment"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = fields["__RequestVerificationToken"],
            ["attachment"] = row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await db.ReplyAttachments.CountAsync(Ct));
    }
}
