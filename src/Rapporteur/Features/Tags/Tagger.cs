using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Tagging;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Tags;

/// <summary>A tag as pages and the API show it.</summary>
public sealed record TagView(int Id, string Kind, int TargetId, string Vocabulary, string VocabularyName, string Code, string Label,
    string State, string Source, string Reason, double? Score, string UserName, DateTimeOffset At);

/// <summary>What can be tagged: its body and round, a title, the text suggestions read, and where its page is.</summary>
public sealed record TagTargetInfo(TagTarget Kind, int Id, int BodyId, int RoundId, string Title, string Text, string Url);

/// <summary>
/// Tags on recommendations, questions and replies: staff add them by hand (accepted at once) or decide on suggestions
/// (accept, reject); suggestions come from <see cref="Suggester"/> when a document is imported or on demand. Every
/// change is in the audit log, in the transaction of the change.
/// </summary>
public sealed class Tagger(RapporteurDbContext db, TimeProvider clock)
{
    public static bool TryParseKind(string? text, out TagTarget kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind);

    public static string KindName(TagTarget kind) => kind.ToString().ToLowerInvariant();

    public async Task<TagTargetInfo?> FindTargetAsync(TagTarget kind, int id, CancellationToken ct)
    {
        switch (kind)
        {
            case TagTarget.Recommendation:
                var r = await db.Recommendations.Include(x => x.Round!).ThenInclude(x => x.Body).SingleOrDefaultAsync(x => x.Id == id, ct);
                return r is null ? null : new(kind, id, r.Round!.BodyId, r.RoundId, $"Recommendation {r.Code}", r.Text,
                    $"/rounds/{r.Round.Body!.ShortName}/{r.Round.Number}/recommendations/{Uri.EscapeDataString(r.Code)}");
            case TagTarget.Question:
                var q = await db.Questions.Include(x => x.Items).SingleOrDefaultAsync(x => x.Id == id, ct);
                if (q is null) return null;
                var round = await db.Rounds.SingleAsync(x => x.Id == q.RoundId, ct);
                return new(kind, id, round.BodyId, round.Id, $"Question {q.Number}", QuestionText(q), $"/tags/question/{id}");
            default:
                var reply = await db.Replies.Include(x => x.Party).Include(x => x.Answers).Include(x => x.Round!).ThenInclude(x => x.Body).SingleOrDefaultAsync(x => x.Id == id, ct);
                return reply is null ? null : new(kind, id, reply.Round!.BodyId, reply.RoundId, $"Reply of {reply.Party!.Name}", ReplyText(reply),
                    $"/rounds/{reply.Round.Body!.ShortName}/{reply.Round.Number}/replies/{Uri.EscapeDataString(reply.Party.Name)}");
        }
    }

