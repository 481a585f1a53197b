using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.FollowUp;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Box = Rapporteur.Data.Entities.Box;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Factsheets;

/// <summary>
/// A factsheet's boxes over the API. GET lists the boxes of a published factsheet (a draft factsheet is as absent as
/// one that does not exist). POST, PUT and DELETE go through <see cref="BoxEditor"/>, as the follow-up page does, so
/// the rules, the versions and the audit trail are the same: a Party's focal point adds follow-up and
/// promising-practice boxes for its own Party and changes them while they wait; clarification notes and published
/// boxes are the Secretariat's. A box's version is its ETag; PUT and DELETE need it as <c>If-Match</c> (428 without
/// it, 412 when the box has changed since).
/// </summary>
public static class FactsheetsApi
{
    /// <summary>A Party's box: <c>type</c> is followUp, promisingPractice or clarificationNote; <c>recommendations</c>
    /// the ids it follows; <c>status</c> Published, or Draft while it waits for the Secretariat.</summary>
    public sealed record BoxResponse(string Type, string? Chapter, string? Heading, string Text, IReadOnlyList<string> Recommendations, int Version, int Id, string Status);

    /// <summary>A new box: its <c>type</c> (followUp, promisingPractice, clarificationNote), the recommendation it
    /// follows (its code, e.g. "II-3"), and its text (sanitised rich text).</summary>
    public sealed record NewBoxRequest(string Type, string Recommendation, string Text);

    /// <summary>A box's new text; the version edited may come here instead of <c>If-Match</c>.</summary>
    public sealed record BoxUpdateRequest(string Text, int? Version);

