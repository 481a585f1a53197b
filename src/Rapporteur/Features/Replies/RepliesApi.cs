using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Replies;

/// <summary>A Party's reply over the API: read (published, or your own Party's draft, or any as staff), save a draft,
/// submit. The version travels as an ETag; a write with an old <c>If-Match</c> (or <c>version</c>) is a 409 conflict.</summary>
public static class RepliesApi
{
    public sealed record ReplyResponse(int Id, string Party, int Round, string Status, int Version, DateTimeOffset? SubmittedAt, IReadOnlyList<AnswerResponse> Answers);

    public sealed record AnswerResponse(string Question, string Text, IReadOnlyDictionary<string, string> Items);

    public sealed record ReplyRequest(IReadOnlyList<AnswerInput> Answers, int? Version, bool Submit = false);

    /// <summary>What an import put into the draft: the questions answered, those the questionnaire does not have
    /// (left out), and the importer's warnings with their lines.</summary>
    public sealed record ImportResponse(string Party, int Round, string Status, int Version, string Format, IReadOnlyList<string> Answers,
        IReadOnlyList<string> Skipped, IReadOnlyList<WarningResponse> Warnings);

    public sealed record WarningResponse(string Code, int Line, string Message);

    public static RouteGroupBuilder MapRepliesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/rounds/{body}/{number:int}/replies/{party}").WithTags("Replies").WithETags();
        group.MapGet("/", GetReply).WithName("GetReply");
        group.MapPut("/", PutReply).WithName("PutReply").RequireAuthorization(Policies.FocalPoint);
        group.MapPost("/import", ImportReply).WithName("ImportReply").RequireAuthorization(Policies.SignedIn)
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Read a reply document (txt, md, docx, pdf; at most 20 MB; field \"document\") into the Party's draft")
            .WithMetadata(new RequestSizeLimitAttribute(ReplyDocument.MaxBytes + (1 << 20)));
        group.MapPost("/reopen", ReopenReply).WithName("ReopenReply").RequireAuthorization(Policies.Secretariat)
            .WithSummary("Send a submitted reply back to its Party as a draft, with the reason (the focal points are notified)");
        return api;
    }

    public sealed record ReopenRequest(string? Reason);

    private static async Task<Results<NoContent, ProblemHttpResult>> ReopenReply(string body, int number, string party, ReopenRequest request,
        ReplyEditor editor, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var result = await editor.ReopenAsync(user, body, number, party, request?.Reason, ct);
        if (result.Outcome != EditOutcome.Saved) return result.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ReplyResponse>, ProblemHttpResult>> GetReply(string body, int number, string party, ReplyEditor editor,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var found = await editor.FindAsync(body, number, party, ct);
        // Another Party's draft is "not found", so ids cannot be probed.
        if (found is not var (round, stored, reply) || reply is null || !ReplyEditor.CanRead(user, stored, reply))
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("No reply of {0} to round {1} of {2} that you may read.", party, number, body), statusCode: StatusCodes.Status404NotFound);
        var questions = (await editor.QuestionnaireAsync(round, ct)).SelectMany(s => s.Questions).ToDictionary(q => q.Id, q => q.Number);
        http.Response.Headers.ETag = $"\"{reply.Version}\"";
        return TypedResults.Ok(new ReplyResponse(reply.Id, stored.Name, round.Number, reply.Status.ToString(), reply.Version, reply.SubmittedAt,
            reply.Answers.Where(a => questions.ContainsKey(a.QuestionId)).OrderBy(a => a.QuestionId)
                .Select(a => new AnswerResponse(questions[a.QuestionId], a.Text, a.ItemAnswers.ToDictionary(i => i.Letter, i => i.Text, StringComparer.Ordinal))).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutReply(string body, int number, string party, ReplyRequest request,
        ReplyEditor editor, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim('"', ' ', 'W', '/');
        var version = request.Version ?? (int.TryParse(ifMatch, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null);
        if (version is null)
            return TypedResults.Problem(title: Say.Text("Version required"), detail: Say.Text("Send the version you edited, as If-Match or \"version\" (0 for a new reply)."), statusCode: StatusCodes.Status428PreconditionRequired);
        var result = await editor.SaveAsync(user, body, number, party, version.Value, request.Answers ?? [], request.Submit, ct);
        if (result.Outcome != EditOutcome.Saved) return result.ToProblem(version);
        http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.NoContent();
    }

    /// <summary>Reads an uploaded document into the Party's draft through <see cref="ReplyEditor.ImportAsync"/>, so the
    /// import is a version like any save. Focal point of that Party or the Secretariat; a submitted reply is refused (409).</summary>
    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportReply(string body, int number, string party, ReplyEditor editor,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var found = await editor.FindAsync(body, number, party, ct);
        if (found is not var (round, stored, reply))
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("There is no Party {0} or round {1} of {2}.", party, number, body), statusCode: StatusCodes.Status404NotFound);
        if (!ReplyEditor.CanImport(user, stored))
            return TypedResults.Problem(title: Say.Text("Not allowed"), detail: Say.Format("Only the focal point of {0} or the Secretariat imports into its reply.", stored.Name), statusCode: StatusCodes.Status403Forbidden);
        if (round.Status == RoundStatus.Closed)
            return TypedResults.Problem(title: Say.Text("Closed"), detail: Say.Format("Round {0} is closed.", round.Number), statusCode: StatusCodes.Status409Conflict);
        if (reply?.Status == ReplyStatus.Submitted)
            return TypedResults.Problem(title: Say.Text("Closed"), detail: Say.Text("The reply has been submitted; ask the Secretariat to reopen it before importing into it."), statusCode: StatusCodes.Status409Conflict);
        if (!http.Request.HasFormContentType)
            return TypedResults.Problem(title: Say.Text("Unsupported media type"), detail: Say.Text("Send the document as multipart/form-data, in a field named \"document\"."), statusCode: StatusCodes.Status415UnsupportedMediaType);

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ReplyDocument.MaxBytes }, ct);
        }
        catch (Exception e) when (e is InvalidDataException || (e is BadHttpRequestException b && b.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            return TooLarge();
        }
        var file = form.Files.GetFile("document") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null)
            return TypedResults.Problem(title: Say.Text("No document"), detail: Say.Text("The form has no file: send it in a field named \"document\"."), statusCode: StatusCodes.Status400BadRequest);
        if (file.Length > ReplyDocument.MaxBytes) return TooLarge();
        var name = Path.GetFileName(file.FileName);
        if (file.Length == 0) return Unreadable($"{name}: the file is empty.");

        using var content = new MemoryStream((int)file.Length);
        await using (var upload = file.OpenReadStream()) await upload.CopyToAsync(content, ct);
        // The bytes decide the type: a name that promises DOCX or PDF over other bytes is the wrong media type.
        if (ReplyDocument.Sniff(content, name).Refusal is { } refusal && !refusal.StartsWith("a damaged", StringComparison.Ordinal))
            return TypedResults.Problem(title: Say.Text("Unsupported media type"), detail: $"{name}: {refusal}", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var parsed = ReplyDocument.Read(content, name, stored.Name, round.Number, out var format, ct);
        if (!parsed.Success) return Unreadable(parsed.Error!.ToString());

        var questions = (await editor.QuestionnaireAsync(round, ct)).SelectMany(s => s.Questions).ToDictionary(q => q.Number, StringComparer.Ordinal);
        var warnings = parsed.Value!.Warnings.Select(w => new WarningResponse(w.Code, w.Line, w.Message)).ToList();
        var answers = new List<AnswerInput>();
        var skipped = new List<string>();
        foreach (var a in parsed.Value.Answers)
        {
            if (!questions.TryGetValue(a.QuestionNumber, out var question))
            {
                skipped.Add(a.QuestionNumber);
                continue;
            }
            var items = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (letter, text) in a.ItemAnswers)
            {
                var key = letter.ToString();
                if (question.Items.Any(i => i.Letter == key)) items[key] = text;
                else warnings.Add(new WarningResponse("itemUnknown", a.Provenance?.StartLine ?? 0, $"Question {a.QuestionNumber} has no item {key}; its answer was left out: {text}"));
            }
            answers.Add(new AnswerInput(a.QuestionNumber, a.Text, items));
        }
        if (answers.Count == 0)
            return Unreadable($"{name}: no answer to a question of round {round.Number}'s questionnaire was found"
                + (skipped.Count > 0 ? $" (the document answers {string.Join(", ", skipped)})." : "."));

        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim('"', ' ', 'W', '/');
        var version = int.TryParse(form["version"].ToString() is { Length: > 0 } v ? v : ifMatch, System.Globalization.CultureInfo.InvariantCulture, out var expected)
            ? expected : reply?.Version ?? 0;
        var result = await editor.ImportAsync(user, body, number, party, version, answers, ct);
        if (result.Outcome != EditOutcome.Saved) return result.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.Ok(new ImportResponse(stored.Name, round.Number, "Draft", result.Version, format, answers.Select(a => a.Question).ToList(), skipped, warnings));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: Say.Text("Too large"), detail: Say.Format("The document is larger than {0} MB.", ReplyDocument.MaxBytes / (1024 * 1024)), statusCode: StatusCodes.Status413PayloadTooLarge);

    private static ProblemHttpResult Unreadable(string detail) =>
        TypedResults.Problem(title: Say.Text("Cannot read the document"), detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity);
}
