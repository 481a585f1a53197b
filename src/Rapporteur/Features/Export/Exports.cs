using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using AddresseeKind = Rapporteur.Core.Model.AddresseeKind;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;
using Rapporteur.Core.Import.Text;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Compliance;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Export;

/// <summary>A table being exported: its column names and its rows, read from the database as they are written. A
/// value is a string, int, bool, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/>, a list of strings or ints, or null.</summary>
public sealed record ExportTable(ExportDataset Dataset, IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows);

/// <summary>Why an export cannot be made: an unknown round or Party (404), a filter that does not apply (400).</summary>
public sealed record ExportError(int Status, string Message);

/// <summary>
/// The one export core the API, the pages' download links and <c>rapporteur export</c> share: resolves the filters,
/// applies who may see what, and streams the rows (EF <c>AsAsyncEnumerable</c>, one query per export, in the order the
/// records were stored: by round, then as imported or entered) — nothing is capped and no table is held in memory.
/// Only the small lookups a row needs (Parties; assessments and published evidence, for matrix cells) are read first.
/// </summary>
public static class Exports
{
    public static IReadOnlyList<string> RecommendationColumns { get; } =
        ["body", "round", "recommendation", "strength", "addressee", "party", "chapter", "paragraphs", "recommendedBy", "text", "language", "tags"];

    public static IReadOnlyList<string> ReplyColumns { get; } =
        ["body", "round", "party", "replyStatus", "replyVersion", "submittedAt", "section", "question", "item", "prompt", "text", "language", "tags"];

    public static IReadOnlyList<string> AssessmentColumns { get; } =
        ["body", "round", "recommendation", "strength", "addressee", "chapter", "party", "version", "current", "status", "assessedOn", "note", "action", "recordedAt", "recordedBy", "tags"];

    /// <summary>A matrix cell's columns: <c>text</c> is its recommendation's in the language asked for (the source without
    /// one), <c>language</c> that text's, <c>translation</c> a <see cref="MatrixTranslation"/> word (source, current,
    /// outdated, missing).</summary>
    public static IReadOnlyList<string> MatrixColumns { get; } =
        ["body", "round", "recommendation", "strength", "addressee", "chapter", "party", "status", "assessment", "evidence", "tags", "text", "language", "translation"];

    /// <summary>The export's table, or why there is none. Nothing is read from the rows until they are enumerated.</summary>
    public static async Task<(ExportTable? Table, ExportError? Error)> OpenAsync(RapporteurDbContext db, ExportDataset dataset, ExportFilter filter,
        ExportViewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(viewer);
        var (scope, error) = await ResolveAsync(db, dataset, filter, ct);
        if (error is not null) return (null, error);
        return dataset switch
        {
            ExportDataset.Recommendations => (new ExportTable(dataset, RecommendationColumns, RecommendationRows(db, scope!, ct)), null),
            ExportDataset.Replies => (new ExportTable(dataset, ReplyColumns, ReplyRows(db, scope!, viewer, ct)), null),
            ExportDataset.Assessments => (new ExportTable(dataset, AssessmentColumns, AssessmentRows(db, scope!, viewer, ct)), null),
            _ => (new ExportTable(dataset, MatrixColumns, MatrixRows(db, scope!, ct)), null),
        };
    }

    /// <summary>Records in the audit log that <paramref name="user"/> exported (saved at once: the rows come after).</summary>
    public static Task RecordAsync(RapporteurDbContext db, TimeProvider clock, System.Security.Claims.ClaimsPrincipal user, ExportDataset dataset, ExportFormat format,
        ExportFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        AuditLog.Record(db, clock, user, "export", $"{dataset.Name()}.{format.Extension()} {filter}".TrimEnd());
        return db.SaveChangesAsync(ct);
    }

    /// <summary>The languages the <c>language</c> filter takes.</summary>
    public static IReadOnlyList<string> Languages { get; } = [TextLanguage.English, TextLanguage.French];

    /// <summary>The filters turned into ids. <see cref="RoundIds"/> null means every round; <see cref="TagTerms"/> null
    /// means any tag or none, else the terms an accepted tag must have (a bare code names the term in every vocabulary).</summary>
    private sealed record Scope(List<int>? RoundIds, int? PartyId, string? Chapter, string? Strength, AddresseeKind? Addressee, string? Status,
        List<int>? TagTerms = null, string? Language = null, bool TranslatedOnly = false);