    public static RouteGroupBuilder MapFactsheetsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/rounds/{body}/{number:int}/factsheets/{party}").WithTags("Factsheets").WithETags();
        group.MapGet("/boxes", ListBoxes).WithName("ListFactsheetBoxes")
            .WithSummary("The boxes of a published factsheet (paged)");
        group.MapGet("/boxes/{id:int}", GetBox).WithName("GetFactsheetBox")
            .WithSummary("One box; a waiting one only for the Party's focal point and the staff. ETag: its version");
        group.MapPost("/boxes", CreateBox).WithName("CreateFactsheetBox").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Add a box (waits for the Secretariat to publish it)")
            .WithDescription("Follow-up and promising-practice boxes: the Party's focal point or the Secretariat. Clarification notes: the Secretariat.");
        group.MapPut("/boxes/{id:int}", UpdateBox).WithName("UpdateFactsheetBox").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Change a box's text; If-Match: the version edited (412 if it changed since, 428 without it)")
            .WithDescription("The Party's focal point while the box waits; the Secretariat at any time (a published box changes in the factsheet too).");
        group.MapDelete("/boxes/{id:int}", DeleteBox).WithName("DeleteFactsheetBox").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Remove a box; If-Match: its version (412 if it changed since, 428 without it)");
        return api;
    }

    private static async Task<Results<Ok<Page<BoxResponse>>, ProblemHttpResult>> ListBoxes(string body, int number, string party, RapporteurDbContext db,
        System.Security.Claims.ClaimsPrincipal user, int? offset, int? limit, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        var factsheet = round is null ? null : await db.Factsheets.AsNoTracking()
            .Where(f => f.RoundId == round.Id && f.Party!.Name == party && f.Status == PublicationStatus.Published).Select(f => new { f.Id, f.PartyId }).SingleOrDefaultAsync(ct);
        if (factsheet is null)
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("No published factsheet of {0} in round {1} of {2}.", party, number, body), statusCode: StatusCodes.Status404NotFound);
        // A Party's box waits (draft) for the Secretariat: only the staff and that Party's focal point see it.
        var drafts = user.IsStaff() || user.PartyId() == factsheet.PartyId;
        return TypedResults.Ok(await paging.ApplyAsync(db.Boxes.AsNoTracking()
            .Where(b => b.FactsheetId == factsheet.Id && (drafts || b.Status == PublicationStatus.Published)).OrderBy(b => b.Id)
            .Select(b => new BoxResponse(b.Type == BoxType.FollowUp ? "followUp" : b.Type == BoxType.PromisingPractice ? "promisingPractice" : "clarificationNote",
                b.Chapter, b.Heading, b.Text, b.Recommendations, b.Version, b.Id, b.Status.ToString())), ct));
    }

    private static async Task<Results<Ok<BoxResponse>, ProblemHttpResult>> GetBox(string body, int number, string party, int id, BoxEditor editor,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var found = await editor.FindBoxAsync(body, number, party, id, ct);
        // A waiting box, or any box of a factsheet not yet published, is "not found" to those who may not see it.
        if (found is not var (followUp, box) || !(await MayReadAsync(editor, user, followUp, box, ct)))
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("No box {0} of {1} in round {2} of {3} that you may read.", id, party, number, body), statusCode: StatusCodes.Status404NotFound);
        http.Response.Headers.ETag = Tag(box.Version);
        return TypedResults.Ok(Response(box));
    }

    private static async Task<Results<Created<BoxResponse>, ProblemHttpResult>> CreateBox(string body, int number, string party, NewBoxRequest request,
        BoxEditor editor, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        // Who may write is answered before what was sent is judged: nobody learns more than "not yours".
        if (await editor.FindAsync(body, number, party, ct) is not { } found)
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("There is no Party {0} or round {1} of {2}.", party, number, body), statusCode: StatusCodes.Status404NotFound);
        if (!BoxEditor.CanPropose(user, found.Party))
            return TypedResults.Problem(title: Say.Text("Forbidden"), detail: Say.Format("Only the focal point of {0} or the Secretariat add its boxes.", found.Party.Name), statusCode: StatusCodes.Status403Forbidden);
        if (ParseType(request.Type) is not { } type)
            return TypedResults.Problem(title: Say.Text("Invalid box"), detail: Say.Format("Unknown box type '{0}': followUp, promisingPractice or clarificationNote.", request.Type), statusCode: StatusCodes.Status422UnprocessableEntity);
        var result = await editor.ProposeAsync(user, body, number, party, request.Recommendation ?? "", type, request.Text, ct);
        if (result.Outcome != EditOutcome.Saved) return result.ToProblem();
        // ProposeAsync's result carries the new box's id.
        var (_, box) = (await editor.FindBoxAsync(body, number, party, result.Version, ct))!.Value;
        http.Response.Headers.ETag = Tag(box.Version);
        var location = $"/api/v1/rounds/{Uri.EscapeDataString(body)}/{number.ToString(CultureInfo.InvariantCulture)}/factsheets/{Uri.EscapeDataString(party)}/boxes/{box.Id.ToString(CultureInfo.InvariantCulture)}";
        return TypedResults.Created(location, Response(box));
    }

    private static async Task<Results<Ok<BoxResponse>, ProblemHttpResult>> UpdateBox(string body, int number, string party, int id, BoxUpdateRequest request,
        BoxEditor editor, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (await WriteRefusalAsync(body, number, party, id, editor, user, ct) is { } refused) return refused;
        if (Expected(http, request.Version) is not { } version) return VersionRequired();
        var result = await editor.UpdateAsync(user, body, number, party, id, version, request.Text, ct);
        if (result.Outcome != EditOutcome.Saved) return Refused(result);
        var (_, box) = (await editor.FindBoxAsync(body, number, party, id, ct))!.Value;
        http.Response.Headers.ETag = Tag(box.Version);
        return TypedResults.Ok(Response(box));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteBox(string body, int number, string party, int id,
        BoxEditor editor, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (await WriteRefusalAsync(body, number, party, id, editor, user, ct) is { } refused) return refused;
        if (Expected(http, null) is not { } version) return VersionRequired();
        var result = await editor.DeleteAsync(user, body, number, party, id, version, ct);
        return result.Outcome == EditOutcome.Saved ? TypedResults.NoContent() : Refused(result);
    }

    /// <summary>Not found (for those who may not see the box) or forbidden, before the request's version is looked at.</summary>
    private static async Task<ProblemHttpResult?> WriteRefusalAsync(string body, int number, string party, int id, BoxEditor editor, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await editor.FindBoxAsync(body, number, party, id, ct) is not var (followUp, box) || !(await MayReadAsync(editor, user, followUp, box, ct)))
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("No box {0} of {1} in round {2} of {3} that you may read.", id, party, number, body), statusCode: StatusCodes.Status404NotFound);
        return BoxEditor.CanEdit(user, box, followUp.Party) ? null
            : TypedResults.Problem(title: Say.Text("Forbidden"), detail: box.Type == BoxType.ClarificationNote ? Say.Text("Clarification notes are the Secretariat's.")
                : box.Status == PublicationStatus.Published ? Say.Text("The box is published in the factsheet: only the Secretariat changes it now.")
                : Say.Format("Only the focal point of {0} or the Secretariat changes its boxes.", followUp.Party.Name), statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<bool> MayReadAsync(BoxEditor editor, ClaimsPrincipal user, BoxEditor.PartyFollowUp followUp, Box box, CancellationToken ct)
    {
        if (user.IsStaff() || (user.PartyId() is { } own && own == followUp.Party.Id)) return true;
        return box.Status == PublicationStatus.Published && await editor.IsFactsheetPublishedAsync(box.FactsheetId, ct);
    }

    /// <summary>The version from If-Match (a strong or weak tag) or from the body.</summary>
    private static int? Expected(HttpContext http, int? fromBody)
    {
        if (fromBody is not null) return fromBody;
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim().TrimStart('W', '/').Trim('"');
        return int.TryParse(ifMatch, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static ProblemHttpResult VersionRequired() =>
        TypedResults.Problem(title: Say.Text("Version required"), detail: Say.Text("Send the box's version as If-Match (its ETag, e.g. \"2\"): GET the box to learn it."), statusCode: StatusCodes.Status428PreconditionRequired);

    /// <summary>A stale version is a failed precondition (412), as If-Match asks; the rest as the editor says.</summary>
    private static ProblemHttpResult Refused(EditResult result) =>
        result.Outcome == EditOutcome.Conflict
            ? TypedResults.Problem(title: Say.Text("Precondition failed"), detail: result.Message, statusCode: StatusCodes.Status412PreconditionFailed,
                extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Version })
            : result.ToProblem();

    private static BoxType? ParseType(string? type) => type switch
    {
        "followUp" => BoxType.FollowUp,
        "promisingPractice" => BoxType.PromisingPractice,
        "clarificationNote" => BoxType.ClarificationNote,
        _ => null,
    };

    private static string Tag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static BoxResponse Response(Box b) =>
        new(b.Type == BoxType.FollowUp ? "followUp" : b.Type == BoxType.PromisingPractice ? "promisingPractice" : "clarificationNote",
            b.Chapter, b.Heading, b.Text, b.Recommendations, b.Version, b.Id, b.Status.ToString());
}
