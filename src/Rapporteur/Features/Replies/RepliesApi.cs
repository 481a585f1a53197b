using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapporteur.Web;

namespace Rapporteur.Features.Replies;

/// <summary>A Party's reply over the API: read (published, or your own Party's draft, or any as staff), save a draft,
/// submit. The version travels as an ETag; a write with an old <c>If-Match</c> (or <c>version</c>) is a 409 conflict.</summary>
public static class RepliesApi
{
    public sealed record ReplyResponse(string Party, int Round, string Status, int Version, DateTimeOffset? SubmittedAt, IReadOnlyList<AnswerResponse> Answers);

    public sealed record AnswerResponse(string Question, string Text, IReadOnlyDictionary<string, string> Items);

    public sealed record ReplyRequest(IReadOnlyList<AnswerInput> Answers, int? Version, bool Submit = false);

    public static RouteGroupBuilder MapRepliesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/rounds/{body}/{number:int}/replies/{party}").WithTags("Replies");
        group.MapGet("/", GetReply).WithName("GetReply");
        group.MapPut("/", PutReply).WithName("PutReply").RequireAuthorization(Policies.FocalPoint);
        return api;
    }

    private static async Task<Results<Ok<ReplyResponse>, ProblemHttpResult>> GetReply(string body, int number, string party, ReplyEditor editor,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var found = await editor.FindAsync(body, number, party, ct);
        // Another Party's draft is "not found", so ids cannot be probed.
        if (found is not var (round, stored, reply) || reply is null || !ReplyEditor.CanRead(user, stored, reply))
            return TypedResults.Problem(title: "Not found", detail: $"No reply of {party} to round {number} of {body} that you may read.", statusCode: StatusCodes.Status404NotFound);
        var questions = (await editor.QuestionnaireAsync(round, ct)).SelectMany(s => s.Questions).ToDictionary(q => q.Id, q => q.Number);
        http.Response.Headers.ETag = $"\"{reply.Version}\"";
        return TypedResults.Ok(new ReplyResponse(stored.Name, round.Number, reply.Status.ToString(), reply.Version, reply.SubmittedAt,
            reply.Answers.Where(a => questions.ContainsKey(a.QuestionId)).OrderBy(a => a.QuestionId)
                .Select(a => new AnswerResponse(questions[a.QuestionId], a.Text, a.ItemAnswers.ToDictionary(i => i.Letter, i => i.Text, StringComparer.Ordinal))).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutReply(string body, int number, string party, ReplyRequest request,
        ReplyEditor editor, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim('"', ' ', 'W', '/');
        var version = request.Version ?? (int.TryParse(ifMatch, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null);
        if (version is null)
            return TypedResults.Problem(title: "Version required", detail: "Send the version you edited, as If-Match or \"version\" (0 for a new reply).", statusCode: StatusCodes.Status428PreconditionRequired);
        var result = await editor.SaveAsync(user, body, number, party, version.Value, request.Answers ?? [], request.Submit, ct);
        if (result.Outcome != EditOutcome.Saved) return result.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.NoContent();
    }
}
