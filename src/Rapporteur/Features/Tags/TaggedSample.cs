using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Core.Tagging;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Body = Rapporteur.Data.Entities.Body;
using Recommendation = Rapporteur.Data.Entities.Recommendation;
using Strength = Rapporteur.Data.Entities.Strength;

namespace Rapporteur.Features.Tags;

/// <summary>
/// The shipped vocabularies (Vocabularies/*.csv) and the tagging sample (TaggedDemo.tsv): 72 recommendations of a
/// fictional earlier round with the tags people accepted, written for Rapporteur. The demo loads the vocabularies and
/// tags its own round; <c>rapporteur tags sample</c> loads the sample, which <c>rapporteur tags evaluate</c> scores on.
/// </summary>
internal static class TaggedSample
{
    public const int SampleRound = 2;

    /// <summary>Loads the three shipped vocabularies into a body (adding missing terms; existing ones are kept).</summary>
    public static async Task EnsureVocabulariesAsync(RapporteurDbContext db, Body body, CancellationToken ct)
    {
        foreach (var (key, name, csv) in VocabularyImport.Shipped)
        {
            using var reader = new StringReader(csv);
            var result = await VocabularyImport.ImportAsync(db, body.ShortName, key, name, reader, $"{key}.csv", ct);
            if (!result.Success) throw new InvalidOperationException($"shipped vocabulary {key}: {result.Error}");
        }
    }

    /// <summary>Before an import suggests tags: a Lanzarote Committee body without any vocabulary gets the shipped ones
    /// (their articles are the Lanzarote Convention's); another body's vocabularies are its own (<c>rapporteur vocab import</c>).</summary>
    public static async Task EnsureForImportAsync(RapporteurDbContext db, int bodyId, CancellationToken ct)
    {
        var body = await db.Bodies.SingleAsync(b => b.Id == bodyId, ct);
        if (!string.Equals(body.ShortName, TreatyBody.Lanzarote.ShortName, StringComparison.OrdinalIgnoreCase)) return;
        if (await db.Vocabularies.AnyAsync(v => v.BodyId == bodyId, ct)) return;
        await EnsureVocabulariesAsync(db, body, ct);
    }

    /// <summary>The demo round's tags: vocabularies loaded, a few accepted tags, then the suggester's proposals.</summary>
    public static async Task SeedDemoAsync(RapporteurDbContext db, TimeProvider clock, Body body, Round round, CancellationToken ct)
    {
        await EnsureVocabulariesAsync(db, body, ct);
        (string Code, string[] Tags)[] accepted =
        [
            ("II-1", ["lanzarote-articles:5(3)", "themes:screening", "sdg:16.2"]),
            ("II-2", ["lanzarote-articles:5(3)", "themes:screening"]),
            ("II-3", ["lanzarote-articles:5", "themes:prevention"]),
            ("III-1", ["lanzarote-articles:12", "themes:reporting", "sdg:16.2"]),
            ("III-2", ["lanzarote-articles:35", "themes:child-friendly-justice", "themes:victim-assistance"]),
            ("III-3", ["lanzarote-articles:5(2)", "themes:training"]),
            ("IV-1", ["lanzarote-articles:34", "themes:investigation", "sdg:16.3"]),
        ];
        var recommendations = await db.Recommendations.Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.Code, ct);
        foreach (var (code, tags) in accepted)
            if (recommendations.TryGetValue(code, out var r)) await AcceptAsync(db, clock, body, TagTarget.Recommendation, r.Id, tags, "Sam Secretariat", ct);
        await db.SaveChangesAsync(ct);

