using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Import;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Model = Rapporteur.Core.Model;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Import;

/// <summary>What one import did, or why it was refused.</summary>
internal sealed record ImportOutcome(bool Success, string Summary, string? Error = null)
{
    public static ImportOutcome Refused(string error) => new(false, "", error);
}

/// <summary>Stores a parsed document where it belongs — a reply under its round and Party, a factsheet with its boxes
/// and footnotes, a report, recommendations — in one transaction: all of it, or nothing.</summary>
internal sealed class ImportHandler(RapporteurDbContext db, TimeProvider clock)
{
    /// <summary>Documents that exist are finished work — a reply that was sent, a factsheet that was published — so
    /// by default they appear on the public site. A draft import (<c>--draft</c>) keeps them for staff to check first.</summary>
    public bool Draft { get; init; }

    // What this import added or changed: only these get tag suggestions, so a second import into a large round does
    // not go over the items it left alone (their suggestions, accepted or rejected, stay as they are).
    private readonly List<Recommendation> touchedRecommendations = [];
    private readonly List<Question> touchedQuestions = [];
    private readonly List<Reply> touchedReplies = [];

    public async Task<ImportOutcome> ImportAsync(ParsedDocument doc, string sha256, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        if (doc.Round is not { } roundNumber)
            return ImportOutcome.Refused("the document does not say which monitoring round it belongs to; give --round");
        if (doc.Kind is DocumentKind.Reply or DocumentKind.Factsheet && doc.Party is null)
            return ImportOutcome.Refused($"the {KindName(doc.Kind)} does not say which Party it concerns; give --party");

        touchedRecommendations.Clear();
        touchedQuestions.Clear();
        touchedReplies.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var round = await EnsureRoundAsync(doc.Body, roundNumber, cancellationToken);
        var source = new SourceDocumentRecord
        {
            FileName = doc.SourceFile,
            Sha256 = sha256,
            Format = doc.Format,
            Kind = KindName(doc.Kind),
            ImportedAt = clock.GetUtcNow(),
            Warnings = doc.Warnings.Select(w => new ImportWarning { Code = w.Code, Line = w.Line, Message = w.Message }).ToList(),
        };
        db.SourceDocuments.Add(source);
        await db.SaveChangesAsync(cancellationToken);

        var outcome = doc.Kind switch
        {
            DocumentKind.Reply => await StoreReplyAsync(doc, round, source, replace, cancellationToken),
            DocumentKind.Factsheet => await StoreFactsheetAsync(doc, round, source, replace, cancellationToken),
            DocumentKind.Report => await StoreReportAsync(doc, round, source, replace, cancellationToken),
            _ => await StoreRecommendationsAsync(doc, round, source, replace, cancellationToken),
        };
        if (!outcome.Success)
        {
            await transaction.RollbackAsync(cancellationToken);
            return outcome;
        }
        Audit.AuditLog.Record(db, clock, null, "import", $"{source.FileName} ({source.Kind}, SHA-256 {sha256}): {outcome.Summary}");
        await db.SaveChangesAsync(cancellationToken);
        // Tags are proposed, never applied: a person accepts or rejects each suggestion (Features/Tags). The article
        // parser needs no training, only a vocabulary to map onto: a Lanzarote body gets the shipped ones with its first document.
        await Tags.TaggedSample.EnsureForImportAsync(db, round.BodyId, cancellationToken);
        await new Tags.Tagger(db, clock).SuggestAsync(null, [.. touchedRecommendations.Select(r => (TagTarget.Recommendation, r.Id)),
            .. touchedQuestions.Select(q => (TagTarget.Question, q.Id)),
            .. touchedReplies.Where(r => r.Status == Model.ReplyStatus.Submitted).Select(r => (TagTarget.Reply, r.Id))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private async Task<ImportOutcome> StoreReplyAsync(ParsedDocument doc, Round round, SourceDocumentRecord source, bool replace, CancellationToken ct)
    {
        var party = await EnsurePartyAsync(doc.Party!, ct);
        var existing = await db.Replies.Include(r => r.Answers).SingleOrDefaultAsync(r => r.RoundId == round.Id && r.PartyId == party.Id, ct);
        if (existing is not null && !replace)
            return ImportOutcome.Refused(Say.Format("{0} already has a reply to round {1}; give --replace to overwrite it", party.Name, round.Number));

        // The questionnaire: questions are matched by number; a reply may bring questions the round does not have yet.
        var sections = await db.Sections.Where(s => s.RoundId == round.Id).Include(s => s.Questions).ToListAsync(ct);
        var questions = sections.SelectMany(s => s.Questions).ToDictionary(q => q.Number, StringComparer.Ordinal);
        var added = 0;
        foreach (var (section, sectionIndex) in doc.Questionnaire!.Sections.Select((s, i) => (s, i)))
        {
            var stored = sections.FirstOrDefault(s => string.Equals(s.Name, section.Name, StringComparison.Ordinal));
            if (stored is null)
            {
                stored = new Section { RoundId = round.Id, Name = section.Name, Order = sections.Count == 0 ? sectionIndex : sections.Max(s => s.Order) + 1 };
                sections.Add(stored);
                db.Sections.Add(stored);
            }
            foreach (var q in section.Questions)
            {
                if (questions.ContainsKey(q.Number)) continue;
                var question = new Question
                {
                    RoundId = round.Id,
                    Number = q.Number,
                    Title = q.Title,
                    Text = q.Text,
                    Order = questions.Count,
                    Items = q.Items.Select(i => new QuestionItem { Letter = i.Letter.ToString(), Text = i.Text }).ToList(),
                    Prompts = q.Prompts.ToList(),
                };
                stored.Questions.Add(question);
                questions[q.Number] = question;
                touchedQuestions.Add(question);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);

        var now = clock.GetUtcNow();
        var reply = existing ?? new Reply { RoundId = round.Id, PartyId = party.Id, CreatedAt = now };
        if (existing is not null)
        {
            db.Answers.RemoveRange(existing.Answers);
            existing.Answers.Clear();
            reply.Version++;
        }
        else
        {
            db.Replies.Add(reply);
        }
        reply.Status = Draft ? Model.ReplyStatus.Draft : Model.ReplyStatus.Submitted;
        touchedReplies.Add(reply);
        reply.UpdatedAt = now;
        reply.SourceDocumentId = source.Id;
        foreach (var a in doc.Answers)
            reply.Answers.Add(new Answer
            {
                QuestionId = questions[a.QuestionNumber].Id,
                Text = a.Text,
                ItemAnswers = a.ItemAnswers.Select(kv => new ItemAnswer { Letter = kv.Key.ToString(), Text = kv.Value }).ToList(),
                PromptAnswers = a.PromptAnswers.Select(p => new PromptReply { Prompt = p.Prompt, Text = p.Text }).ToList(),
                SourceLine = a.Provenance?.StartLine,
            });
        var answered = doc.Answers.Count(a => !a.IsEmpty);
        return new ImportOutcome(true, $"reply of {party.Name} to round {round.Number}: {doc.Answers.Count} questions ({answered} answered), {added} new in the questionnaire");
    }

    private async Task<ImportOutcome> StoreFactsheetAsync(ParsedDocument doc, Round round, SourceDocumentRecord source, bool replace, CancellationToken ct)
    {
        var party = await EnsurePartyAsync(doc.Party!, ct);
        var existing = await db.Factsheets.SingleOrDefaultAsync(f => f.RoundId == round.Id && f.PartyId == party.Id, ct);
        if (existing is not null && !replace)
            return ImportOutcome.Refused(Say.Format("{0} already has a factsheet for round {1}; give --replace to overwrite it", party.Name, round.Number));
        if (existing is not null)
        {
            db.Factsheets.Remove(existing);
            await db.SaveChangesAsync(ct);
        }

        var (newRecommendations, _) = await UpsertRecommendationsAsync(doc, round, source, overwrite: false, ct);
        var f = doc.Factsheet!;
        var factsheet = new Factsheet
        {
            RoundId = round.Id,
            PartyId = party.Id,
            Title = f.Title,
            Preamble = f.Preamble.ToList(),
            Status = Draft ? PublicationStatus.Draft : PublicationStatus.Published,
            SourceDocumentId = source.Id,
            Footnotes = f.Footnotes.Select(ToEntity).ToList(),
        };
        foreach (var (chapter, order) in f.Chapters.Select((c, i) => (c, i)))
        {
            var c = new FactsheetChapter { Order = order, Number = chapter.Chapter.Number, Title = chapter.Chapter.Title };
            foreach (var (block, blockOrder) in chapter.Blocks.Select((b, i) => (b, i)))
            {
                Box? box = null;
                if (block.Box is { } bx)
                {
                    box = new Box
                    {
                        Type = bx.Type,
                        Chapter = bx.Chapter,
                        Heading = bx.Heading,
                        Text = bx.Text,
                        Recommendations = bx.Recommendations.Select(r => r.Value).ToList(),
                        SourceLine = bx.Provenance?.StartLine,
                    };
                    factsheet.Boxes.Add(box);
                }
                c.Blocks.Add(new FactsheetBlock
                {
                    Order = blockOrder,
                    Kind = block.Kind,
                    Text = block.Text,
                    Footnotes = block.Footnotes.ToList(),
                    Recommendations = block.Recommendations.Select(r => r.Value).ToList(),
                    Box = box,
                    SourceLine = block.Provenance?.StartLine,
                });
            }
            factsheet.Chapters.Add(c);
        }
        db.Factsheets.Add(factsheet);
        return new ImportOutcome(true,
            $"factsheet of {party.Name} for round {round.Number}: {f.Chapters.Count} chapters, {doc.Recommendations.Count} recommendations ({newRecommendations} new), {doc.Boxes.Count} boxes, {f.Footnotes.Count} footnotes");
    }

    private async Task<ImportOutcome> StoreReportAsync(ParsedDocument doc, Round round, SourceDocumentRecord source, bool replace, CancellationToken ct)
    {
        var report = doc.Report!;
        var party = doc.Party is { } p ? await EnsurePartyAsync(p, ct) : null;
        var existing = await db.Reports.SingleOrDefaultAsync(r => r.RoundId == round.Id && r.Title == report.Title && r.PartyId == (party == null ? null : party.Id), ct);
        if (existing is not null && !replace)
            return ImportOutcome.Refused($"round {round.Number} already has the report \"{report.Title}\"; give --replace to overwrite it");
        if (existing is not null) db.Reports.Remove(existing);
        var entity = new Report
        {
            RoundId = round.Id,
            Title = report.Title,
            PartyId = party?.Id,
            Status = Draft ? PublicationStatus.Draft : PublicationStatus.Published,
            SourceDocumentId = source.Id,
            Chapters = report.Chapters.Select((c, i) => new ReportChapter
            {
                Order = i,
                Number = c.Chapter.Number,
                Title = c.Chapter.Title,
                Paragraphs = c.Paragraphs.Select(x => new ReportParagraph { Number = x.Number, Text = x.Text }).ToList(),
            }).ToList(),
        };
        db.Reports.Add(entity);
        await db.SaveChangesAsync(ct);
        foreach (var fn in doc.Footnotes)
        {
            var e = ToEntity(fn);
            e.ReportId = entity.Id;
            db.Footnotes.Add(e);
        }
        var (created, updated) = await UpsertRecommendationsAsync(doc, round, source, overwrite: true, ct);
        return new ImportOutcome(true, $"report for round {round.Number}: {report.Chapters.Count} chapters, {report.Chapters.Sum(c => c.Paragraphs.Count)} paragraphs, {created} new and {updated} updated recommendations");
    }

    private async Task<ImportOutcome> StoreRecommendationsAsync(ParsedDocument doc, Round round, SourceDocumentRecord source, bool replace, CancellationToken ct)
    {
        var (created, updated) = await UpsertRecommendationsAsync(doc, round, source, overwrite: replace, ct);
        return new ImportOutcome(true, $"recommendations for round {round.Number}: {created} new, {updated} updated, {doc.Recommendations.Count - created - updated} already there");
    }

    /// <summary>Adds the document's recommendations to the round; existing codes are updated only when
    /// <paramref name="overwrite"/> (a report is authoritative; a factsheet only repeats them).</summary>
    private async Task<(int Created, int Updated)> UpsertRecommendationsAsync(ParsedDocument doc, Round round, SourceDocumentRecord source, bool overwrite, CancellationToken ct)
    {
        var existing = await db.Recommendations.Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.Code, StringComparer.Ordinal, ct);
        int created = 0, updated = 0;
        foreach (var r in doc.Recommendations)
        {
            var party = r.Addressee.Party is { } p ? await EnsurePartyAsync(p, ct) : null;
            if (existing.TryGetValue(r.Id.Value, out var stored))
            {
                if (!overwrite) continue;
                updated++;
            }
            else
            {
                stored = new Recommendation { RoundId = round.Id, Code = r.Id.Value, Text = r.Text };
                db.Recommendations.Add(stored);
                existing[r.Id.Value] = stored;
                created++;
            }
            stored.Strength = r.Strength;
            stored.Addressee = r.Addressee.Kind;
            stored.PartyId = party?.Id;
            stored.Chapter = r.Chapter;
            stored.Paragraphs = r.Paragraphs.ToList();
            stored.RecommendedBy = r.RecommendedBy.ToList();
            stored.Text = r.Text;
            stored.SourceDocumentId = source.Id;
            stored.SourceLine = r.Provenance?.StartLine;
            touchedRecommendations.Add(stored);
        }
        return (created, updated);
    }

    private async Task<Round> EnsureRoundAsync(Model.TreatyBody body, int number, CancellationToken ct)
    {
        var stored = await db.Bodies.Include(b => b.Strengths).SingleOrDefaultAsync(b => b.ShortName == body.ShortName, ct);
        if (stored is null)
        {
            stored = new Body
            {
                ShortName = body.ShortName,
                Name = body.Name,
                Convention = body.Convention,
                Strengths = body.Strengths.Strengths.Select((s, i) => new Strength
                {
                    Rank = i, Key = s.Key, VerbsEn = s.VerbsEn.ToList(), VerbsFr = s.VerbsFr.ToList(), Description = s.Description,
                }).ToList(),
            };
            db.Bodies.Add(stored);
            await db.SaveChangesAsync(ct);
        }
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.BodyId == stored.Id && r.Number == number, ct);
        if (round is null)
        {
            round = new Round
            {
                BodyId = stored.Id,
                Number = number,
                Theme = $"Round {number}",
                // Documents do not carry the round's title; the Secretariat sets it (web issue).
                TitleEn = $"{body.ShortName} monitoring round {number}",
                Status = RoundStatus.Open,
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync(ct);
        }
        return round;
    }

    private async Task<Party> EnsurePartyAsync(Model.Party party, CancellationToken ct)
    {
        var stored = db.Parties.Local.FirstOrDefault(p => string.Equals(p.Name, party.Name, StringComparison.Ordinal))
            ?? await db.Parties.SingleOrDefaultAsync(p => p.Name == party.Name, ct);
        if (stored is not null) return stored;
        stored = new Party { Name = party.Name };
        db.Parties.Add(stored);
        await db.SaveChangesAsync(ct);
        return stored;
    }

    private static Footnote ToEntity(Model.Footnote f) => new()
    {
        Number = f.Number,
        Text = f.Text,
        Paragraphs = f.Paragraphs.ToList(),
        Recommendations = f.Recommendations.Select(r => r.Value).ToList(),
    };

    private static string KindName(DocumentKind kind) => Core.Render.ParseResultJson.KindName(kind);
}
