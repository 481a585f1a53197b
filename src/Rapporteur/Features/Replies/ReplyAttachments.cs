using System.IO.Compression;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Replies;

/// <summary>Limits on attached files (configuration section <c>Attachments</c>, e.g. <c>Attachments__MaxBytes=52428800</c>).</summary>
public sealed class AttachmentOptions
{
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    /// <summary>The largest file a focal point may attach, in bytes (default 20 MB).</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;
}

/// <summary>What an attempt to attach or delete a file ended with: the attachment, or the HTTP status and why.</summary>
public sealed record AttachmentResult(int Status, string? Title, string? Detail, ReplyAttachment? Attachment = null)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public static AttachmentResult Refused(int status, string title, string detail) => new(status, title, detail);

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() => TypedResults.Problem(title: Title, detail: Detail, statusCode: Status);
}

/// <summary>
/// Files attached to a reply (per reply, or per question): the focal point of the Party attaches and removes them while
/// the reply is a draft; whoever may read the reply may list and download them (so the public once it is submitted).
/// The bytes are written to the data folder (<c>attachments/</c>, whole or not at all); the database keeps the name,
/// the type read from the bytes, the size, the SHA-256 and who attached it. Adding and removing are in the audit log.
/// </summary>
public sealed class ReplyAttachments(RapporteurDbContext db, DataStore store, TimeProvider clock, IOptions<AttachmentOptions> options)
{
    public const string Folder = "attachments";

    public long MaxBytes => options.Value.MaxBytes;

    public string Directory => Path.Combine(store.Directory, Folder);

    /// <summary>A reply with its Party and round (body included), or null.</summary>
    public Task<Reply?> FindReplyAsync(int replyId, CancellationToken ct) =>
        db.Replies.Include(r => r.Party).Include(r => r.Round).ThenInclude(r => r!.Body).SingleOrDefaultAsync(r => r.Id == replyId, ct);

    public Task<List<ReplyAttachment>> ListAsync(int replyId, CancellationToken ct) =>
        db.ReplyAttachments.AsNoTracking().Where(a => a.ReplyId == replyId).OrderBy(a => a.Id).ToListAsync(ct);

