using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Data.Search;
using Body = Rapporteur.Data.Entities.Body;
using Party = Rapporteur.Data.Entities.Party;
using Question = Rapporteur.Data.Entities.Question;
using Recommendation = Rapporteur.Data.Entities.Recommendation;
using Reply = Rapporteur.Data.Entities.Reply;
using Answer = Rapporteur.Data.Entities.Answer;
using Strength = Rapporteur.Data.Entities.Strength;
using ReportChapter = Rapporteur.Data.Entities.ReportChapter;

namespace Rapporteur.Features.Synthetic;

/// <summary>How big a synthetic data set to make.</summary>
internal sealed record SyntheticOptions(int Parties, int Rounds, int Paragraphs, int Seed = 1)
{
    public const int ChaptersPerReport = 5;
    public const int QuestionsPerRound = 12;
    public const int RecommendationsPerReport = 10;
}

/// <summary>What was made: counts, and how many report paragraphs carry each planted term.</summary>
internal sealed record SyntheticSummary(int Parties, int Rounds, int Reports, long Paragraphs, int Answers, int Recommendations,
    IReadOnlyList<long> ParagraphsWithTerm, long TextBytes, TimeSpan Insert, int SearchDocuments, TimeSpan Index);

/// <summary>
/// A synthetic data set of any size for load tests and benchmarks: Parties with made-up names, rounds with a
/// questionnaire, one submitted reply per Party and round, and one published report per Party and round holding the
/// paragraphs (the bulk: <see cref="SyntheticOptions.Paragraphs"/> of them, spread evenly), with its recommendations.
/// The small parts go through EF; the paragraphs through one prepared INSERT reused in large transactions (no change
/// tracking, no per-row index work), and the search index is built once at the end.
/// </summary>
internal static class SyntheticData
{
    private static readonly string[] Chapters = ["I", "II", "III", "IV", "V"];
    private const int ParagraphsPerTransaction = 50_000;

    public static async Task<SyntheticSummary> GenerateAsync(DataStore store, SyntheticOptions options, Action<string, long, long>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var text = new SyntheticText(options.Seed);
        await using var db = store.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var lanzarote = TreatyBody.Lanzarote;
        var body = new Body
        {
            ShortName = lanzarote.ShortName,
            Name = lanzarote.Name,
            Convention = lanzarote.Convention,
            Strengths = [.. lanzarote.Strengths.Strengths.Select((s, i) => new Strength { Rank = i, Key = s.Key, VerbsEn = [.. s.VerbsEn], VerbsFr = [.. s.VerbsFr], Description = s.Description })],
        };
        db.Bodies.Add(body);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < options.Parties) names.Add(text.Name());
        var parties = names.Select(n => new Party { Name = n }).ToList();
        db.Parties.AddRange(parties);
        await db.SaveChangesAsync(ct);
        var strengths = lanzarote.Strengths.Strengths.Select(s => s.Key).ToList();

