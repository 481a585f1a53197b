using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Replies;

/// <summary>A reply's attached files over the API: list and download as the reply may be read (its Party and the
/// staff; everyone once submitted; another Party's draft is a 404), attach and delete as its focal point while it is a
/// draft. The same endpoints serve the pages' download links (the cookie signs the person in).</summary>
public static class AttachmentsApi
{
    /// <summary>An attached file; <c>uploadedBy</c> only for the Party's focal points and the staff.</summary>
    public sealed record AttachmentResponse(int Id, int Reply, string? Question, string FileName, string ContentType, long Size, string Sha256,
        string? UploadedBy, DateTimeOffset UploadedAt, string Url);

    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/replies/{id:int}/attachments").WithTags("Replies").WithETags();
        // Reading follows the reply: public once submitted, so the GETs are open and the handler decides.
        group.MapGet("/", List).WithName("ListReplyAttachments").AllowAnonymous();
        group.MapGet("/{attachment:int}", Download).WithName("DownloadReplyAttachment").AllowAnonymous();
        group.MapPost("/", Upload).WithName("AttachToReply").RequireAuthorization(Policies.FocalPoint)
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Attach a file (PDF, DOCX, XLSX, ODT, PNG, JPEG, UTF-8 text; field \"file\", optional field \"question\") to a draft reply");
        group.MapDelete("/{attachment:int}", Delete).WithName("DeleteReplyAttachment").RequireAuthorization(Policies.FocalPoint);
        return api;
    }

    public static string Url(int reply, int attachment) => $"/api/v1/replies/{reply}/attachments/{attachment}";

    internal static AttachmentResponse Response(ReplyAttachment a, bool showUploader) =>
        new(a.Id, a.ReplyId, a.Question, a.FileName, a.ContentType, a.Size, a.Sha256, showUploader ? a.UploadedByName : null, a.UploadedAt, Url(a.ReplyId, a.Id));

    private static async Task<Results<Ok<Page<AttachmentResponse>>, ProblemHttpResult>> List(int id, ReplyAttachments attachments, ClaimsPrincipal user,
        int? offset, int? limit, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        if (await ReadableAsync(attachments, user, id, ct) is not { } reply) return NotFound(id);
        var insider = user.IsStaff() || ReplyEditor.CanEdit(user, reply.Party!);
        var all = (await attachments.ListAsync(id, ct)).Select(a => Response(a, insider)).ToList();
        return TypedResults.Ok(paging.Apply(all));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(int id, int attachment, ReplyAttachments attachments,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (await ReadableAsync(attachments, user, id, ct) is null) return NotFound(id);
        var found = await attachments.FindAsync(id, attachment, ct);
        if (found is null)
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("The reply has no attachment {0}.", attachment), statusCode: StatusCodes.Status404NotFound);
        FileStream stream;
        try
        {
            stream = attachments.OpenRead(found);
        }
        catch (FileNotFoundException)
        {
            return TypedResults.Problem(title: Say.Text("File missing"), detail: Say.Format("The file of attachment {0} ({1}) is missing from the data folder.", attachment, found.FileName), statusCode: StatusCodes.Status410Gone);
        }
        // Always a download, never shown inline: the browser does not render what a Party uploaded on our origin.
        http.Response.Headers.ETag = $"\"{found.Sha256}\"";
        return TypedResults.File(stream, found.ContentType, found.FileName, enableRangeProcessing: true);
    }

    private static async Task<Results<Created<AttachmentResponse>, ProblemHttpResult>> Upload(int id, ReplyAttachments attachments, ClaimsPrincipal user,
        HttpContext http, CancellationToken ct)
    {
        var reply = await attachments.FindReplyAsync(id, ct);
        if (reply is null) return NotFound(id);
        if (ReplyAttachments.CheckEditable(user, reply) is { } refused) return refused.ToProblem();
        if (!http.Request.HasFormContentType)
            return TypedResults.Problem(title: Say.Text("Unsupported media type"), detail: Say.Text("Send the file as multipart/form-data, in a field named \"file\"."), statusCode: StatusCodes.Status415UnsupportedMediaType);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = attachments.MaxBytes + (1 << 20);

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = attachments.MaxBytes + (1 << 20) }, ct);
        }
        catch (Exception e) when (e is InvalidDataException || (e is BadHttpRequestException b && b.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            return TypedResults.Problem(title: Say.Text("Too large"), detail: Say.Format("The file is larger than the {0} a file may have.", ReplyAttachments.Megabytes(attachments.MaxBytes)), statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null)
            return TypedResults.Problem(title: Say.Text("No file"), detail: Say.Text("The form has no file: send it in a field named \"file\"."), statusCode: StatusCodes.Status400BadRequest);
        await using var content = file.OpenReadStream();
        var result = await attachments.AddAsync(user, reply, form["question"].ToString(), file.FileName, content, ct);
        if (!result.Succeeded) return result.ToProblem();
        var response = Response(result.Attachment!, showUploader: true);
        return TypedResults.Created(response.Url, response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, int attachment, ReplyAttachments attachments, ClaimsPrincipal user, CancellationToken ct)
    {
        var reply = await attachments.FindReplyAsync(id, ct);
        if (reply is null) return NotFound(id);
        var result = await attachments.DeleteAsync(user, reply, attachment, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    private static async Task<Reply?> ReadableAsync(ReplyAttachments attachments, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        var reply = await attachments.FindReplyAsync(id, ct);
        return reply is not null && ReplyEditor.CanRead(user, reply.Party!, reply) ? reply : null;
    }

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("There is no reply {0} that you may read.", id), statusCode: StatusCodes.Status404NotFound);
}
