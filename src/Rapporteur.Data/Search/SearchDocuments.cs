using Microsoft.EntityFrameworkCore;
using Rapporteur.Data.Entities;
using AddresseeKind = Rapporteur.Core.Model.AddresseeKind;
using BlockKind = Rapporteur.Core.Model.BlockKind;
using BoxType = Rapporteur.Core.Model.BoxType;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;

namespace Rapporteur.Data.Search;

/// <summary>Builds the search documents of one owner from what is stored now — an owner that no longer exists has
/// none. Every address is the exact place on the site: the question's anchor in a reply, the box in a factsheet.</summary>
public static class SearchDocuments
{
    public static Task<List<SearchDocument>> LoadAsync(RapporteurDbContext db, SearchOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return owner.Type switch
        {
            SearchOwner.Reply => ReplyAsync(db, owner.Id, ct),
            SearchOwner.Factsheet => FactsheetAsync(db, owner.Id, ct),
            SearchOwner.Report => ReportAsync(db, owner.Id, ct),
            SearchOwner.Recommendation => RecommendationAsync(db, owner.Id, ct),
            SearchOwner.Questionnaire => QuestionnaireAsync(db, owner.Id, ct),
            SearchOwner.Comment => CommentAsync(db, owner.Id, ct),
            _ when TranslationSearchDocuments.IsOwner(owner) => TranslationSearchDocuments.LoadAsync(db, owner, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(owner), owner.Type, "unknown search owner"),
        };
    }

    /// <summary>Every owner in the store, for a rebuild.</summary>
    public static async Task<List<SearchOwner>> AllOwnersAsync(RapporteurDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owners = new List<SearchOwner>();
        owners.AddRange((await db.Rounds.Select(r => r.Id).ToListAsync(ct)).Select(id => new SearchOwner(SearchOwner.Questionnaire, id)));
        owners.AddRange((await db.Replies.Select(r => r.Id).ToListAsync(ct)).Select(id => new SearchOwner(SearchOwner.Reply, id)));
        owners.AddRange((await db.Recommendations.Select(r => r.Id).ToListAsync(ct)).Select(id => new SearchOwner(SearchOwner.Recommendation, id)));
        owners.AddRange((await db.Factsheets.Select(r => r.Id).ToListAsync(ct)).Select(id => new SearchOwner(SearchOwner.Factsheet, id)));
        owners.AddRange((await db.Reports.Select(r => r.Id).ToListAsync(ct)).Select(id => new SearchOwner(SearchOwner.Report, id)));
        owners.AddRange((await db.Comments.Select(r => r.Id).ToListAsync(ct)).Select(id => new SearchOwner(SearchOwner.Comment, id)));
        return owners;
    }

    private sealed record RoundInfo(int Id, string Body, int Number)
    {
        public string Url => $"/rounds/{Segment(Body)}/{Number}";
    }