        var reports = new List<(int ChapterId, int Number)[]>();
        int answers = 0, recommendations = 0;
        for (var r = 1; r <= options.Rounds; r++)
        {
            var round = new Round
            {
                BodyId = body.Id,
                Number = r,
                Theme = text.Paragraph()[..40].TrimEnd(),
                TitleEn = $"Synthetic monitoring round {r}",
                Opens = new DateOnly(2000 + r, 1, 15),
                ReplyDeadline = new DateOnly(2000 + r, 6, 30),
                Status = RoundStatus.Closed,
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync(ct);
            var questions = new List<Question>();
            for (var s = 0; s < 3; s++)
            {
                var section = new Section { RoundId = round.Id, Order = s, Name = $"Section {Chapters[s]}" };
                for (var q = 0; q < SyntheticOptions.QuestionsPerRound / 3; q++)
                {
                    var question = new Question { RoundId = round.Id, Order = questions.Count, Number = $"{s + 1}.{q + 1}", Title = text.Word(), Text = text.Paragraph() };
                    section.Questions.Add(question);
                    questions.Add(question);
                }
                db.Sections.Add(section);
            }
            await db.SaveChangesAsync(ct);
            var at = new DateTimeOffset(2000 + r, 6, 1, 12, 0, 0, TimeSpan.Zero);
            for (var p = 0; p < parties.Count; p++)
            {
                db.Replies.Add(new Reply
                {
                    RoundId = round.Id,
                    PartyId = parties[p].Id,
                    Status = ReplyStatus.Submitted,
                    CreatedAt = at,
                    UpdatedAt = at,
                    SubmittedAt = at,
                    Version = 1,
                    Answers = [.. questions.Select(q => new Answer { QuestionId = q.Id, Text = text.Paragraph() })],
                });
                answers += questions.Count;
                for (var k = 0; k < SyntheticOptions.RecommendationsPerReport; k++)
                {
                    var chapter = Chapters[1 + (k % 4)];
                    db.Recommendations.Add(new Recommendation
                    {
                        RoundId = round.Id,
                        Code = $"{chapter}-{p + 1}.{k + 1}",
                        Strength = strengths[k % strengths.Count],
                        Addressee = AddresseeKind.Party,
                        PartyId = parties[p].Id,
                        Chapter = chapter,
                        Text = $"The Committee {lanzarote.Strengths.Strengths[k % strengths.Count].VerbsEn[0]}s {parties[p].Name} to {text.Paragraph()}",
                    });
                    recommendations++;
                }
                var report = new Report
                {
                    RoundId = round.Id,
                    PartyId = parties[p].Id,
                    Title = $"Implementation report on {parties[p].Name}, round {r}",
                    Status = PublicationStatus.Published,
                    Chapters = [.. Chapters.Select((c, i) => new ReportChapter { Order = i, Number = c, Title = text.Word() })],
                };
                db.Reports.Add(report);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                reports.Add([.. report.Chapters.Select(c => (c.Id, 0))]);
            }
        }

        var termCounts = new long[SyntheticText.Terms.Count];
        // The paragraphs are the bulk: their rate is what grows with size (the rest is a fixed few thousand rows).
        clock.Restart();
        var bytes = await InsertParagraphsAsync(db, options.Paragraphs, reports, text, termCounts, progress, ct);
        var insert = clock.Elapsed;
        clock.Restart();
        progress?.Invoke("search index", 0, 1);
        var indexed = await SearchIndexer.RebuildAsync(db, ct);
        progress?.Invoke("search index", 1, 1);
        return new SyntheticSummary(parties.Count, options.Rounds, reports.Count, options.Paragraphs, answers, recommendations, termCounts, bytes, insert, indexed, clock.Elapsed);
    }

    /// <summary>The paragraphs, spread evenly over the reports and their chapters, numbered from 1 in each report.</summary>
    private static async Task<long> InsertParagraphsAsync(RapporteurDbContext db, int total, List<(int ChapterId, int Number)[]> reports, SyntheticText text,
        long[] termCounts, Action<string, long, long>? progress, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        long bytes = 0;
        var done = 0;
        progress?.Invoke("paragraphs", 0, total);
        while (done < total)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO \"ReportParagraph\" (\"ChapterId\", \"Number\", \"Text\") VALUES (@c, @n, @t)";
            var chapterId = Parameter(insert, "c", 0);
            var number = Parameter(insert, "n", 0);
            var body = Parameter(insert, "t", "");
            await insert.PrepareAsync(ct);
            var end = Math.Min(total, done + ParagraphsPerTransaction);
            for (; done < end; done++)
            {
                // Paragraph i goes to report i mod reports, so every report grows evenly; within a report, to the
                // chapter its running number falls in (an even share each).
                var reportIndex = done % reports.Count;
                var perReport = total / reports.Count + (reportIndex < total % reports.Count ? 1 : 0);
                var chapters = reports[reportIndex];
                var n = done / reports.Count + 1;
                var chapter = Math.Min(chapters.Length - 1, (n - 1) * chapters.Length / Math.Max(1, perReport));
                var term = text.PickTerm();
                if (term is { } t) termCounts[t]++;
                var paragraph = text.Paragraph(term);
                bytes += paragraph.Length;
                chapterId.Value = chapters[chapter].ChapterId;
                number.Value = n;
                body.Value = paragraph;
                await insert.ExecuteNonQueryAsync(ct);
                if (done % 1000 == 0) progress?.Invoke("paragraphs", done, total);
            }
            await transaction.CommitAsync(ct);
            progress?.Invoke("paragraphs", done, total);
        }
        await db.Database.CloseConnectionAsync();
        return bytes;
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        if (value is string) p.DbType = System.Data.DbType.String;
        command.Parameters.Add(p);
        return p;
    }
}
