using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using AddresseeKind = Rapporteur.Core.Model.AddresseeKind;
using RecommendationId = Rapporteur.Core.Model.RecommendationId;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Rounds;

/// <summary>A round: its questionnaire, where each Party stands, the recommendations and the published factsheets.</summary>
public sealed class RoundModel(RapporteurDbContext db, TimeProvider clock, Comments.CommentBoard board, Translations.TranslationStore translations) : PageModel
{
    public sealed record PartyRow(int PartyId, string Party, ReplyState State, DateTimeOffset? Submitted, bool ReplyPublic, bool FactsheetPublished);

    public Round Round { get; private set; } = null!;
    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public IReadOnlyList<PartyRow> Parties { get; private set; } = [];
    public IReadOnlyList<Recommendation> Recommendations { get; private set; } = [];
    public Comments.CommentsView Comments { get; private set; } = null!;

    /// <summary>Questions and recommendations in the reader's language, when it is not English and a translation exists.</summary>
    public IReadOnlyDictionary<(string Kind, int Id), string> Translated { get; private set; } = new Dictionary<(string, int), string>();

    /// <summary>A question's prompts in the reader's language, when they are translated (and line up with the English).</summary>
    public IReadOnlyList<string>? PromptsIn(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Translated.TryGetValue((Translations.TranslationTargets.Prompts, question.Id), out var t)
            ? Translations.TranslationTargets.PartsMatching(Translations.TranslationTargets.Prompts, t, question.Prompts) : null;
    }

    public async Task<IActionResult> OnGetAsync(string body, int number, CancellationToken cancellationToken)
    {
        var round = await RoundQueries.FindAsync(db, body, number, cancellationToken);
        if (round is null || (round.Status == RoundStatus.Draft && !Web.Security.IsStaff(User))) return NotFound();
        Round = round;
        Sections = await db.Sections.Where(s => s.RoundId == round.Id).OrderBy(s => s.Order)
            .Include(s => s.Questions.OrderBy(q => q.Order)).ThenInclude(q => q.Items).AsSplitQuery().ToListAsync(cancellationToken);
        var replies = await db.Replies.Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.PartyId, cancellationToken);
        var published = await db.Factsheets.Where(f => f.RoundId == round.Id && f.Status == PublicationStatus.Published).Select(f => f.PartyId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        Parties = (await db.Parties.OrderBy(p => p.Name).ToListAsync(cancellationToken))
            .Select(p =>
            {
                var reply = replies.GetValueOrDefault(p.Id);
                return new PartyRow(p.Id, p.Name, RoundQueries.StateOf(reply, round.ReplyDeadline, now), reply?.SubmittedAt,
                    reply?.Status == ReplyStatus.Submitted, published.Contains(p.Id));
            }).ToList();
        Recommendations = await db.Recommendations.Where(r => r.RoundId == round.Id).Include(r => r.Party).ToListAsync(cancellationToken);
        Recommendations = Recommendations.OrderBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        if (Languages.Languages.Current is var language && language != Languages.Languages.English)
            Translated = (await translations.ForAsync(language,
                    Sections.SelectMany(s => s.Questions).Select(q => (Translations.TranslationTargets.Question, q.Id, q.Text))
                        .Concat(Sections.SelectMany(s => s.Questions).SelectMany(q => q.Items).Select(i => (Translations.TranslationTargets.Item, i.Id, i.Text)))
                        .Concat(Sections.SelectMany(s => s.Questions).Where(q => q.Prompts.Count > 0)
                            .Select(q => (Translations.TranslationTargets.Prompts, q.Id, Translations.TranslationTargets.Joined(Translations.TranslationTargets.Prompts, q.Prompts))))
                        .Concat(Recommendations.Select(r => (Translations.TranslationTargets.Recommendation, r.Id, r.Text))), cancellationToken))
                .Where(kv => !kv.Value.Outdated) // an outdated translation gives way to the English
                .ToDictionary(kv => kv.Key, kv => kv.Value.Translation.Text);
        Comments = new(await board.VisibleAsync(User, round.Id, null, cancellationToken), Rapporteur.Features.Comments.CommentBoard.CanComment(User), $"/rounds/{body}/{number}/comments");
        return Page();
    }
}

/// <summary>Sorts recommendation codes as people read them: II-2 before II-10.</summary>
public sealed class RecommendationCodeComparer : IComparer<string>
{
    public static RecommendationCodeComparer Instance { get; } = new();

    public int Compare(string? x, string? y) =>
        RecommendationId.TryParse(x, out var a) && RecommendationId.TryParse(y, out var b)
            ? a!.CompareTo(b)
            : string.CompareOrdinal(x, y);
}
