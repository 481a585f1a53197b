using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapporteur.Data;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Translations;

/// <summary>
/// Translations over the API, for the Secretariat (as the side-by-side editor): the list of a round's translatable
/// pieces with their source hash and state (missing, current, outdated), one piece with its translation, and PUT to
/// save a translation through <see cref="TranslationStore"/> — the same rules, versions and audit as the editor. The
/// translation's version is its ETag (<c>"0"</c> while there is none); PUT needs it as <c>If-Match</c> (428 without
/// it, 412 when another save came in between).
/// </summary>
public static class TranslationsApi
{
    /// <summary>One translatable piece and its translation into <c>language</c>. <c>sourceHash</c> is the SHA-256 of the
    /// current English; <c>translatedFromHash</c> that of the English the translation was made from (they differ when
    /// <c>state</c> is <c>outdated</c>). <c>version</c> is 0 and <c>text</c> null while there is no translation.</summary>
    public sealed record TranslationResponse(string Kind, int Id, string Language, string Group, string Label, string Source, string SourceHash,
        string? Text, string? TranslatedFromHash, string? TranslatedFrom, int Version, string State, string? Translator, DateTimeOffset? TranslatedAt, string Url);

    /// <summary>The translation's new text; the version edited may come here instead of <c>If-Match</c>.</summary>
    public sealed record TranslationUpdateRequest(string? Text, int? Version);

    public const string Missing = "missing";
    public const string Current = "current";
    public const string Outdated = "outdated";

