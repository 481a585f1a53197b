using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Cli;
using Rapporteur.Core.Tagging;
using Rapporteur.Data;

namespace Rapporteur.Features.Tags;

/// <summary><c>rapporteur vocab import</c> and <c>rapporteur tags suggest|sample|evaluate</c>.</summary>
internal static class TagsCommand
{
    public static Command Vocab()
    {
        var data = DataOption.Create();
        var file = new Argument<FileInfo>("FILE") { Description = "CSV with a header: code,label[,parent]" };
        var key = new Option<string>("--vocabulary") { Description = "The vocabulary's key, e.g. lanzarote-articles, themes, sdg", Required = true };
        var name = new Option<string?>("--name") { Description = "Its name as people read it (default: the key; kept if it exists)" };
        var body = new Option<string>("--body") { Description = "The treaty body whose vocabulary it is", DefaultValueFactory = _ => "Lanzarote" };
        var import = new Command("import", "Add or update a vocabulary's terms from a CSV file, all or nothing") { file, key, name, body, data };
        import.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists) return CommandLine.Fail($"{path.Name}: no such file");
            return await WithStoreAsync(result.GetValue(data), async db =>
            {
                using var reader = new StreamReader(path.FullName);
                var outcome = await VocabularyImport.ImportAsync(db, result.GetValue(body)!, result.GetValue(key)!, result.GetValue(name), reader, path.Name, ct);
                if (!outcome.Success) return CommandLine.Fail(outcome.Error!);
                Console.WriteLine($"{path.Name}: vocabulary {result.GetValue(key)}: {outcome.Added} terms added, {outcome.Updated} updated");
                return CommandLine.Ok;
            }, ct);
        });
        return new Command("vocab", "Controlled vocabularies for tags (articles, themes, SDG targets)") { import };
    }

    public static Command Tags()
    {
        var suggestData = DataOption.Create();
        var round = new Option<int>("--round") { Description = "The round whose recommendations, questions and replies get suggestions", Required = true };
        var body = new Option<string>("--body") { DefaultValueFactory = _ => "Lanzarote", Description = "The treaty body" };
        var suggest = new Command("suggest", "Propose tags (to be accepted by a person) for a round's items") { round, body, suggestData };
        suggest.SetAction(async (result, ct) => await WithStoreAsync(result.GetValue(suggestData), async db =>
        {
            var r = await db.Rounds.SingleOrDefaultAsync(x => x.Body!.ShortName == result.GetValue(body) && x.Number == result.GetValue(round), ct);
            if (r is null) return CommandLine.Fail($"no round {result.GetValue(round)} of {result.GetValue(body)}");
            var added = await new Tagger(db, TimeProvider.System).SuggestRoundAsync(null, r.Id, ct);
            Console.WriteLine($"round {r.Number}: {added} new suggestions");
            return CommandLine.Ok;
        }, ct));

        var sampleData = DataOption.Create();
        var sample = new Command("sample", "Load the shipped tagging sample (72 tagged recommendations, round 2) into a data folder") { sampleData };
        sample.SetAction(async (result, ct) => await WithStoreAsync(result.GetValue(sampleData), async db =>
        {
            var count = await TaggedSample.LoadSampleAsync(db, TimeProvider.System, ct);
            Console.WriteLine(count > 0 ? $"tagging sample: {count} recommendations with their accepted tags, round {TaggedSample.SampleRound}" : "tagging sample: already loaded");
            return CommandLine.Ok;
        }, ct, create: true));

        var evalData = DataOption.Create();
        var threshold = new Option<double>("--threshold") { Description = "The learned model's cosine threshold", DefaultValueFactory = _ => TermModel.DefaultThreshold };
        var every = new Option<int>("--hold-out-every") { Description = "Hold out every N-th tagged item", DefaultValueFactory = _ => 4 };
        var evaluate = new Command("evaluate", "Precision and recall of the suggestions on a held-out part of the accepted tags") { evalData, body, threshold, every };
        evaluate.SetAction(async (result, ct) => await WithStoreAsync(result.GetValue(evalData), async db =>
        {
            var b = await db.Bodies.SingleOrDefaultAsync(x => x.ShortName == result.GetValue(body), ct);
            if (b is null) return CommandLine.Fail($"no treaty body {result.GetValue(body)} in this database");
            if (result.GetValue(every) < 2) return CommandLine.Fail("--hold-out-every must be 2 or more");
            var tagger = new Tagger(db, TimeProvider.System);
            var gold = await tagger.GoldAsync(b.Id, ct);
            if (gold.Count < result.GetValue(every)) return CommandLine.Fail($"only {gold.Count} tagged items: too few to evaluate (load the sample with 'rapporteur tags sample')");
            var report = TagEvaluation.Run(gold, await tagger.TermsAsync(b.Id, ct), result.GetValue(every), result.GetValue(threshold));
            Console.Write(Format(report));
            return CommandLine.Ok;
        }, ct));
        return new Command("tags", "Tag suggestions and their evaluation") { suggest, sample, evaluate };
    }

    public static string Format(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(string.Create(inv, $"trained on {report.Training} items, evaluated on {report.HeldOut} held-out items (threshold {report.Threshold:0.00})"));
        sb.AppendLine(string.Create(inv, $"{"source",-16}{"vocabulary",-22}{"precision",10}{"recall",8}{"tp",6}{"fp",6}{"fn",6}"));
        foreach (var s in report.Scores)
            sb.AppendLine(string.Create(inv, $"{s.Source,-16}{s.Vocabulary,-22}{s.Precision,10:0.00}{s.Recall,8:0.00}{s.TruePositives,6}{s.FalsePositives,6}{s.FalseNegatives,6}"));
        return sb.ToString();
    }

    private static async Task<int> WithStoreAsync(string? data, Func<RapporteurDbContext, Task<int>> action, CancellationToken ct, bool create = false)
    {
        var store = DataStore.Open(data);
        if (!create && !store.Exists) return CommandLine.Fail($"{store.Description}: no database here (import documents first, or give --data)");
        try
        {
            await store.MigrateAsync(ct);
            await using var db = store.CreateContext();
            return await action(db);
        }
        catch (System.Data.Common.DbException e)
        {
            return CommandLine.Fail($"{store.Description}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
