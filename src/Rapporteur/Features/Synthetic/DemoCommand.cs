using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Cli;
using Rapporteur.Data;
using Spectre.Console;

namespace Rapporteur.Features.Synthetic;

/// <summary><c>rapporteur demo --parties 48 --rounds 5 --paragraphs 1000000 --data DIR [--seed N]</c>: fills an empty
/// database with a synthetic data set of that size (made-up words, planted terms) for load tests and benchmarks.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = DataOption.Create();
        var parties = new Option<int>("--parties") { Description = "How many Parties (1-1000)", DefaultValueFactory = _ => 48 };
        var rounds = new Option<int>("--rounds") { Description = "How many monitoring rounds (1-50)", DefaultValueFactory = _ => 5 };
        var paragraphs = new Option<int>("--paragraphs") { Description = "How many report paragraphs in all (0-50,000,000)", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random generator (same seed, same data)", DefaultValueFactory = _ => 1 };
        parties.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 1000) r.AddError("--parties must be between 1 and 1000"); });
        rounds.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 50) r.AddError("--rounds must be between 1 and 50"); });
        paragraphs.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 50_000_000) r.AddError("--paragraphs must be between 0 and 50000000"); });
        var command = new Command("demo", "Fill an empty database with a synthetic data set of a given size (for load tests and benchmarks)")
        {
            parties, rounds, paragraphs, seed, data,
        };
        command.SetAction(async (result, ct) =>
        {
            var store = DataStore.Open(result.GetValue(data));
            var options = new SyntheticOptions(result.GetValue(parties), result.GetValue(rounds), result.GetValue(paragraphs), result.GetValue(seed));
            try
            {
                await store.MigrateAsync(ct);
                await using (var db = store.CreateContext())
                    if (await db.Rounds.AnyAsync(ct) || await db.Parties.AnyAsync(ct))
                        return CommandLine.Fail($"{store.Description}: the database already has data; give an empty --data folder");
                SyntheticSummary summary;
                if (Console.IsOutputRedirected) summary = await SyntheticData.GenerateAsync(store, options, null, ct);
                else
                {
                    summary = null!;
                    await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .StartAsync(async ctx =>
                        {
                            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                            summary = await SyntheticData.GenerateAsync(store, options, (stage, done, total) =>
                            {
                                if (!tasks.TryGetValue(stage, out var task)) tasks[stage] = task = ctx.AddTask(stage);
                                task.MaxValue = Math.Max(1, total);
                                task.Value = done;
                            }, ct);
                        });
                }
                var c = CultureInfo.InvariantCulture;
                var seconds = Math.Max(0.001, summary.Insert.TotalSeconds);
                Console.WriteLine(string.Create(c,
                    $"{store.Description}: {summary.Parties} Parties, {summary.Rounds} rounds, {summary.Reports} reports, {summary.Paragraphs} paragraphs "
                    + $"({summary.TextBytes / 1e6:0.0} MB of text), {summary.Answers} answers, {summary.Recommendations} recommendations; "
                    + $"paragraphs in {seconds:0.0} s ({summary.Paragraphs / seconds:0} paragraphs/s, {summary.TextBytes / 1e6 / seconds:0.0} MB/s); "
                    + $"search index: {summary.SearchDocuments} documents in {summary.Index.TotalSeconds:0.0} s"));
                Console.WriteLine("planted terms (paragraphs): " + string.Join(", ",
                    SyntheticText.Terms.Select((t, i) => string.Create(c, $"\"{t}\" {summary.ParagraphsWithTerm[i]}"))));
                return CommandLine.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                return CommandLine.Fail($"{store.Description}: {e.Message.ReplaceLineEndings(" ")}");
            }
        });
        return command;
    }
}