    public static RouteGroupBuilder MapTranslationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/translations").WithTags("Translations").WithETags().RequireAuthorization(Policies.Secretariat);
        group.MapGet("", List).WithName("ListTranslations")
            .WithSummary("A round's translatable pieces with their translation, source hash and state (Secretariat; paged)")
            .WithDescription("Query: body and round (required), language (fr, the default), kind (question, item, prompts, recommendation, "
                + "factsheet-title, preamble, chapter, block, box, footnote, report-title, report-chapter, report-paragraph), state (missing, current, outdated), offset, limit.");
        group.MapGet("/{kind}/{id:int}", Get).WithName("GetTranslation")
            .WithSummary("One piece and its translation (Secretariat). ETag: the translation's version, \"0\" while there is none");
        group.MapPut("/{kind}/{id:int}", Put).WithName("PutTranslation")
            .WithSummary("Save a translation, made from the current source; If-Match: the version edited (\"0\" for a new one; 412 if it changed since, 428 without it)")
            .WithDescription("Body: {text, version?}. Prompts: one a line, as many as the English; a preamble: paragraphs parted by a blank line, as many as the English. "
                + "Each save is a version (/history/translation/{id}).");
        return api;
    }

    private static async Task<Results<Ok<Page<TranslationResponse>>, ProblemHttpResult>> List(string? body, int? round, string? language, string? kind, string? state,
        int? offset, int? limit, RapporteurDbContext db, TranslationStore store, CancellationToken ct)
    {
        if (Paging.Read(offset, limit, out var invalid) is not { } paging) return invalid!;
        if (string.IsNullOrWhiteSpace(body) || round is null)
            return BadRequest(Say.Text("Say which round: body and round are required (e.g. ?body=Lanzarote&round=3)."));
        if (Language(language) is not { } lang) return BadRequest($"'{language}' is not a language to translate into (fr).");
        if (kind is not null && !TranslationTargets.IsKind(kind))
            return BadRequest(Say.Format("Unknown kind '{0}': {1}.", kind, string.Join(", ", TranslationTargets.Kinds)));
        if (state is not null && state is not (Missing or Current or Outdated))
            return BadRequest(Say.Format("Unknown state '{0}': missing, current or outdated.", state));
        if (await RoundQueries.FindAsync(db, body, round.Value, ct) is not { } found)
            return TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("There is no round {0} of {1}.", round, body), statusCode: StatusCodes.Status404NotFound);
        var pieces = (await store.PiecesAsync(found.Id, ct)).Where(p => kind is null || p.Kind == kind).ToList();
        var translations = await store.ForAsync(lang, pieces.Select(p => (p.Kind, p.Id, p.Source)), ct);
        var rows = pieces.Select(p => Response(p.Group, p.Kind, p.Id, p.Label, p.Source, lang, translations.GetValueOrDefault((p.Kind, p.Id))))
            .Where(r => state is null || r.State == state).ToList();
        return TypedResults.Ok(paging.Apply(rows));
    }

    private static async Task<Results<Ok<TranslationResponse>, ProblemHttpResult>> Get(string kind, int id, string? language,
        TranslationStore store, HttpContext http, CancellationToken ct)
    {
        if (Language(language) is not { } lang) return BadRequest($"'{language}' is not a language to translate into (fr).");
        if (!TranslationTargets.IsKind(kind) || await store.SourceAsync(kind, id, ct) is not { } source) return NotFound(kind, id);
        var translation = (await store.ForAsync(lang, [(kind, id, source.Text)], ct)).Values.FirstOrDefault();
        http.Response.Headers.ETag = Tag(translation?.Translation.Version ?? 0);
        return TypedResults.Ok(Response("", kind, id, source.Label, source.Text, lang, translation));
    }

    private static async Task<Results<Ok<TranslationResponse>, ProblemHttpResult>> Put(string kind, int id, string? language, TranslationUpdateRequest request,
        TranslationStore store, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (Language(language) is not { } lang) return BadRequest($"'{language}' is not a language to translate into (fr).");
        if (!TranslationTargets.IsKind(kind) || await store.SourceAsync(kind, id, ct) is null) return NotFound(kind, id);
        if (Expected(http, request?.Version) is not { } version)
            return TypedResults.Problem(title: Say.Text("Version required"),
                detail: Say.Text("Send the translation's version as If-Match (its ETag, e.g. \"1\"; \"0\" for a new translation): GET it to learn it."),
                statusCode: StatusCodes.Status428PreconditionRequired);
        var result = await store.SaveAsync(kind, id, lang, request?.Text, version, user, ct);
        if (result.Outcome == EditOutcome.Conflict)
            return TypedResults.Problem(title: Say.Text("Precondition failed"), detail: result.Message, statusCode: StatusCodes.Status412PreconditionFailed,
                extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Version });
        if (result.Outcome != EditOutcome.Saved) return result.ToProblem();
        var source = (await store.SourceAsync(kind, id, ct))!;
        var saved = (await store.ForAsync(lang, [(kind, id, source.Text)], ct)).Values.First();
        http.Response.Headers.ETag = Tag(saved.Translation.Version);
        return TypedResults.Ok(Response("", kind, id, source.Label, source.Text, lang, saved));
    }

    private static TranslationResponse Response(string group, string kind, int id, string label, string source, string language, TranslationView? t) =>
        new(kind, id, language, group, label, source, TranslationStore.Hash(source), t?.Translation.Text, t?.Translation.SourceHash, t?.Translation.SourceText,
            t?.Translation.Version ?? 0, t is null ? Missing : t.Outdated ? Outdated : Current, t?.Translation.TranslatorName, t?.Translation.TranslatedAt,
            $"/translations/{kind}/{id.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>"fr" (the default); null for English or a language there is no translating into.</summary>
    private static string? Language(string? language) =>
        language is null ? Languages.Languages.French
        : Languages.Languages.Normalise(language) is { } l && l != Languages.Languages.English ? l : null;

    /// <summary>The version from the body, else from If-Match (a strong or weak tag).</summary>
    private static int? Expected(HttpContext http, int? fromBody)
    {
        if (fromBody is not null) return fromBody;
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim().TrimStart('W', '/').Trim('"');
        return int.TryParse(ifMatch, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: Say.Text("Invalid request"), detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult NotFound(string kind, int id) =>
        TypedResults.Problem(title: Say.Text("Not found"), detail: Say.Format("There is no {0} {1} to translate.", kind, id.ToString(CultureInfo.InvariantCulture)), statusCode: StatusCodes.Status404NotFound);

    private static string Tag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
