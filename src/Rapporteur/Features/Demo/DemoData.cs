using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Body = Rapporteur.Data.Entities.Body;
using Box = Rapporteur.Data.Entities.Box;
using Party = Rapporteur.Data.Entities.Party;
using Question = Rapporteur.Data.Entities.Question;
using QuestionItem = Rapporteur.Data.Entities.QuestionItem;
using Recommendation = Rapporteur.Data.Entities.Recommendation;
using Reply = Rapporteur.Data.Entities.Reply;
using Answer = Rapporteur.Data.Entities.Answer;
using Factsheet = Rapporteur.Data.Entities.Factsheet;
using FactsheetChapter = Rapporteur.Data.Entities.FactsheetChapter;
using FactsheetBlock = Rapporteur.Data.Entities.FactsheetBlock;
using Footnote = Rapporteur.Data.Entities.Footnote;
using Strength = Rapporteur.Data.Entities.Strength;

namespace Rapporteur.Features.Demo;

/// <summary>
/// The demo data set: a fictional third monitoring round ("children's safety in sport and leisure") with six
/// fictional Parties in every state a Secretariat meets — replies submitted, late, in draft, not started; a report's
/// recommendations of the three strengths; published factsheets with follow-up, promising-practice and clarification
/// boxes. All text is written for the demo; none comes from real documents.
/// </summary>
internal static class DemoData
{
    private static readonly string[] PartyNames = ["Ruritania", "Freedonia", "Sylvania", "Grand Fenwick", "Genovia", "Elbonia"];

