using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Tags;

/// <summary>Tags and vocabularies over HTTP: anyone reads accepted tags; staff see suggestions and decide.</summary>
public static class TagsApi
{
    public sealed record AddTagRequest(string Kind, int Id, string Vocabulary, string Code);

    public sealed record SuggestRequest(string Body, int Round);

    public sealed record SuggestResponse(int Added);

    public sealed record TermResponse(string Code, string Label, string? Parent);

    public sealed record VocabularyResponse(string Body, string Key, string Name, IReadOnlyList<TermResponse> Terms);

    public static RouteGroupBuilder MapTagsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tags = api.MapGroup("/tags").WithTags("Tags");
        tags.MapGet("/", ListTags).WithName("ListTags");
        tags.MapPost("/", AddTag).WithName("AddTag").RequireAuthorization(Policies.Staff);
        tags.MapPost("/{id:int}/accept", (int id, Tagger tagger, ClaimsPrincipal user, CancellationToken ct) => Decide(id, true, tagger, user, ct))
            .WithName("AcceptTag").RequireAuthorization(Policies.Staff);
        tags.MapPost("/{id:int}/reject", (int id, Tagger tagger, ClaimsPrincipal user, CancellationToken ct) => Decide(id, false, tagger, user, ct))
            .WithName("RejectTag").RequireAuthorization(Policies.Staff);
        tags.MapPost("/suggest", Suggest).WithName("SuggestTags").RequireAuthorization(Policies.Staff);
        api.MapGet("/vocabularies", ListVocabularies).WithTags("Tags").WithName("ListVocabularies");
        return api;
    }

    /// <summary><c>?kind=recommendation&amp;id=12</c>; <c>state</c> filters (staff only see suggested and rejected tags).</summary>
    private static async Task<Results<Ok<IReadOnlyList<TagView>>, ProblemHttpResult>> ListTags(string? kind, int? id, string? state, Tagger tagger, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Tagger.TryParseKind(kind, out var k) || id is null)
            return TypedResults.Problem(title: Say.Text("Invalid"), detail: Say.Text("give kind (recommendation, question or reply) and id"), statusCode: StatusCodes.Status400BadRequest);
        if (await tagger.FindTargetAsync(k, id.Value, ct) is null)
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("no {0} {1}", Tagger.KindName(k), id), statusCode: StatusCodes.Status404NotFound);
        var all = await tagger.ListAsync(k, id.Value, ct);
        var visible = user.IsStaff() ? all : all.Where(t => t.State == "accepted").ToList();
        if (state is { Length: > 0 }) visible = visible.Where(t => string.Equals(t.State, state, StringComparison.OrdinalIgnoreCase)).ToList();
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Created<TagView>, ProblemHttpResult>> AddTag(AddTagRequest request, Tagger tagger, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Tagger.TryParseKind(request.Kind, out var kind))
            return TypedResults.Problem(title: Say.Text("Invalid"), detail: Say.Format("kind '{0}' is not recommendation, question or reply", request.Kind), statusCode: StatusCodes.Status422UnprocessableEntity);
        var (result, tag) = await tagger.AddAsync(user, kind, request.Id, request.Vocabulary ?? "", request.Code ?? "", ct);
        return tag is null ? result.ToProblem() : TypedResults.Created($"/api/v1/tags?kind={tag.Kind}&id={tag.TargetId}", tag);
    }

    private static async Task<Results<Ok<TagView>, ProblemHttpResult>> Decide(int id, bool accept, Tagger tagger, ClaimsPrincipal user, CancellationToken ct)
    {
        var (result, tag) = await tagger.DecideAsync(user, id, accept, ct);
        return tag is null ? result.ToProblem() : TypedResults.Ok(tag);
    }

    private static async Task<Results<Ok<SuggestResponse>, ProblemHttpResult>> Suggest(SuggestRequest request, RapporteurDbContext db, Tagger tagger, ClaimsPrincipal user, CancellationToken ct)
    {
        var round = await Rounds.RoundQueries.FindAsync(db, request.Body ?? "", request.Round, ct);
        if (round is null) return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("no round {0} of {1}", request.Round, request.Body), statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(new SuggestResponse(await tagger.SuggestRoundAsync(user, round.Id, ct)));
    }

    private static async Task<Ok<List<VocabularyResponse>>> ListVocabularies(RapporteurDbContext db, CancellationToken ct)
    {
        var vocabularies = await db.Vocabularies.Include(v => v.Body).Include(v => v.Terms).ThenInclude(t => t.Parent).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(vocabularies.OrderBy(v => v.Body!.ShortName, StringComparer.Ordinal).ThenBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => new VocabularyResponse(v.Body!.ShortName, v.Key, v.Name, v.Terms.OrderBy(t => t.Id).Select(t => new TermResponse(t.Code, t.Label, t.Parent?.Code)).ToList()))
            .ToList());
    }
}
