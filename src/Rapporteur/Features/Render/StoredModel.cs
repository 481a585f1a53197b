using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using M = Rapporteur.Core.Model;
using E = Rapporteur.Data.Entities;

namespace Rapporteur.Features.Render;

/// <summary>Reads what a round holds in the data store back into the Core model the renderers walk: factsheets,
/// recommendations, the questionnaire and the replies. The one place where stored entities become model records.</summary>
internal sealed class StoredModel(RapporteurDbContext db)
{
    /// <summary>Only what the public site shows: published factsheets and submitted replies (the web app's downloads).
    /// Off for the command line, which publishes what the data store holds, drafts included.</summary>
    public bool PublicOnly { get; init; }

    /// <summary>The language to publish in ("fr"): each piece of content that has a translation into it comes in that
    /// language when that translation was made from the source as it stands; the rest (not translated, or translated from
    /// an earlier version of the source: outdated) in its source language. Null or "en": the source as stored.</summary>
    public string? Language { get; init; }

    private bool Translating => Language is { } l && !string.Equals(l, "en", StringComparison.Ordinal);

    /// <summary>The up-to-date translations into <see cref="Language"/> of these pieces (id, current source text;
    /// a piece listed twice counts once).</summary>
    private Task<Dictionary<int, string>> CurrentTranslationsAsync(string kind, IEnumerable<(int Id, string Source)> sources, CancellationToken ct) =>
        CurrentTranslationsAsync(kind, sources.GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().Source), ct);

    /// <summary>The up-to-date translations into <see cref="Language"/> of these pieces (id → current source text): a
    /// translation made from an older source is left out, so the source text stands in for it.</summary>
    private async Task<Dictionary<int, string>> CurrentTranslationsAsync(string kind, IReadOnlyDictionary<int, string> sources, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        if (!Translating) return result;
        foreach (var chunk in sources.Keys.Chunk(500))
            foreach (var t in await db.Translations.AsNoTracking().Where(t => t.TargetKind == kind && t.Language == Language && chunk.Contains(t.TargetId))
                         .Select(t => new { t.TargetId, t.Text, t.SourceHash }).ToListAsync(ct))
                if (string.Equals(t.SourceHash, Translations.TranslationStore.Hash(sources[t.TargetId]), StringComparison.Ordinal))
                    result[t.TargetId] = t.Text;
        return result;
    }

    /// <summary>The round's implementation reports: id, title and the Party each is about.</summary>
    public async Task<List<(int Id, string Title, string? Party)>> ReportsAsync(E.Round round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var reports = await db.Reports.Where(r => r.RoundId == round.Id).OrderBy(r => r.Id).Select(r => new { r.Id, r.Title, r.PartyId }).ToListAsync(ct);
        var parties = await db.Parties.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return reports.Select(r => (r.Id, r.Title, r.PartyId is { } p ? parties.GetValueOrDefault(p) : null)).ToList();
    }

    /// <summary>An implementation report of the round in <see cref="Language"/> (title, chapter titles, paragraphs and
    /// notes translated where an up-to-date translation exists), its notes and the Party it is about; null when the round
    /// has no such report (or, for the public, when it is not published).</summary>
    public async Task<(M.ImplementationReport Report, List<M.Footnote> Notes, string? Party)?> ReportAsync(E.Round round, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var query = db.Reports.Where(r => r.Id == id && r.RoundId == round.Id);
        if (PublicOnly) query = query.Where(r => r.Status == E.PublicationStatus.Published);
        var report = await query.Include(r => r.Chapters).ThenInclude(c => c.Paragraphs).AsSplitQuery().AsNoTracking().SingleOrDefaultAsync(ct);
        if (report is null) return null;
        var notes = await db.Footnotes.Where(n => n.ReportId == id).AsNoTracking().ToListAsync(ct);
        var party = report.PartyId is { } p ? await db.Parties.Where(x => x.Id == p).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var paragraphs = report.Chapters.SelectMany(c => c.Paragraphs).ToList();
        if (Translating)
        {
            // Untracked copies: replacing their text here changes what is published, never what is stored.
            var title = await CurrentTranslationsAsync(Translations.TranslationTargets.ReportTitle, new Dictionary<int, string> { [report.Id] = report.Title }, ct);
            var chapters = await CurrentTranslationsAsync(Translations.TranslationTargets.ReportChapter, report.Chapters.ToDictionary(c => c.Id, c => c.Title), ct);
            var texts = await CurrentTranslationsAsync(Translations.TranslationTargets.ReportParagraph, paragraphs.ToDictionary(x => x.Id, x => x.Text), ct);
            var notesFr = await CurrentTranslationsAsync(Translations.TranslationTargets.Footnote, notes.ToDictionary(n => n.Id, n => n.Text), ct);
            report.Title = title.GetValueOrDefault(report.Id, report.Title);
            foreach (var c in report.Chapters) c.Title = chapters.GetValueOrDefault(c.Id, c.Title);
            foreach (var x in paragraphs) x.Text = texts.GetValueOrDefault(x.Id, x.Text);
            foreach (var n in notes) n.Text = notesFr.GetValueOrDefault(n.Id, n.Text);
        }
        var model = new M.ImplementationReport(report.Title, round.Number,
            report.Chapters.OrderBy(c => c.Order).Select(c => new M.ReportChapter(new M.Chapter(c.Number, c.Title),
                c.Paragraphs.OrderBy(x => x.Number).Select(x => new M.ReportParagraph(x.Number, x.Text)).ToList())).ToList(), []);
        return (model, notes.OrderBy(n => n.Number).Select(n => new M.Footnote(n.Number, n.Text, n.Paragraphs, Ids(n.Recommendations))).ToList(), party);
    }

    /// <summary>The round's title in <see cref="Language"/>: the French title when publishing in French and the round has one.</summary>
    public string RoundTitle(E.Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return Translating && round.TitleFr is { Length: > 0 } french ? french : round.TitleEn;
    }

    public Task<E.Round?> RoundAsync(M.TreatyBody body, int number, CancellationToken ct) =>
        db.Rounds.Include(r => r.Body).SingleOrDefaultAsync(r => r.Body!.ShortName == body.ShortName && r.Number == number, ct);

    /// <summary>The round's factsheets, by Party name (one Party's only, when <paramref name="party"/> is given).</summary>
    public async Task<List<M.Factsheet>> FactsheetsAsync(E.Round round, string? party, CancellationToken ct)
    {
        var query = db.Factsheets.Where(f => f.RoundId == round.Id);
        if (PublicOnly) query = query.Where(f => f.Status == E.PublicationStatus.Published);
        if (party is not null) query = query.Where(f => f.Party!.Name == party);
        var stored = await query
            .Include(f => f.Party)
            .Include(f => f.Chapters).ThenInclude(c => c.Blocks).ThenInclude(b => b.Box)
            .Include(f => f.Footnotes)
            .AsSplitQuery().AsNoTracking().ToListAsync(ct);
        if (Translating)
        {
            // Untracked copies: replacing their text here changes what is published, never what is stored.
            var chapters = stored.SelectMany(f => f.Chapters).ToList();
            var blocks = chapters.SelectMany(c => c.Blocks).ToList();
            var titles = await CurrentTranslationsAsync(Translations.TranslationTargets.Chapter, chapters.Select(c => (c.Id, c.Title)), ct);
            var texts = await CurrentTranslationsAsync(Translations.TranslationTargets.Block, blocks.Where(b => b.Box is null).Select(b => (b.Id, b.Text)), ct);
            var boxes = await CurrentTranslationsAsync(Translations.TranslationTargets.Box, blocks.Where(b => b.Box is not null).Select(b => (b.Box!.Id, b.Box.Text)), ct);
            foreach (var c in chapters) c.Title = titles.GetValueOrDefault(c.Id, c.Title);
            await TranslateFactsheetTextAsync(stored, ct);
            foreach (var b in blocks)
            {
                if (b.Box is { } box && boxes.TryGetValue(box.Id, out var boxText)) (box.Text, b.Text) = (boxText, boxText);
                else if (b.Box is null) b.Text = texts.GetValueOrDefault(b.Id, b.Text);
            }
        }
        return stored.Select(f => Factsheet(f, round.Number)).OrderBy(f => f.Party.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Each factsheet's title, preamble and notes in <see cref="Language"/> where translated (on untracked copies).</summary>
    private async Task TranslateFactsheetTextAsync(List<E.Factsheet> stored, CancellationToken ct)
    {
        var titles = await CurrentTranslationsAsync(Translations.TranslationTargets.FactsheetTitle, stored.Select(f => (f.Id, f.Title)), ct);
        var preambles = await CurrentTranslationsAsync(Translations.TranslationTargets.Preamble, stored.Where(f => f.Preamble.Count > 0)
            .Select(f => (f.Id, Translations.TranslationTargets.Joined(Translations.TranslationTargets.Preamble, f.Preamble))), ct);
        var notes = await CurrentTranslationsAsync(Translations.TranslationTargets.Footnote, stored.SelectMany(f => f.Footnotes).Select(n => (n.Id, n.Text)), ct);
        foreach (var f in stored)
        {
            // The document's cover opens with the preamble's first line, which is the title when the importer found one.
            var titleIsFirstLine = f.Preamble.Count > 0 && string.Equals(f.Preamble[0], f.Title, StringComparison.Ordinal);
            if (Translations.TranslationTargets.PartsMatching(Translations.TranslationTargets.Preamble, preambles.GetValueOrDefault(f.Id), f.Preamble) is { } preamble)
                f.Preamble = [.. preamble];
            if (titles.TryGetValue(f.Id, out var title))
            {
                if (titleIsFirstLine && !preambles.ContainsKey(f.Id)) f.Preamble[0] = title;
                f.Title = title;
            }
            foreach (var n in f.Footnotes) n.Text = notes.GetValueOrDefault(n.Id, n.Text);
        }
    }

    /// <summary>The names of the Parties that have a factsheet in the round.</summary>
    public Task<List<string>> FactsheetPartiesAsync(E.Round round, CancellationToken ct) =>
        db.Factsheets.Where(f => f.RoundId == round.Id).Select(f => f.Party!.Name).OrderBy(n => n).ToListAsync(ct);

    public async Task<List<M.Recommendation>> RecommendationsAsync(E.Round round, CancellationToken ct)
    {
        var stored = await db.Recommendations.Where(r => r.RoundId == round.Id).Include(r => r.Party).AsNoTracking().ToListAsync(ct);
        var translated = await CurrentTranslationsAsync(Translations.TranslationTargets.Recommendation, stored.Select(r => (r.Id, r.Text)), ct);
        foreach (var r in stored) r.Text = translated.GetValueOrDefault(r.Id, r.Text);
        return stored.Select(Recommendation).OrderBy(r => r.Id).ToList();
    }

    /// <summary>The round's questionnaire (sections and questions in their order) and every stored reply.</summary>
    public async Task<(M.Questionnaire Questionnaire, List<M.Reply> Replies)> RepliesAsync(E.Round round, CancellationToken ct)
    {
        var sections = await db.Sections.Where(s => s.RoundId == round.Id).Include(s => s.Questions).ThenInclude(q => q.Items)
            .AsSplitQuery().AsNoTracking().ToListAsync(ct);
        var questions = await CurrentTranslationsAsync(Translations.TranslationTargets.Question, sections.SelectMany(s => s.Questions).Select(q => (q.Id, q.Text)), ct);
        foreach (var q in sections.SelectMany(s => s.Questions)) q.Text = questions.GetValueOrDefault(q.Id, q.Text);
        var items = await CurrentTranslationsAsync(Translations.TranslationTargets.Item, sections.SelectMany(s => s.Questions).SelectMany(q => q.Items).Select(i => (i.Id, i.Text)), ct);
        foreach (var i in sections.SelectMany(s => s.Questions).SelectMany(q => q.Items)) i.Text = items.GetValueOrDefault(i.Id, i.Text);
        // A reply's prompt answer names its prompt by the English text: the same prompt, translated, is looked up by it.
        var promptTexts = new Dictionary<(int Question, string English), string>();
        var prompts = await CurrentTranslationsAsync(Translations.TranslationTargets.Prompts, sections.SelectMany(s => s.Questions).Where(q => q.Prompts.Count > 0)
            .Select(q => (q.Id, Translations.TranslationTargets.Joined(Translations.TranslationTargets.Prompts, q.Prompts))), ct);
        foreach (var q in sections.SelectMany(s => s.Questions))
            if (Translations.TranslationTargets.PartsMatching(Translations.TranslationTargets.Prompts, prompts.GetValueOrDefault(q.Id), q.Prompts) is { } french)
            {
                for (var k = 0; k < french.Count; k++) promptTexts.TryAdd((q.Id, q.Prompts[k]), french[k]);
                q.Prompts = [.. french];
            }
        var questionnaire = new M.Questionnaire(sections.OrderBy(s => s.Order).Select(s => new M.QuestionnaireSection(s.Name,
            s.Questions.OrderBy(q => q.Order).Select(q => new M.Question(q.Number, s.Name, q.Title, q.Text,
                q.Items.OrderBy(i => i.Letter, StringComparer.Ordinal).Select(i => new M.QuestionItem(i.Letter[0], i.Text)).ToList(), q.Prompts)).ToList())).ToList());
        var replies = await db.Replies.Where(r => r.RoundId == round.Id && (!PublicOnly || r.Status == M.ReplyStatus.Submitted)).Include(r => r.Party).Include(r => r.Answers).ThenInclude(a => a.Question)
            .AsSplitQuery().AsNoTracking().ToListAsync(ct);
        return (questionnaire, replies.Select(r => new M.Reply(new M.Party(r.Party!.Name), round.Number,
            r.Answers.Select(a => new M.Answer(a.Question!.Number, a.Text,
                a.ItemAnswers.ToDictionary(i => i.Letter[0], i => i.Text),
                a.PromptAnswers.Select(p => new M.PromptAnswer(promptTexts.GetValueOrDefault((a.QuestionId, p.Prompt), p.Prompt), p.Text)).ToList())).ToList(), r.Status)).ToList());
    }

    private static M.Factsheet Factsheet(E.Factsheet f, int round) => new(
        new M.Party(f.Party!.Name),
        round,
        f.Title,
        f.Preamble,
        f.Chapters.OrderBy(c => c.Order).Select(c => new M.FactsheetChapter(new M.Chapter(c.Number, c.Title),
            c.Blocks.OrderBy(b => b.Order).Select(Block).ToList())).ToList(),
        f.Footnotes.OrderBy(n => n.Number).Select(n => new M.Footnote(n.Number, n.Text, n.Paragraphs, Ids(n.Recommendations))).ToList());

    private static M.FactsheetBlock Block(E.FactsheetBlock b)
    {
        var box = b.Box is { } x ? new M.Box(x.Type, x.Chapter, Ids(x.Recommendations), x.Text, x.Heading) : null;
        // A box block whose box is gone is shown as its text.
        var kind = b.Kind == M.BlockKind.Box && box is null ? M.BlockKind.Paragraph : b.Kind;
        return new M.FactsheetBlock(kind, b.Text, b.Footnotes, Ids(b.Recommendations), kind == M.BlockKind.Box ? box : null);
    }

    private static M.Recommendation Recommendation(E.Recommendation r)
    {
        var party = r.Party is { } p ? new M.Party(p.Name) : null;
        var addressee = r.Addressee == M.AddresseeKind.Party && party is not null ? M.Addressee.OneParty(party) : M.Addressee.AllParties(party);
        return new M.Recommendation(new M.RecommendationId(r.Code), r.Strength, addressee, r.Chapter, r.Paragraphs, r.RecommendedBy, r.Text);
    }

    private static List<M.RecommendationId> Ids(IEnumerable<string> codes) =>
        codes.Select(c => M.RecommendationId.TryParse(c, out var id) ? id : null).OfType<M.RecommendationId>().ToList();
}