    public async Task<IReadOnlyList<TagView>> ListAsync(TagTarget kind, int id, CancellationToken ct)
    {
        var rows = await db.Taggings.Where(t => t.TargetKind == kind && t.TargetId == id)
            .Select(t => new { t, t.Term!.Code, t.Term.Label, Key = t.Term.Vocabulary!.Key, Name = t.Term.Vocabulary.Name })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.t.State).ThenBy(x => x.Key, StringComparer.Ordinal).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select(x => View(x.t, x.Key, x.Name, x.Code, x.Label)).ToList();
    }

    /// <summary>A person's tag: accepted at once. A suggestion or rejection of the same term becomes accepted.</summary>
    public async Task<(EditResult Result, TagView? Tag)> AddAsync(ClaimsPrincipal user, TagTarget kind, int id, string vocabulary, string code, CancellationToken ct)
    {
        var target = await FindTargetAsync(kind, id, ct);
        if (target is null) return (new(EditOutcome.NotFound, 0, $"no {KindName(kind)} {id}"), null);
        var term = await db.Terms.Include(t => t.Vocabulary)
            .SingleOrDefaultAsync(t => t.Vocabulary!.BodyId == target.BodyId && t.Vocabulary.Key == vocabulary && t.Code == code, ct);
        if (term is null) return (new(EditOutcome.Invalid, 0, $"no term '{code}' in vocabulary '{vocabulary}'"), null);
        var tagging = await db.Taggings.SingleOrDefaultAsync(t => t.TargetKind == kind && t.TargetId == id && t.TermId == term.Id, ct);
        if (tagging is { State: TagState.Accepted }) return (new(EditOutcome.Conflict, 0, Say.Format("{0} already has the tag {1}:{2}", target.Title, vocabulary, code)), null);
        if (tagging is null)
        {
            tagging = new Tagging { TargetKind = kind, TargetId = id, TermId = term.Id, Source = "manual", Reason = "added by hand", UserName = "" };
            db.Taggings.Add(tagging);
        }
        Decide(tagging, user, TagState.Accepted);
        AuditLog.Record(db, clock, user, "tag.add", $"{target.Title} (#{id}): {vocabulary}:{code}");
        await db.SaveChangesAsync(ct);
        return (new(EditOutcome.Saved, 1), View(tagging, term.Vocabulary!.Key, term.Vocabulary.Name, term.Code, term.Label));
    }

    /// <summary>Accept or reject a tag (a suggestion, or a decision taken earlier).</summary>
    public async Task<(EditResult Result, TagView? Tag)> DecideAsync(ClaimsPrincipal user, int tagId, bool accept, CancellationToken ct)
    {
        var tagging = await db.Taggings.Include(t => t.Term!).ThenInclude(t => t.Vocabulary).SingleOrDefaultAsync(t => t.Id == tagId, ct);
        if (tagging is null) return (new(EditOutcome.NotFound, 0, $"no tag {tagId}"), null);
        var state = accept ? TagState.Accepted : TagState.Rejected;
        if (tagging.State != state)
        {
            Decide(tagging, user, state);
            AuditLog.Record(db, clock, user, accept ? "tag.accept" : "tag.reject",
                $"{tagging.TargetKind} #{tagging.TargetId}: {tagging.Term!.Vocabulary!.Key}:{tagging.Term.Code} ({tagging.Source}: {tagging.Reason})");
            await db.SaveChangesAsync(ct);
        }
        return (new(EditOutcome.Saved, 1), View(tagging, tagging.Term!.Vocabulary!.Key, tagging.Term.Vocabulary.Name, tagging.Term.Code, tagging.Term.Label));
    }

    private void Decide(Tagging tagging, ClaimsPrincipal? user, TagState state)
    {
        tagging.State = state;
        tagging.UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        tagging.UserName = user?.Identity?.Name ?? "system";
        tagging.At = clock.GetUtcNow();
    }

    /// <summary>Proposes tags for every recommendation, question and submitted reply of a round (on demand: the CLI's
    /// <c>tags suggest</c> and the API). A handful of queries whatever the round's size: one per kind of item, one per
    /// kind for the tags the items have, and the body's model.</summary>
    public async Task<int> SuggestRoundAsync(ClaimsPrincipal? user, int roundId, CancellationToken ct)
    {
        var targets = new List<TagTargetInfo>();
        targets.AddRange(await RecommendationTargetsAsync(db.Recommendations.Where(r => r.RoundId == roundId), ct));
        targets.AddRange(await QuestionTargetsAsync(db.Questions.Where(q => q.RoundId == roundId), ct));
        targets.AddRange(await ReplyTargetsAsync(db.Replies.Where(r => r.RoundId == roundId && r.Status == ReplyStatus.Submitted), ct));
        return await ProposeAsync(user, targets, ct);
    }

    /// <summary>Adds suggestions (state Suggested) for these targets — an import passes only what it added or changed.
    /// Terms a target already has in any state — accepted, rejected, suggested — are not proposed again: a person's
    /// "no" stands, and nothing is duplicated.</summary>
    public async Task<int> SuggestAsync(ClaimsPrincipal? user, IReadOnlyCollection<(TagTarget Kind, int Id)> targets, CancellationToken ct) =>
        await ProposeAsync(user, await FindTargetsAsync(targets, ct), ct);

    /// <summary>Many targets in a few queries (one per kind and thousand ids), in the order asked; unknown ones are left out.</summary>
    public async Task<IReadOnlyList<TagTargetInfo>> FindTargetsAsync(IReadOnlyCollection<(TagTarget Kind, int Id)> targets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var found = new Dictionary<(TagTarget, int), TagTargetInfo>();
        foreach (var chunk in Chunks(targets, TagTarget.Recommendation))
            foreach (var t in await RecommendationTargetsAsync(db.Recommendations.Where(r => chunk.Contains(r.Id)), ct)) found[(t.Kind, t.Id)] = t;
        foreach (var chunk in Chunks(targets, TagTarget.Question))
            foreach (var t in await QuestionTargetsAsync(db.Questions.Where(q => chunk.Contains(q.Id)), ct)) found[(t.Kind, t.Id)] = t;
        foreach (var chunk in Chunks(targets, TagTarget.Reply))
            foreach (var t in await ReplyTargetsAsync(db.Replies.Where(r => chunk.Contains(r.Id)), ct)) found[(t.Kind, t.Id)] = t;
        return [.. targets.Distinct().Where(found.ContainsKey).Select(t => found[t])];
    }

    private async Task<int> ProposeAsync(ClaimsPrincipal? user, IReadOnlyList<TagTargetInfo> targets, CancellationToken ct)
    {
        if (targets.Count == 0) return 0;
        var existing = new Dictionary<(TagTarget, int), HashSet<int>>();
        foreach (var kind in targets.Select(t => t.Kind).Distinct())
            foreach (var chunk in targets.Where(t => t.Kind == kind).Select(t => t.Id).Distinct().Chunk(ChunkSize))
                foreach (var t in await db.Taggings.Where(t => t.TargetKind == kind && chunk.Contains(t.TargetId)).Select(t => new { t.TargetId, t.TermId }).ToListAsync(ct))
                {
                    if (!existing.TryGetValue((kind, t.TargetId), out var terms)) existing[(kind, t.TargetId)] = terms = [];
                    terms.Add(t.TermId);
                }
        var added = 0;
        var suggesters = new Dictionary<int, Suggester>();
        var now = clock.GetUtcNow();
        foreach (var target in targets)
        {
            if (!suggesters.TryGetValue(target.BodyId, out var suggester))
                suggesters[target.BodyId] = suggester = await SuggesterAsync(target.BodyId, ct);
            foreach (var p in suggester.Propose(target.Text, existing.GetValueOrDefault((target.Kind, target.Id)) ?? NoTerms))
            {
                db.Taggings.Add(new Tagging
                {
                    TargetKind = target.Kind, TargetId = target.Id, TermId = p.Term, State = TagState.Suggested, Source = p.Source, Reason = Truncate(p.Reason, 500),
                    Score = p.Score, UserName = "suggester", At = now,
                });
                added++;
            }
        }
        if (added > 0)
        {
            AuditLog.Record(db, clock, user, "tag.suggest", string.Create(CultureInfo.InvariantCulture, $"{added} suggestions for {targets.Count} items"));
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    private static readonly HashSet<int> NoTerms = [];

    // Ids go into the SQL as parameters: chunks keep a large round far below the providers' parameter limits.
    private const int ChunkSize = 1000;

    private static IEnumerable<int[]> Chunks(IEnumerable<(TagTarget Kind, int Id)> targets, TagTarget kind) =>
        targets.Where(t => t.Kind == kind).Select(t => t.Id).Distinct().Chunk(ChunkSize);

    private static async Task<List<TagTargetInfo>> RecommendationTargetsAsync(IQueryable<Recommendation> query, CancellationToken ct) =>
        (await query.AsNoTracking().Select(r => new { r.Id, r.Code, r.Text, r.RoundId, r.Round!.BodyId, Body = r.Round.Body!.ShortName, r.Round.Number }).ToListAsync(ct))
            .Select(r => new TagTargetInfo(TagTarget.Recommendation, r.Id, r.BodyId, r.RoundId, $"Recommendation {r.Code}", r.Text,
                $"/rounds/{r.Body}/{r.Number}/recommendations/{Uri.EscapeDataString(r.Code)}")).ToList();

    private async Task<List<TagTargetInfo>> QuestionTargetsAsync(IQueryable<Question> query, CancellationToken ct)
    {
        var questions = await query.AsNoTracking().Include(q => q.Items).ToListAsync(ct);
        var roundIds = questions.Select(q => q.RoundId).Distinct().ToList();
        var bodies = await db.Rounds.Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.BodyId, ct);
        return [.. questions.Select(q => new TagTargetInfo(TagTarget.Question, q.Id, bodies[q.RoundId], q.RoundId, $"Question {q.Number}", QuestionText(q), $"/tags/question/{q.Id}"))];
    }

    private static async Task<List<TagTargetInfo>> ReplyTargetsAsync(IQueryable<Reply> query, CancellationToken ct) =>
        (await query.AsNoTracking().Include(x => x.Party).Include(x => x.Answers).Include(x => x.Round!).ThenInclude(x => x.Body).ToListAsync(ct))
            .Select(reply => new TagTargetInfo(TagTarget.Reply, reply.Id, reply.Round!.BodyId, reply.RoundId, $"Reply of {reply.Party!.Name}", ReplyText(reply),
                $"/rounds/{reply.Round.Body!.ShortName}/{reply.Round.Number}/replies/{Uri.EscapeDataString(reply.Party.Name)}")).ToList();

    /// <summary>The body's terms, and the model learned from every tag people accepted in that body.</summary>
    public async Task<Suggester> SuggesterAsync(int bodyId, CancellationToken ct)
    {
        var terms = await TermsAsync(bodyId, ct);
        var gold = await GoldAsync(bodyId, ct);
        return new Suggester(terms, TermModel.Learn(gold.Select(g => new LabelledText(g.Text, g.Accepted)).ToList()));
    }

    public async Task<IReadOnlyList<TermInfo>> TermsAsync(int bodyId, CancellationToken ct) =>
        (await db.Terms.Where(t => t.Vocabulary!.BodyId == bodyId).Select(t => new { t.Id, t.Vocabulary!.Key, t.Code, t.Label }).ToListAsync(ct))
            .Select(t => new TermInfo(t.Id, t.Key, t.Code, t.Label, IsArticlesVocabulary(t.Key))).ToList();

    /// <summary>The articles vocabulary of a body is the one whose key ends in "-articles" ("lanzarote-articles").</summary>
    public static bool IsArticlesVocabulary(string key) => key.EndsWith("-articles", StringComparison.Ordinal);

    /// <summary>Every item of the body with accepted tags, with its text: what the model learns from and what the evaluation scores against.</summary>
    public async Task<IReadOnlyList<GoldItem>> GoldAsync(int bodyId, CancellationToken ct)
    {
        var accepted = await db.Taggings.Where(t => t.State == TagState.Accepted && t.Term!.Vocabulary!.BodyId == bodyId)
            .Select(t => new { t.TargetKind, t.TargetId, t.TermId }).ToListAsync(ct);
        var groups = accepted.GroupBy(t => (t.TargetKind, t.TargetId)).ToList();
        var targets = (await FindTargetsAsync([.. groups.Select(g => g.Key)], ct)).ToDictionary(t => (t.Kind, t.Id));
        var items = new List<GoldItem>();
        foreach (var group in groups)
        {
            if (!targets.TryGetValue(group.Key, out var target)) continue;
            items.Add(new GoldItem($"{KindName(target.Kind)}:{target.Id:D8}", target.Text, group.Select(g => g.TermId).ToList()));
        }
        return items;
    }

    private static string QuestionText(Question q) =>
        string.Join("\n", new[] { q.Title ?? "", q.Text }.Concat(q.Items.OrderBy(i => i.Letter, StringComparer.Ordinal).Select(i => i.Text)).Where(s => s.Length > 0));

    private static string ReplyText(Reply reply) => string.Join("\n\n", reply.Answers.OrderBy(a => a.QuestionId).Select(a => a.Text));

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static TagView View(Tagging t, string key, string name, string code, string label) =>
        new(t.Id, KindName(t.TargetKind), t.TargetId, key, name, code, label, t.State.ToString().ToLowerInvariant(), t.Source, t.Reason, t.Score, t.UserName, t.At);
}