    private static Task<RoundInfo?> RoundAsync(RapporteurDbContext db, int roundId, CancellationToken ct) =>
        db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new RoundInfo(r.Id, r.Body!.ShortName, r.Number)).SingleOrDefaultAsync(ct);

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static async Task<List<SearchDocument>> ReplyAsync(RapporteurDbContext db, int id, CancellationToken ct)
    {
        var reply = await db.Replies.AsNoTracking().Include(r => r.Party).Include(r => r.Answers).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (reply is null || await RoundAsync(db, reply.RoundId, ct) is not { } round) return [];
        var questions = await QuestionsAsync(db, reply.RoundId, ct);
        var party = reply.Party!.Name;
        var submitted = reply.Status == ReplyStatus.Submitted;
        // A draft is read where its focal point writes it; a submitted reply on the public page.
        var page = $"{round.Url}/replies/{Segment(party)}" + (submitted ? "" : "/edit");
        var docs = new List<SearchDocument>();
        foreach (var answer in reply.Answers)
        {
            if (!questions.TryGetValue(answer.QuestionId, out var q)) continue;
            var text = IndexText.Join([answer.Text,
                .. answer.ItemAnswers.OrderBy(i => i.Letter, StringComparer.Ordinal).Select(i => $"{i.Letter}) {IndexText.Plain(i.Text)}"),
                .. answer.PromptAnswers.Select(p => p.Text)]);
            if (text.Length == 0) continue;
            docs.Add(new SearchDocument
            {
                Owner = new(SearchOwner.Reply, id),
                Type = SearchTypes.Answer,
                Key = q.Question.Number,
                SourceId = answer.Id,
                Body = round.Body,
                RoundId = round.Id,
                RoundNumber = round.Number,
                PartyId = reply.PartyId,
                Party = party,
                Section = q.Section,
                Visibility = submitted ? SearchVisibility.Public : SearchVisibility.Party,
                Title = $"{party}: answer to question {q.Question.Number}" + (q.Question.Title is { Length: > 0 } t ? $" ({t})" : ""),
                Url = $"{page}#q-{q.Question.Number}",
                Text = text,
            });
        }
        return docs;
    }

    private sealed record QuestionInfo(Question Question, string Section);

    private static async Task<Dictionary<int, QuestionInfo>> QuestionsAsync(RapporteurDbContext db, int roundId, CancellationToken ct)
    {
        var sections = await db.Sections.AsNoTracking().Where(s => s.RoundId == roundId).Include(s => s.Questions).ThenInclude(q => q.Items).AsSplitQuery().ToListAsync(ct);
        return sections.SelectMany(s => s.Questions.Select(q => new QuestionInfo(q, s.Name))).ToDictionary(q => q.Question.Id);
    }

    private static async Task<List<SearchDocument>> QuestionnaireAsync(RapporteurDbContext db, int roundId, CancellationToken ct)
    {
        if (await RoundAsync(db, roundId, ct) is not { } round) return [];
        var questions = await QuestionsAsync(db, roundId, ct);
        return questions.Values.Select(q => new SearchDocument
        {
            Owner = new(SearchOwner.Questionnaire, roundId),
            Type = SearchTypes.Question,
            Key = q.Question.Number,
            SourceId = q.Question.Id,
            Body = round.Body,
            RoundId = round.Id,
            RoundNumber = round.Number,
            Section = q.Section,
            Visibility = SearchVisibility.Public,
            Title = $"Question {q.Question.Number}" + (q.Question.Title is { Length: > 0 } t ? $": {t}" : ""),
            Url = $"{round.Url}#q-{q.Question.Number}",
            Text = IndexText.Join([q.Question.Text,
                .. q.Question.Items.OrderBy(i => i.Letter, StringComparer.Ordinal).Select(i => $"{i.Letter}) {IndexText.Plain(i.Text)}"),
                .. q.Question.Prompts]),
        }).Where(d => d.Text.Length > 0).ToList();
    }

    private static async Task<List<SearchDocument>> RecommendationAsync(RapporteurDbContext db, int id, CancellationToken ct)
    {
        var r = await db.Recommendations.AsNoTracking().Include(x => x.Party).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || await RoundAsync(db, r.RoundId, ct) is not { } round) return [];
        return [RecommendationDoc(r, round)];
    }

    /// <summary>The documents of every recommendation, in two queries (a rebuild would otherwise ask twice per recommendation).</summary>
    public static async Task<List<SearchDocument>> AllRecommendationsAsync(RapporteurDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rounds = await db.Rounds.AsNoTracking().Select(r => new RoundInfo(r.Id, r.Body!.ShortName, r.Number)).ToDictionaryAsync(r => r.Id, ct);
        var all = await db.Recommendations.AsNoTracking().Include(x => x.Party).OrderBy(x => x.Id).ToListAsync(ct);
        return [.. all.Where(r => rounds.ContainsKey(r.RoundId)).Select(r => RecommendationDoc(r, rounds[r.RoundId]))];
    }

    private static SearchDocument RecommendationDoc(Recommendation r, RoundInfo round)
    {
        var all = r.Addressee == AddresseeKind.All;
        return new SearchDocument
        {
            Owner = new(SearchOwner.Recommendation, r.Id),
            Type = SearchTypes.Recommendation,
            Key = r.Code,
            SourceId = r.Id,
            Body = round.Body,
            RoundId = round.Id,
            RoundNumber = round.Number,
            PartyId = r.PartyId,
            Party = r.Party?.Name,
            Section = r.Chapter,
            Strength = r.Strength,
            Addressee = all ? "all" : "party",
            Visibility = SearchVisibility.Public,
            Title = $"Recommendation {r.Code}" + (all ? " (all Parties)" : r.Party is { } p ? $" ({p.Name})" : ""),
            Url = $"{round.Url}/recommendations/{Segment(r.Code)}",
            Text = IndexText.Plain(r.Text),
        };
    }

    private static async Task<List<SearchDocument>> FactsheetAsync(RapporteurDbContext db, int id, CancellationToken ct)
    {
        var f = await db.Factsheets.AsNoTracking().Include(x => x.Party)
            .Include(x => x.Chapters).ThenInclude(c => c.Blocks)
            .Include(x => x.Boxes).Include(x => x.Footnotes)
            .AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (f is null || await RoundAsync(db, f.RoundId, ct) is not { } round) return [];
        var party = f.Party!.Name;
        var page = $"{round.Url}/factsheets/{Segment(party)}";
        var visibility = f.Status == PublicationStatus.Published ? SearchVisibility.Public : SearchVisibility.Staff;
        SearchDocument Doc(string type, string key, int sourceId, string? section, string title, string anchor, string text, string? boxType = null) => new()
        {
            Owner = new(SearchOwner.Factsheet, id),
            Type = type,
            Key = key,
            SourceId = sourceId,
            Body = round.Body,
            RoundId = round.Id,
            RoundNumber = round.Number,
            PartyId = f.PartyId,
            Party = party,
            Section = section,
            BoxType = boxType,
            Visibility = visibility,
            Title = title,
            Url = $"{page}#{anchor}",
            Text = text,
        };

        var docs = new List<SearchDocument>();
        var chapterOfNote = new Dictionary<int, string>();
        foreach (var c in f.Chapters.OrderBy(c => c.Order))
            foreach (var b in c.Blocks.OrderBy(b => b.Order))
            {
                foreach (var n in b.Footnotes) chapterOfNote.TryAdd(n, c.Number);
                // Recommendations are found once, as recommendations; boxes as boxes (a box block repeats its box).
                if (b.Kind is BlockKind.Recommendation or BlockKind.Box) continue;
                var text = IndexText.Plain(b.Text);
                if (text.Length == 0) continue;
                docs.Add(Doc(SearchTypes.Paragraph, b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Id, c.Number,
                    $"Factsheet {party}, {c.Number}. {c.Title}", $"block-{b.Id}", text));
            }
        // A Party's box waiting for the Secretariat is not part of the factsheet yet.
        foreach (var box in f.Boxes.Where(b => b.Status == PublicationStatus.Published))
        {
            var text = IndexText.Join([box.Heading, box.Text]);
            if (text.Length == 0) continue;
            var on = box.Recommendations.Count > 0 ? $" on {string.Join(", ", box.Recommendations)}" : "";
            docs.Add(Doc(SearchTypes.Box, box.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), box.Id, box.Chapter,
                $"{BoxLabel(box.Type)} of {party}{on}", $"box-{box.Id}", text, BoxTypeName(box.Type)));
        }
        foreach (var n in f.Footnotes)
        {
            var text = IndexText.Plain(n.Text);
            if (text.Length == 0) continue;
            var number = n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            docs.Add(Doc(SearchTypes.Footnote, number, n.Id, chapterOfNote.GetValueOrDefault(n.Number), $"Factsheet {party}, note {number}", $"fn-{number}", text));
        }
        return docs;
    }

    private static async Task<List<SearchDocument>> ReportAsync(RapporteurDbContext db, int id, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Chapters).ThenInclude(c => c.Paragraphs).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || await RoundAsync(db, report.RoundId, ct) is not { } round) return [];
        var party = report.PartyId is { } pid ? await db.Parties.AsNoTracking().Where(p => p.Id == pid).Select(p => p.Name).SingleOrDefaultAsync(ct) : null;
        var notes = await db.Footnotes.AsNoTracking().Where(n => n.ReportId == id).ToListAsync(ct);
        var page = $"{round.Url}/reports/{id}";
        var visibility = report.Status == PublicationStatus.Published ? SearchVisibility.Public : SearchVisibility.Staff;
        SearchDocument Doc(string type, string key, int sourceId, string? section, string title, string anchor, string text) => new()
        {
            Owner = new(SearchOwner.Report, id),
            Type = type,
            Key = key,
            SourceId = sourceId,
            Body = round.Body,
            RoundId = round.Id,
            RoundNumber = round.Number,
            PartyId = report.PartyId,
            Party = party,
            Section = section,
            Visibility = visibility,
            Title = title,
            Url = $"{page}#{anchor}",
            Text = text,
        };
        var docs = new List<SearchDocument>();
        foreach (var c in report.Chapters.OrderBy(c => c.Order))
            foreach (var p in c.Paragraphs.OrderBy(p => p.Number))
            {
                var text = IndexText.Plain(p.Text);
                if (text.Length == 0) continue;
                var number = p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                docs.Add(Doc(SearchTypes.Paragraph, number, p.Id, c.Number, $"{report.Title}, para. {number}", $"para-{number}", text));
            }
        foreach (var n in notes)
        {
            var text = IndexText.Plain(n.Text);
            if (text.Length == 0) continue;
            var number = n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            docs.Add(Doc(SearchTypes.Footnote, number, n.Id, null, $"{report.Title}, note {number}", $"fn-{number}", text));
        }
        return docs;
    }

    private static async Task<List<SearchDocument>> CommentAsync(RapporteurDbContext db, int id, CancellationToken ct)
    {
        var c = await db.Comments.AsNoTracking().Include(x => x.Party).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || await RoundAsync(db, c.RoundId, ct) is not { } round) return [];
        var text = IndexText.Plain(c.Text);
        if (text.Length == 0) return [];
        var key = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            new SearchDocument
            {
                Owner = new(SearchOwner.Comment, id),
                Type = SearchTypes.Comment,
                Key = key,
                SourceId = c.Id,
                Body = round.Body,
                RoundId = round.Id,
                RoundNumber = round.Number,
                PartyId = c.PartyId,
                Party = c.Party?.Name,
                Visibility = c.Status == CommentStatus.Approved ? SearchVisibility.Public : SearchVisibility.Staff,
                Title = $"Comment by {c.Organisation}" + (c.Party is { } p ? $" on the reply of {p.Name}" : $" on round {round.Number}"),
                Url = (c.Party is { } q ? $"{round.Url}/replies/{Segment(q.Name)}" : round.Url) + $"#comment-{key}",
                Text = text,
            },
        ];
    }

    /// <summary>The box type as the <c>boxType</c> facet (and <c>parse --format json</c>) names it.</summary>
    public static string BoxTypeName(BoxType type) => type switch
    {
        BoxType.FollowUp => "followUp",
        BoxType.PromisingPractice => "promisingPractice",
        _ => "clarificationNote",
    };

    private static string BoxLabel(BoxType type) => type switch
    {
        BoxType.FollowUp => "Follow-up actions",
        BoxType.PromisingPractice => "Promising practices",
        _ => "Clarification note",
    };
}