    public Task<ReplyAttachment?> FindAsync(int replyId, int attachmentId, CancellationToken ct) =>
        db.ReplyAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.ReplyId == replyId && a.Id == attachmentId, ct);

    /// <summary>The stored bytes of an attachment.</summary>
    public FileStream OpenRead(ReplyAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new FileStream(Path.Combine(Directory, attachment.StoredName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
    }

    /// <summary>Whether the reply's files may change now: by its Party's focal point, while it is a draft in an open round.</summary>
    public static AttachmentResult? CheckEditable(ClaimsPrincipal user, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(reply);
        if (!ReplyEditor.CanRead(user, reply.Party!, reply))
            return AttachmentResult.Refused(StatusCodes.Status404NotFound, Say.Text("Not found"), Say.Format("There is no reply {0} that you may read.", reply.Id));
        if (!ReplyEditor.CanEdit(user, reply.Party!))
            return AttachmentResult.Refused(StatusCodes.Status403Forbidden, Say.Text("Not allowed"), Say.Format("Only the focal point of {0} attaches files to its reply.", reply.Party!.Name));
        if (reply.Status == ReplyStatus.Submitted)
            return AttachmentResult.Refused(StatusCodes.Status409Conflict, "Closed", Say.Text("The reply has been submitted; its files can no longer change. Ask the Secretariat to reopen it."));
        if (reply.Round?.Status == RoundStatus.Closed)
            return AttachmentResult.Refused(StatusCodes.Status409Conflict, "Closed", Say.Format("Round {0} is closed.", reply.Round.Number));
        return null;
    }

    /// <summary>Stores <paramref name="content"/> as a file of the reply (of <paramref name="question"/> when given).</summary>
    public async Task<AttachmentResult> AddAsync(ClaimsPrincipal user, Reply reply, string? question, string? fileName, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(content);
        if (CheckEditable(user, reply) is { } refused) return refused;
        var name = CleanName(fileName);
        question = string.IsNullOrWhiteSpace(question) ? null : question.Trim();
        if (question is not null && !await db.Questions.AnyAsync(q => q.RoundId == reply.RoundId && q.Number == question, ct))
            return AttachmentResult.Refused(StatusCodes.Status422UnprocessableEntity, Say.Text("Unknown question"), Say.Format("Question {0} is not in the questionnaire of round {1}.", question, reply.Round!.Number));

        System.IO.Directory.CreateDirectory(Directory);
        var stored = Guid.NewGuid().ToString("N");
        var partial = Path.Combine(Directory, "." + stored + ".partial");
        var final = Path.Combine(Directory, stored);
        try
        {
            long size = 0;
            string sha;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    if (size > MaxBytes) return TooLarge(name);
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (size == 0) return AttachmentResult.Refused(StatusCodes.Status422UnprocessableEntity, Say.Text("Empty file"), $"{name}: the file is empty.");
                file.Position = 0;
                var (type, refusal) = AttachmentType.Sniff(file, name);
                if (refusal is not null) return AttachmentResult.Refused(StatusCodes.Status415UnsupportedMediaType, Say.Text("File type not allowed"), $"{name}: {refusal}");
                await file.FlushAsync(ct);
                var attachment = new ReplyAttachment
                {
                    ReplyId = reply.Id,
                    Question = question,
                    FileName = name,
                    ContentType = type!.ContentType,
                    Size = size,
                    Sha256 = sha,
                    StoredName = stored,
                    UploadedById = user.FindFirstValue(ClaimTypes.NameIdentifier),
                    UploadedByName = user.Identity?.Name ?? "system",
                    UploadedAt = clock.GetUtcNow(),
                };
                file.Close();
                File.Move(partial, final);
                db.ReplyAttachments.Add(attachment);
                AuditLog.Record(db, clock, user, "attachment.add", $"{name} ({size} bytes, sha256 {sha}) to the reply of {reply.Party!.Name}, round {reply.Round!.Number}" + (question is null ? "" : $", question {question}"));
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch
                {
                    File.Delete(final);
                    throw;
                }
                return new AttachmentResult(StatusCodes.Status201Created, null, null, attachment);
            }
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Removes a file from a draft reply (the audit log keeps its name, size and checksum).</summary>
    public async Task<AttachmentResult> DeleteAsync(ClaimsPrincipal user, Reply reply, int attachmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (CheckEditable(user, reply) is { } refused) return refused;
        var attachment = await db.ReplyAttachments.SingleOrDefaultAsync(a => a.ReplyId == reply.Id && a.Id == attachmentId, ct);
        if (attachment is null) return AttachmentResult.Refused(StatusCodes.Status404NotFound, Say.Text("Not found"), Say.Format("The reply has no attachment {0}.", attachmentId));
        db.ReplyAttachments.Remove(attachment);
        AuditLog.Record(db, clock, user, "attachment.delete", $"{attachment.FileName} ({attachment.Size} bytes, sha256 {attachment.Sha256}) from the reply of {reply.Party!.Name}, round {reply.Round!.Number}");
        await db.SaveChangesAsync(ct);
        // The row is gone for good; a file left behind by a failed delete is only unreachable bytes.
        File.Delete(Path.Combine(Directory, attachment.StoredName));
        return new AttachmentResult(StatusCodes.Status204NoContent, null, null, attachment);
    }

    private AttachmentResult TooLarge(string name) =>
        AttachmentResult.Refused(StatusCodes.Status413PayloadTooLarge, Say.Text("Too large"), Say.Format("{0} is larger than the {1} a file may have.", name, Megabytes(MaxBytes)));

    /// <summary>A size as people read it: "20 MB", "1.5 KB", "300 bytes".</summary>
    public static string Megabytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
    };

    /// <summary>The name as the person called the file, without a path or control characters.</summary>
    private static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0) name = "attachment";
        return name.Length <= 255 ? name : name[..(255 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
    }
}

/// <summary>One of the types a reply may carry, as the bytes show it.</summary>
public sealed record AttachmentKind(string Extension, string ContentType, string Label);

/// <summary>
/// The type of an attached file, from its bytes: PDF (<c>%PDF-</c>), PNG and JPEG by their signatures, DOCX, XLSX and
/// ODT as zip archives with their telltale part, plain text as UTF-8 without control characters. Anything else is
/// refused, as is a name that promises another of these types than the bytes are.
/// </summary>
public static class AttachmentType
{
    public static readonly AttachmentKind Pdf = new(".pdf", "application/pdf", "a PDF document");
    public static readonly AttachmentKind Docx = new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word (DOCX) document");
    public static readonly AttachmentKind Xlsx = new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel (XLSX) workbook");
    public static readonly AttachmentKind Odt = new(".odt", "application/vnd.oasis.opendocument.text", "an OpenDocument text (ODT)");
    public static readonly AttachmentKind Png = new(".png", "image/png", "a PNG image");
    public static readonly AttachmentKind Jpeg = new(".jpg", "image/jpeg", "a JPEG image");
    public static readonly AttachmentKind Text = new(".txt", "text/plain; charset=utf-8", "plain text");

    public static IReadOnlyList<AttachmentKind> Allowed { get; } = [Pdf, Docx, Xlsx, Odt, Png, Jpeg, Text];

    /// <summary>What the page's file input accepts.</summary>
    public const string Accept = ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg,.txt";

    private const string AllowedList = "PDF, DOCX, XLSX, ODT, PNG, JPEG or plain text (UTF-8)";

    /// <summary>The type of the (seekable) content, or why it may not be attached.</summary>
    public static (AttachmentKind? Kind, string? Refusal) Sniff(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var kind = Detect(content, out var zipNote);
        var claimed = Path.GetExtension(fileName).ToLowerInvariant();
        if (claimed == ".jpeg") claimed = ".jpg";
        if (kind is null)
            return (null, (zipNote ?? "its content is not a type that may be attached") + $"; attach {AllowedList}.");
        // Text is only text when it says so: an .html or .svg file of UTF-8 is not a plain-text attachment.
        if (kind == Text && claimed is not (".txt" or ""))
            return (null, $"a text file named {claimed}; only plain text named .txt may be attached as text. Attach {AllowedList}.");
        var promised = Allowed.FirstOrDefault(k => k.Extension == claimed);
        if (promised is not null && promised != kind)
            return (null, $"named {claimed} but its content is {kind.Label}; rename it or attach the right file.");
        return (kind, null);
    }

    private static AttachmentKind? Detect(Stream content, out string? note)
    {
        note = null;
        content.Position = 0;
        Span<byte> head = stackalloc byte[8];
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        head = head[..n];
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("PK\x03\x04"u8)) return Zip(content, out note);
        return IsText(content) ? Text : null;
    }

    private static AttachmentKind? Zip(Stream content, out string? note)
    {
        note = null;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("word/document.xml") is not null) return Docx;
            if (zip.GetEntry("xl/workbook.xml") is not null) return Xlsx;
            if (zip.GetEntry("mimetype") is { Length: < 200 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                if (reader.ReadToEnd().Trim() == Odt.ContentType) return Odt;
            }
            note = "a zip archive that is not a DOCX, XLSX or ODT document";
            return null;
        }
        catch (InvalidDataException)
        {
            note = "a damaged zip archive";
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>UTF-8 (a BOM allowed) with no control characters but tabs, line and page breaks.</summary>
    private static bool IsText(Stream content)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[81920];
        var chars = new char[81920 + 4];
        try
        {
            int n;
            while ((n = content.Read(bytes)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                foreach (var c in chars.AsSpan(0, count))
                    if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) return false;
            }
            return decoder.GetCharCount([], 0, 0, flush: true) == 0;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            content.Position = 0;
        }
    }
}

/// <summary>Registration: the options, the service, and the reply editor page's upload limit taken from them.</summary>
public static class ReplyAttachmentsSetup
{
    /// <summary>Slack above the file limit for the rest of the form, so a file just over the limit gets a clear message.</summary>
    private const long FormSlack = 1024 * 1024;

    public static void AddReplyAttachments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<AttachmentOptions>(builder.Configuration.GetSection("Attachments"));
        builder.Services.AddScoped<ReplyAttachments>();
        builder.Services.AddOptions<RazorPagesOptions>().Configure<IOptions<AttachmentOptions>>((pages, attachments) =>
            pages.Conventions.AddPageApplicationModelConvention("/Replies/Edit", model =>
            {
                // The editor takes an imported document (20 MB) or an attachment (configurable): the larger of the two.
                var limit = Math.Max(ReplyDocument.MaxBytes, attachments.Value.MaxBytes) + FormSlack;
                model.Filters.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limit));
                model.Filters.Add(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit });
            }));
    }
}