        // Suggestions waiting for a person on the other recommendations: the demo's few tags teach the model little, so
        // it learns from the shipped sample too (in memory; the sample itself is not stored).
        var tagger = new Tagger(db, clock);
        var terms = await tagger.TermsAsync(body.Id, ct);
        var byTag = terms.ToDictionary(t => $"{t.Vocabulary}:{t.Code}", t => t.Id, StringComparer.Ordinal);
        var learned = Rows().Select(x => new LabelledText(x.Text, x.Tags.Select(t => byTag[t]).ToList())).ToList();
        var suggester = new Suggester(terms, TermModel.Learn(learned));
        foreach (var r in recommendations.Values.Where(r => accepted.All(a => a.Code != r.Code)).OrderBy(r => r.Id))
            foreach (var p in suggester.Propose(r.Text, new HashSet<int>()))
                db.Taggings.Add(new Tagging
                {
                    TargetKind = TagTarget.Recommendation, TargetId = r.Id, TermId = p.Term, State = TagState.Suggested, Source = p.Source, Reason = p.Reason,
                    Score = p.Score, UserName = "suggester", At = clock.GetUtcNow(),
                });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The tagging sample into a data store (<c>serve --demo</c> loads it after the demo round).</summary>
    public static async Task<int> LoadSampleAsync(DataStore store, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var db = store.CreateContext();
        return await LoadSampleAsync(db, clock, ct);
    }

    /// <summary>Loads the tagging sample as round 2 of the Lanzarote Committee (closed), with its accepted tags.
    /// Returns the number of recommendations, or 0 when the round is already there.</summary>
    public static async Task<int> LoadSampleAsync(RapporteurDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lanzarote = TreatyBody.Lanzarote;
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.ShortName == lanzarote.ShortName, ct);
        if (body is null)
        {
            body = new Body
            {
                ShortName = lanzarote.ShortName, Name = lanzarote.Name, Convention = lanzarote.Convention,
                Strengths = lanzarote.Strengths.Strengths.Select((s, i) => new Strength { Rank = i, Key = s.Key, VerbsEn = s.VerbsEn.ToList(), VerbsFr = s.VerbsFr.ToList(), Description = s.Description }).ToList(),
            };
            db.Bodies.Add(body);
            await db.SaveChangesAsync(ct);
        }
        if (await db.Rounds.AnyAsync(r => r.BodyId == body.Id && r.Number == SampleRound, ct)) return 0;
        await EnsureVocabulariesAsync(db, body, ct);
        var round = new Round
        {
            BodyId = body.Id, Number = SampleRound, Theme = "Tagging sample",
            TitleEn = "Tagging sample: recommendations of a fictional earlier round, tagged by people",
            TitleFr = "Échantillon d'étiquetage : recommandations d'un cycle antérieur fictif, étiquetées par des personnes", Status = RoundStatus.Closed,
            // Not a monitoring round: its pages say so and show no replies or compliance (it has neither).
            IsSample = true,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        var rows = Rows();
        var stored = rows.Select(x => new Recommendation
        {
            RoundId = round.Id, Code = x.Code, Strength = x.Strength, Addressee = AddresseeKind.All, Chapter = x.Code.Split('-')[0], Text = x.Text,
        }).ToList();
        db.Recommendations.AddRange(stored);
        await db.SaveChangesAsync(ct);
        foreach (var (row, rec) in rows.Zip(stored))
            await AcceptAsync(db, clock, body, TagTarget.Recommendation, rec.Id, row.Tags, "sample", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return stored.Count;
    }

    private static async Task AcceptAsync(RapporteurDbContext db, TimeProvider clock, Body body, TagTarget kind, int id, IEnumerable<string> tags, string who, CancellationToken ct)
    {
        foreach (var tag in tags)
        {
            var (vocabulary, code) = (tag[..tag.IndexOf(':', StringComparison.Ordinal)], tag[(tag.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            var term = await db.Terms.SingleOrDefaultAsync(t => t.Vocabulary!.BodyId == body.Id && t.Vocabulary.Key == vocabulary && t.Code == code, ct)
                ?? throw new InvalidOperationException($"tagging sample: no term {tag}");
            db.Taggings.Add(new Tagging { TargetKind = kind, TargetId = id, TermId = term.Id, State = TagState.Accepted, Source = "manual", Reason = "tagged by hand", UserName = who, At = clock.GetUtcNow() });
        }
    }

    private sealed record SampleRow(string Code, string Strength, string Text, string[] Tags);

    private static List<SampleRow> Rows()
    {
        using var stream = typeof(TaggedSample).Assembly.GetManifestResourceStream("Rapporteur.Features.Tags.TaggedDemo.tsv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimEnd('\r').Split('\t'))
            .Select(f => new SampleRow(f[0], f[1], f[2], f[3].Split(';', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
    }
}