    private static async Task<(Scope?, ExportError?)> ResolveAsync(RapporteurDbContext db, ExportDataset dataset, ExportFilter filter, CancellationToken ct)
    {
        if (dataset == ExportDataset.Replies && (filter.Chapter ?? filter.Strength ?? filter.Addressee) is not null)
            return (null, new(StatusCodes.Status400BadRequest, "Replies are filtered by body, round, party and status (draft or submitted); chapter, strength and addressee apply to recommendations, assessments and the matrix."));
        if (dataset == ExportDataset.Replies && filter.Status is { } rs && !rs.Equals("draft", StringComparison.OrdinalIgnoreCase) && !rs.Equals("submitted", StringComparison.OrdinalIgnoreCase))
            return (null, new(StatusCodes.Status400BadRequest, Say.Format("A reply's status is draft or submitted, not '{0}'.", rs)));
        if (filter.Language is not null && dataset is ExportDataset.Assessments)
            return (null, new(StatusCodes.Status400BadRequest, "language applies to the datasets with text (recommendations, replies and the matrix), not to assessments."));
        if (filter.TranslatedOnly && dataset != ExportDataset.Matrix)
            return (null, new(StatusCodes.Status400BadRequest, "translated=only applies to the matrix; for recommendations, language alone keeps the rows in that language."));
        if (filter.TranslatedOnly && filter.Language is null)
            return (null, new(StatusCodes.Status400BadRequest, $"translated=only needs a language ({string.Join(" or ", Languages)}): the one the recommendations must be available in."));
        string? language = null;
        if (filter.Language is { } wanted)
        {
            language = Languages.FirstOrDefault(l => l.Equals(wanted.Trim(), StringComparison.OrdinalIgnoreCase));
            if (language is null) return (null, new(StatusCodes.Status400BadRequest, $"language is {string.Join(" or ", Languages)}, not '{wanted}'."));
        }
        AddresseeKind? addressee = null;
        if (filter.Addressee is { } text)
        {
            if (!Enum.TryParse<AddresseeKind>(text, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                return (null, new(StatusCodes.Status400BadRequest, $"addressee is 'all' or 'party', not '{text}'."));
            addressee = kind;
        }

        int? bodyId = null;
        if (filter.Body is { } bodyName)
        {
            var bodies = await db.Bodies.Select(b => new { b.Id, b.ShortName }).ToListAsync(ct);
            var body = bodies.FirstOrDefault(b => string.Equals(b.ShortName, bodyName, StringComparison.OrdinalIgnoreCase));
            if (body is null)
                return (null, new(StatusCodes.Status404NotFound, $"There is no treaty body {bodyName}{(bodies.Count > 0 ? $" (there is {string.Join(", ", bodies.Select(b => b.ShortName))})" : "")}."));
            bodyId = body.Id;
        }
        List<int>? roundIds = null;
        // Without a round number, the monitoring rounds: the tagging sample (Round.IsSample) has recommendations and tags
        // but no replies, follow-up or assessments, and would add a round of empty cells; asked for by number, it comes.
        if (bodyId is not null || filter.Round is not null || await db.Rounds.AnyAsync(r => r.IsSample, ct))
        {
            roundIds = await db.Rounds.Where(r => (bodyId == null || r.BodyId == bodyId) && (filter.Round == null ? !r.IsSample : r.Number == filter.Round))
                .Select(r => r.Id).ToListAsync(ct);
            if (filter.Round is { } n && roundIds.Count == 0)
                return (null, new(StatusCodes.Status404NotFound, $"There is no round {n}{(filter.Body is { } b ? " of " + b : "")}."));
        }
        int? partyId = null;
        if (filter.Party is { } partyName)
        {
            var parties = await db.Parties.Select(p => new { p.Id, p.Name }).ToListAsync(ct);
            var party = parties.FirstOrDefault(p => string.Equals(p.Name, partyName, StringComparison.Ordinal))
                ?? parties.FirstOrDefault(p => string.Equals(p.Name, partyName, StringComparison.OrdinalIgnoreCase));
            if (party is null) return (null, new(StatusCodes.Status404NotFound, Say.Format("There is no Party {0}.", partyName)));
            partyId = party.Id;
        }
        List<int>? tagTerms = null;
        if (filter.Tag is { } tag)
        {
            var parts = tag.Trim().Split(':', 2);
            var terms = db.Terms.AsNoTracking();
            if (bodyId is { } b) terms = terms.Where(t => t.Vocabulary!.BodyId == b);
            terms = parts.Length == 2 ? terms.Where(t => t.Vocabulary!.Key == parts[0] && t.Code == parts[1]) : terms.Where(t => t.Code == parts[0]);
            tagTerms = await terms.Select(t => t.Id).ToListAsync(ct);
            if (tagTerms.Count == 0)
                return (null, new(StatusCodes.Status404NotFound, Say.Format("There is no tag {0} in the vocabularies (a tag is vocabulary:code, e.g. themes:training, or a code).", tag)));
        }
        return (new Scope(roundIds, partyId, filter.Chapter, filter.Strength, addressee, filter.Status, tagTerms, language, filter.TranslatedOnly), null);
    }

    private static IQueryable<Recommendation> RecommendationsIn(RapporteurDbContext db, Scope scope)
    {
        var query = db.Recommendations.AsNoTracking();
        if (scope.RoundIds is { } rounds) query = query.Where(r => rounds.Contains(r.RoundId));
        if (scope.Chapter is { } chapter) query = query.Where(r => r.Chapter == chapter);
        if (scope.Strength is { } strength) query = query.Where(r => r.Strength == strength);
        if (scope.Addressee is { } addressee) query = query.Where(r => r.Addressee == addressee);
        if (scope.TagTerms is { } terms)
            query = query.Where(r => db.Taggings.Any(t => t.TargetKind == TagTarget.Recommendation && t.TargetId == r.Id && t.State == TagState.Accepted && terms.Contains(t.TermId)));
        return query;
    }

    private sealed record RecommendationRow(int Id, int RoundId, string Body, int Round, string Code, string? Strength, AddresseeKind Addressee,
        int? PartyId, string? Party, string? Chapter, List<int> Paragraphs, List<string> RecommendedBy, string Text);

    private static IAsyncEnumerable<RecommendationRow> RecommendationStream(RapporteurDbContext db, Scope scope, bool onlyAddressedToParty)
    {
        var query = RecommendationsIn(db, scope);
        if (onlyAddressedToParty && scope.PartyId is { } party) query = query.Where(r => r.Addressee == AddresseeKind.All || r.PartyId == party);
        return query.OrderBy(r => r.RoundId).ThenBy(r => r.Id)
            .Select(r => new RecommendationRow(r.Id, r.RoundId, r.Round!.Body!.ShortName, r.Round.Number, r.Code, r.Strength, r.Addressee,
                r.PartyId, r.Party != null ? r.Party.Name : null, r.Chapter, r.Paragraphs, r.RecommendedBy, r.Text))
            .AsAsyncEnumerable();
    }

    /// <summary>The Parties whose cells count (the one asked for, or all) and the lookups that make the cells.</summary>
    private static async Task<(List<Party> Parties, MatrixLookup Lookup)> CellsAsync(RapporteurDbContext db, Scope scope, CancellationToken ct)
    {
        var parties = await db.Parties.AsNoTracking().Where(p => scope.PartyId == null || p.Id == scope.PartyId).OrderBy(p => p.Name).ToListAsync(ct);
        var rounds = scope.RoundIds ?? await db.Rounds.Select(r => r.Id).ToListAsync(ct);
        return (parties, await MatrixLookup.LoadAsync(db, rounds, ct));
    }

    private static async IAsyncEnumerable<object?[]> RecommendationRows(RapporteurDbContext db, Scope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        // The status filter keeps a recommendation when one of its concerned Parties' cells has that status, as the matrix does.
        var cells = scope.Status is null ? default : await CellsAsync(db, scope, ct);
        var tags = await Tags.TagQueries.AcceptedAsync(db, TagTarget.Recommendation, ct);
        // A recommendation is in the language it was written in; asked for another, its translation stands in for it.
        var translations = scope.Language is { } lang
            ? await db.Translations.AsNoTracking().Where(t => t.TargetKind == Translations.TranslationTargets.Recommendation && t.Language == lang)
                .Select(t => new { t.TargetId, t.Text }).ToDictionaryAsync(t => t.TargetId, t => t.Text, ct)
            : new Dictionary<int, string>();
        await foreach (var r in RecommendationStream(db, scope, onlyAddressedToParty: true).WithCancellation(ct))
        {
            if (scope.Status is { } status && !cells.Parties.Any(p => cells.Lookup.Cell(r.Id, r.RoundId, r.Code, r.Addressee, r.PartyId, p.Id)?.Status == status)) continue;
            var (text, language) = (r.Text, TextLanguage.Guess(r.Text));
            if (scope.Language is { } wanted && language != wanted)
            {
                if (!translations.TryGetValue(r.Id, out var translated)) continue;
                (text, language) = (translated, wanted);
            }
            yield return [r.Body, r.Round, r.Code, r.Strength, AddresseeName(r.Addressee), r.Party, r.Chapter, r.Paragraphs, r.RecommendedBy, text, language, TagsOf(tags, r.Id)];
        }
    }

    private static async IAsyncEnumerable<object?[]> MatrixRows(RapporteurDbContext db, Scope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        var (parties, lookup) = await CellsAsync(db, scope, ct);
        var tags = await Tags.TagQueries.AcceptedAsync(db, TagTarget.Recommendation, ct);
        var language = scope.Language is { } l ? await MatrixLanguage.LoadAsync(db, l, scope.RoundIds, ct) : null;
        await foreach (var r in RecommendationStream(db, scope, onlyAddressedToParty: false).WithCancellation(ct))
        {
            // Without a language, the stored text in the language it was written in.
            var text = language?.Of(r.Id, r.Text) ?? new MatrixText(r.Text, TextLanguage.Guess(r.Text), MatrixTranslation.Source);
            if (scope.TranslatedOnly && !MatrixTranslation.Available(text.State)) continue;
            foreach (var p in parties)
            {
                // One row per cell: the status filter keeps the cells that have it.
                if (lookup.Cell(r.Id, r.RoundId, r.Code, r.Addressee, r.PartyId, p.Id) is not { } cell || (scope.Status is { } s && cell.Status != s)) continue;
                yield return [r.Body, r.Round, r.Code, r.Strength, AddresseeName(r.Addressee), r.Chapter, p.Name, cell.Status, cell.Assessment,
                    cell.Evidence switch { Evidence.FollowUp => "followUp", Evidence.PromisingPractice => "promisingPractice", _ => null }, TagsOf(tags, r.Id),
                    text.Text, text.Language, text.State];
            }
        }
    }

    private static async IAsyncEnumerable<object?[]> ReplyRows(RapporteurDbContext db, Scope scope, ExportViewer viewer, [EnumeratorCancellation] CancellationToken ct)
    {
        var replies = db.Replies.AsNoTracking();
        // Drafts are never public: the public sees submitted replies, a focal point also its own Party's, staff all.
        if (!viewer.Staff) replies = replies.Where(r => r.Status == ReplyStatus.Submitted || (viewer.PartyId != null && r.PartyId == viewer.PartyId && r.Status == ReplyStatus.Draft));
        if (scope.RoundIds is { } rounds) replies = replies.Where(r => rounds.Contains(r.RoundId));
        if (scope.PartyId is { } party) replies = replies.Where(r => r.PartyId == party);
        if (scope.Status is { } status)
        {
            var wanted = status.Equals("draft", StringComparison.OrdinalIgnoreCase) ? ReplyStatus.Draft : ReplyStatus.Submitted;
            replies = replies.Where(r => r.Status == wanted);
        }
        if (scope.TagTerms is { } terms)
            replies = replies.Where(r => db.Taggings.Any(t => t.TargetKind == TagTarget.Reply && t.TargetId == r.Id && t.State == TagState.Accepted && terms.Contains(t.TermId)));
        var tags = await Tags.TagQueries.AcceptedAsync(db, TagTarget.Reply, ct);
        var rows = from a in db.Answers.AsNoTracking()
                   join r in replies on a.ReplyId equals r.Id
                   join q in db.Questions on a.QuestionId equals q.Id
                   join s in db.Sections on q.SectionId equals s.Id
                   orderby r.RoundId, r.Party!.Name, q.Order
                   select new
                   {
                       ReplyId = r.Id, Body = r.Round!.Body!.ShortName, Round = r.Round.Number, Party = r.Party!.Name, r.Status, r.Version, r.SubmittedAt,
                       Section = s.Name, Question = q.Number, a.Text, a.ItemAnswers, a.PromptAnswers,
                   };
        // A Party writes its reply in one language: it is read from the whole reply, so the rows of one reply (they come
        // together, one reply per round and Party) are held until the next reply starts — one reply in memory at a time.
        var held = new List<object?[]>();
        var heldReply = 0;
        List<object?[]> Flush()
        {
            if (held.Count == 0) return held;
            var language = TextLanguage.Guess(string.Join(' ', held.Select(row => (string?)row[10])));
            var ready = held;
            held = [];
            if (scope.Language is { } wanted && language != wanted) return [];
            foreach (var row in ready) row[11] = language;
            return ready;
        }
        await foreach (var a in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (a.ReplyId != heldReply)
                foreach (var row in Flush()) yield return row;
            heldReply = a.ReplyId;
            object?[] Row(string? item, string? prompt, string text) =>
                [a.Body, a.Round, a.Party, a.Status == ReplyStatus.Submitted ? "submitted" : a.Status == ReplyStatus.Draft ? "draft" : "notStarted",
                 a.Version, a.SubmittedAt, a.Section, a.Question, item, prompt, text, null, TagsOf(tags, a.ReplyId)];
            held.Add(Row(null, null, a.Text));
            foreach (var item in a.ItemAnswers.OrderBy(i => i.Letter, StringComparer.Ordinal)) held.Add(Row(item.Letter, null, item.Text));
            foreach (var prompt in a.PromptAnswers) held.Add(Row(null, prompt.Prompt, prompt.Text));
        }
        foreach (var row in Flush()) yield return row;
    }

    private static async IAsyncEnumerable<object?[]> AssessmentRows(RapporteurDbContext db, Scope scope, ExportViewer viewer, [EnumeratorCancellation] CancellationToken ct)
    {
        var tags = await Tags.TagQueries.AcceptedAsync(db, TagTarget.Recommendation, ct);
        var assessments = db.Assessments.AsNoTracking();
        if (scope.PartyId is { } party) assessments = assessments.Where(a => a.PartyId == party);
        if (scope.Status is { } status) assessments = assessments.Where(a => a.Status == status);
        var rows = from v in db.ContentVersions.AsNoTracking()
                   where v.EntityType == Assessments.EntityType
                   join a in assessments on v.EntityId equals a.Id
                   join r in RecommendationsIn(db, scope) on a.RecommendationId equals r.Id
                   orderby r.RoundId, r.Id, a.Party!.Name, v.EntityId, v.Version
                   select new
                   {
                       RecommendationId = r.Id, Body = r.Round!.Body!.ShortName, Round = r.Round.Number, r.Code, r.Strength, r.Addressee, r.Chapter, Party = a.Party!.Name, Version = v,
                   };
        // The newest version of each assessment is its current state: hold one row back to know whether the next is
        // still the same assessment.
        object?[]? held = null;
        var heldEntity = 0;
        await foreach (var x in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (held is not null)
            {
                held[8] = heldEntity != x.Version.EntityId;
                yield return held;
            }
            var snapshot = AuditLog.Read<AssessmentSnapshot>(x.Version);
            held = [x.Body, x.Round, x.Code, x.Strength, AddresseeName(x.Addressee), x.Chapter, x.Party, x.Version.Version, false,
                snapshot?.Status, snapshot?.AssessedOn, snapshot?.Note, x.Version.Action, x.Version.At, viewer.Staff ? x.Version.UserName : null, TagsOf(tags, x.RecommendationId)];
            heldEntity = x.Version.EntityId;
        }
        if (held is not null)
        {
            held[8] = true;
            yield return held;
        }
    }

    /// <summary>Accepted tags only ("themes:training"); suggestions are the staff's working notes, not data.</summary>
    private static List<string> TagsOf(Dictionary<int, List<string>> tags, int id) => tags.GetValueOrDefault(id) ?? [];

    private static string AddresseeName(AddresseeKind addressee) => addressee == AddresseeKind.All ? "all" : "party";
}