    /// <summary>Loads the data set into an empty database. False when the database already has data.</summary>
    public static async Task<bool> SeedAsync(DataStore store, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var db = store.CreateContext();
        if (await db.Rounds.AnyAsync(cancellationToken) || await db.Parties.AnyAsync(cancellationToken)) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var lanzarote = TreatyBody.Lanzarote;
        var body = new Body
        {
            ShortName = lanzarote.ShortName,
            Name = lanzarote.Name,
            Convention = lanzarote.Convention,
            Strengths = lanzarote.Strengths.Strengths.Select((s, i) => new Strength { Rank = i, Key = s.Key, VerbsEn = s.VerbsEn.ToList(), VerbsFr = s.VerbsFr.ToList(), Description = s.Description }).ToList(),
        };
        db.Bodies.Add(body);
        var round = new Round
        {
            Body = body,
            Number = 3,
            Theme = "Children's safety in sport and leisure",
            TitleEn = "Protecting children against sexual abuse in organised sport and leisure activities",
            TitleFr = "Protéger les enfants contre les abus sexuels dans le sport organisé et les activités de loisirs",
            Opens = new DateOnly(2026, 1, 15),
            ReplyDeadline = new DateOnly(2026, 6, 30),
            Status = RoundStatus.Open,
        };
        db.Rounds.Add(round);
        var parties = PartyNames.Select(n => new Party { Name = n }).ToList();
        db.Parties.AddRange(parties);
        await db.SaveChangesAsync(cancellationToken);

        var questions = Questionnaire(round);
        await db.SaveChangesAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var deadline = new DateTimeOffset(2026, 6, 30, 23, 59, 0, TimeSpan.Zero);
        AddReply(db, round, parties[0], questions, ReplyStatus.Submitted, deadline.AddDays(-12), now);
        AddReply(db, round, parties[1], questions, ReplyStatus.Submitted, deadline.AddDays(-2), now);
        AddReply(db, round, parties[2], questions.Take(3).ToList(), ReplyStatus.Draft, null, now);
        AddReply(db, round, parties[3], questions, ReplyStatus.Submitted, deadline.AddDays(9), now);
        AddReply(db, round, parties[5], questions.Take(1).ToList(), ReplyStatus.Draft, null, now);

        var recommendations = Recommendations(round, parties);
        db.Recommendations.AddRange(recommendations);
        await db.SaveChangesAsync(cancellationToken);

        db.Factsheets.Add(FactsheetFor(round, parties[0], recommendations, PublicationStatus.Published, followUps: true));
        db.Factsheets.Add(FactsheetFor(round, parties[1], recommendations, PublicationStatus.Published, followUps: false));
        db.Factsheets.Add(FactsheetFor(round, parties[3], recommendations, PublicationStatus.Draft, followUps: false));
        await db.SaveChangesAsync(cancellationToken);
        await AssessAsync(db, clock, recommendations, parties, cancellationToken);
        await DemoTranslations.AddAsync(db, round, clock, cancellationToken);
        await Tags.TaggedSample.SeedDemoAsync(db, clock, body, round, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The Committee has begun its compliance assessment: a few statuses, one with a history.</summary>
    private static async Task AssessAsync(RapporteurDbContext db, TimeProvider clock, List<Recommendation> recommendations, List<Party> parties, CancellationToken ct)
    {
        var byCode = recommendations.ToDictionary(r => r.Code);
        (string Code, Party Party, string Status, DateOnly On, string Note)[] steps =
        [
            ("II-1", parties[0], "partially-implemented", new DateOnly(2026, 9, 14), "Checks exist for paid coaches; volunteers are not yet covered."),
            ("II-1", parties[0], "implemented", new DateOnly(2026, 11, 9), "The volunteer register now requires a record check."),
            ("II-2", parties[0], "partially-implemented", new DateOnly(2026, 11, 9), "Checks are repeated every five years; the Committee asked for three."),
            ("II-1", parties[1], "not-implemented", new DateOnly(2026, 11, 9), "No checks for volunteers so far."),
            ("III-1", parties[1], "no-information", new DateOnly(2026, 11, 9), ""),
            ("III-2", parties[1], "implemented", new DateOnly(2026, 11, 9), "Two child advocacy centres opened in 2026."),
        ];
        foreach (var (code, party, status, on, note) in steps)
        {
            var recommendation = byCode[code];
            var assessment = db.Assessments.Local.SingleOrDefault(a => a.RecommendationId == recommendation.Id && a.PartyId == party.Id);
            if (assessment is null)
            {
                assessment = new Assessment { RecommendationId = recommendation.Id, PartyId = party.Id, Status = status };
                db.Assessments.Add(assessment);
            }
            assessment.Status = status;
            assessment.AssessedOn = on;
            assessment.Note = note;
            assessment.Version++;
            await db.SaveChangesAsync(ct);
            await Audit.AuditLog.VersionAsync(db, clock, null, Compliance.Assessments.EntityType, assessment.Id, assessment.Version == 1 ? "assess" : "reassess",
                new Compliance.AssessmentSnapshot(code, party.Name, status, on, note), ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private static List<Question> Questionnaire(Round round)
    {
        var prevention = new Section { Name = "Prevention", Order = 0 };
        var protection = new Section { Name = "Protection", Order = 1 };
        var prosecution = new Section { Name = "Prosecution", Order = 2 };
        var partnerships = new Section { Name = "Partnerships", Order = 3 };
        round.Sections.AddRange([prevention, protection, prosecution, partnerships]);
        var order = 0;
        Question Q(Section s, string number, string title, string text, string[] items, params string[] prompts)
        {
            var q = new Question
            {
                RoundId = round.Id,
                Number = number,
                Title = title,
                Text = text,
                Order = order++,
                Items = items.Select((t, i) => new QuestionItem { Letter = ((char)('a' + i)).ToString(), Text = t }).ToList(),
                Prompts = prompts.ToList(),
            };
            s.Questions.Add(q);
            return q;
        }
        return
        [
            Q(prevention, "1.1", "Safe recruitment", "Do sports clubs and leisure organisations have to check the criminal record of the people who work with children:",
                ["when they are employed?", "when they volunteer?", "at regular intervals afterwards?"]),
            Q(prevention, "1.2", "Safe recruitment", "Is there guidance for clubs on codes of conduct for coaches and volunteers?", [],
                "→ Please specify who publishes the guidance and how clubs are told about it."),
            Q(protection, "2.1", "Reporting", "Can children and adults report concerns about abuse in sport to a body independent of the club?", []),
            Q(protection, "2.2", "Reporting", "What support is offered to children who report abuse in a sport or leisure setting?", []),
            Q(prosecution, "3", "Investigation", "Are there specialised police or prosecution units for abuse committed in sport settings?",
                ["in the police?", "in the prosecution service?"]),
            Q(partnerships, "4", "Cooperation", "How do public authorities cooperate with sports federations and civil society on prevention?", []),
        ];
    }

    private static void AddReply(RapporteurDbContext db, Round round, Party party, List<Question> questions, ReplyStatus status, DateTimeOffset? submitted, DateTimeOffset now)
    {
        var reply = new Reply { RoundId = round.Id, PartyId = party.Id, Status = status, CreatedAt = now, UpdatedAt = now, SubmittedAt = submitted };
        foreach (var q in questions)
            reply.Answers.Add(new Answer { QuestionId = q.Id, Text = DemoAnswer(party.Name, q.Number) });
        db.Replies.Add(reply);
    }

    private static string DemoAnswer(string party, string number) => number switch
    {
        "1.1" => $"In {party}, every club that works with children must check the criminal record of paid staff before they start. Volunteers are checked since 2024; checks are repeated every three years.",
        "1.2" => $"The national sports council publishes a model code of conduct. Clubs receive it when they register and at the yearly federation meeting.\n\nThe council also runs an online course for coaches.",
        "2.1" => $"Yes. An independent ombuds office for sport in {party} takes reports by phone, chat and e-mail, anonymously if the child wishes.",
        "2.2" => "Children are referred to a regional child advocacy centre where they receive medical, psychological and legal help in one place.",
        "3" => "The police have a unit for offences against children in each region; the prosecution service has appointed specialised prosecutors.",
        _ => "A national round table of ministries, federations and children's organisations meets twice a year and agrees a joint action plan.",
    };

    private static List<Recommendation> Recommendations(Round round, List<Party> parties)
    {
        Recommendation R(string code, string strength, AddresseeKind addressee, Party? party, string chapter, int[] paragraphs, string text) => new()
        {
            RoundId = round.Id, Code = code, Strength = strength, Addressee = addressee, PartyId = party?.Id, Chapter = chapter,
            Paragraphs = paragraphs.ToList(), Text = text,
        };
        return
        [
            R("II-1", "require", AddresseeKind.All, null, "II", [41, 42], "The Committee requires all Parties to ensure that the criminal record of every person who works with children in sport, paid or volunteer, is checked before they start."),
            R("II-2", "request", AddresseeKind.Party, parties[0], "II", [45], "The Committee requests Ruritania to repeat criminal record checks of coaches at regular intervals."),
            R("II-3", "invite", AddresseeKind.All, null, "II", [48], "The Committee invites all Parties to publish a model code of conduct for coaches and volunteers, written with children."),
            R("III-1", "require", AddresseeKind.All, null, "III", [60, 61], "The Committee requires all Parties to make sure that children can report abuse in sport to a body independent of their club."),
            R("III-2", "request", AddresseeKind.Party, parties[1], "III", [66], "The Committee requests Freedonia to set up child advocacy centres so that children who report abuse are heard once, in one place."),
            R("III-3", "invite", AddresseeKind.All, null, "III", [70], "The Committee invites all Parties to train club welfare officers to recognise the signs of grooming."),
            R("IV-1", "request", AddresseeKind.All, null, "IV", [82], "The Committee requests all Parties to give specialised units the staff and training needed to investigate abuse in sport without delay."),
            R("IV-2", "invite", AddresseeKind.Party, parties[3], "IV", [88], "The Committee invites Grand Fenwick to involve sports federations in the design of prevention campaigns."),
        ];
    }

    private static Factsheet FactsheetFor(Round round, Party party, List<Recommendation> all, PublicationStatus status, bool followUps)
    {
        var factsheet = new Factsheet
        {
            RoundId = round.Id,
            PartyId = party.Id,
            Title = $"Factsheet – {party.Name}",
            Preamble = [$"This factsheet sums up the Committee's findings on {party.Name} in its third monitoring round.", "Orange boxes hold the Party's follow-up; blue boxes its promising practices."],
            Status = status,
        };
        var footnote = 0;
        var order = 0;
        foreach (var chapterNumber in new[] { "II", "III", "IV" })
        {
            var title = chapterNumber switch { "II" => "Safe recruitment", "III" => "Reporting and support", _ => "Investigation and prosecution" };
            var chapter = new FactsheetChapter { Order = order++, Number = chapterNumber, Title = title };
            chapter.Blocks.Add(new FactsheetBlock { Order = 0, Kind = BlockKind.Heading, Text = $"Observations and recommendations of the Committee specific to {party.Name}" });
            chapter.Blocks.Add(new FactsheetBlock { Order = 1, Kind = BlockKind.Paragraph, Text = $"The Committee observes that {party.Name} has taken several of the measures this chapter looks at.", Footnotes = [++footnote] });
            factsheet.Footnotes.Add(new Footnote { Number = footnote, Text = $"Paras. {10 + footnote * 3}, {11 + footnote * 3}.", Paragraphs = [10 + footnote * 3, 11 + footnote * 3] });
            foreach (var r in all.Where(r => r.Chapter == chapterNumber && (r.Addressee == AddresseeKind.All || r.PartyId == party.Id)))
            {
                footnote++;
                factsheet.Footnotes.Add(new Footnote { Number = footnote, Text = $"Recommendation {r.Code}.", Recommendations = [r.Code] });
                chapter.Blocks.Add(new FactsheetBlock { Order = chapter.Blocks.Count, Kind = BlockKind.Recommendation, Text = r.Text, Footnotes = [footnote], Recommendations = [r.Code] });
                if (!followUps) continue;
                var box = r.Strength == "invite"
                    ? new Box { Type = BoxType.PromisingPractice, Chapter = chapterNumber, Recommendations = [r.Code], Text = $"{party.Name} ran a pilot with three federations in 2025; the results are published on the sports council's website." }
                    : new Box { Type = BoxType.FollowUp, Chapter = chapterNumber, Recommendations = [r.Code], Text = $"A law adopted in March 2026 extends the checks to volunteers. The regulations that apply it are being drafted." };
                factsheet.Boxes.Add(box);
                chapter.Blocks.Add(new FactsheetBlock { Order = chapter.Blocks.Count, Kind = BlockKind.Box, Text = box.Text, Recommendations = box.Recommendations, Box = box });
            }
            factsheet.Chapters.Add(chapter);
        }
        return factsheet;
    }
}
