using System.CommandLine;
using Rapporteur.Cli;
using Rapporteur.Core.Model;
using Rapporteur.Core.Render;
using Rapporteur.Core.Render.Documents;
using Rapporteur.Data;
using Spectre.Console;

namespace Rapporteur.Features.Render;

/// <summary>
/// <c>rapporteur render factsheet|compilation|compliance --round N --format pdf|docx|html -o FILE</c>: publishes what
/// the data store holds. <c>factsheet</c> takes <c>--party P</c>, or <c>--all-parties</c> with <c>-o DIR</c> for one file
/// per Party; <c>compilation</c> takes an optional <c>--question</c>; <c>report</c> publishes the round's implementation
/// report (the one about <c>--party P</c>, when given). Unknown rounds or Parties and outputs that cannot
/// be written are one line on stderr and exit code 2; a file is written whole or not at all.
/// </summary>
internal static class RenderCommand
{
    public static Command Create() => new("render", "Publish a factsheet, the compilation of replies, the compliance report or an implementation report as HTML, PDF or DOCX")
    {
        FactsheetCommand(),
        CompilationCommand(),
        ComplianceCommand(),
        ReportCommand(),
    };

    private static Command ReportCommand()
    {
        var options = new RenderOptions();
        var party = new Option<string?>("--party") { Description = "The report about this Party (without it: the round's report that is about no Party)" };
        var command = options.Command("report", "Publish the round's implementation report: its chapters of numbered paragraphs and its notes", party);
        command.SetAction((result, ct) => options.RunAsync(result, async (model, round, renderer, output) =>
        {
            var name = result.GetValue(party);
            var reports = await model.ReportsAsync(round, ct);
            var matching = reports.Where(r => string.Equals(r.Party, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count != 1)
                return CommandLine.Fail(reports.Count == 0 ? $"round {round.Number} has no implementation report in the data store (import it first)"
                    : $"round {round.Number} has {(matching.Count == 0 ? "no" : "more than one")} report{(name is null ? " about no Party" : " about " + name)} (stored: {string.Join("; ", reports.Select(r => r.Party is null ? r.Title : $"{r.Title} ({r.Party})"))})");
            var (report, notes, about) = (await model.ReportAsync(round, matching[0].Id, ct))!.Value;
            return Output.Write(output, renderer, ReportDocument.From(report, notes, about, model.RoundTitle(round), options.Body(result), options.Labels(result)));
        }, ct));
        return command;
    }

    private static Command FactsheetCommand()
    {
        var options = new RenderOptions();
        var party = new Option<string?>("--party") { Description = "The Party whose factsheet to publish" };
        var all = new Option<bool>("--all-parties") { Description = "Publish every Party's factsheet of the round, one file each, into the folder -o names" };
        var command = options.Command("factsheet", "Publish a Party's factsheet (or every Party's, with --all-parties)", party, all);
        command.SetAction(async (result, ct) =>
        {
            var name = result.GetValue(party);
            var batch = result.GetValue(all);
            if (batch == (name is not null)) return CommandLine.Fail("give either --party NAME or --all-parties");
            return await options.RunAsync(result, async (model, round, renderer, output) =>
            {
                if (batch) return await AllPartiesAsync(model, round, renderer, output, options.Body(result), options.Labels(result), ct);
                var partyName = new Party(name!).Name;
                var sheets = await model.FactsheetsAsync(round, partyName, ct);
                if (sheets.Count == 0) return NoFactsheet(partyName, round, await model.FactsheetPartiesAsync(round, ct));
                var recommendations = await model.RecommendationsAsync(round, ct);
                return Output.Write(output, renderer, FactsheetDocument.From(sheets[0], recommendations, options.Body(result), options.Labels(result)));
            }, ct);
        });
        return command;
    }

    private static Command CompilationCommand()
    {
        var options = new RenderOptions();
        var question = new Option<string?>("--question") { Description = "Only this question (\"9.7\") or group (\"9\")" };
        var command = options.Command("compilation", "Publish the replies side by side: for each question, each Party's answer", question);
        command.SetAction((result, ct) => options.RunAsync(result, async (model, round, renderer, output) =>
        {
            var (questionnaire, replies) = await model.RepliesAsync(round, ct);
            if (replies.Count == 0) return CommandLine.Fail($"round {round.Number} has no replies in the data store (import them first)");
            var compilation = new Compilation(round.Number, model.RoundTitle(round), questionnaire, replies);
            if (result.GetValue(question) is { } number)
            {
                var only = compilation.ForQuestion(number);
                if (only is null) return CommandLine.Fail($"round {round.Number} has no question {number}");
                compilation = only;
            }
            return Output.Write(output, renderer, CompilationDocument.From(compilation, options.Body(result), options.Labels(result)));
        }, ct));
        return command;
    }

    private static Command ComplianceCommand()
    {
        var options = new RenderOptions();
        var command = options.Command("compliance", "Publish the compliance report: each recommendation with every concerned Party's status and evidence");
        command.SetAction((result, ct) => options.RunAsync(result, async (model, round, renderer, output) =>
        {
            var recommendations = await model.RecommendationsAsync(round, ct);
            if (recommendations.Count == 0) return CommandLine.Fail($"round {round.Number} has no recommendations in the data store (import factsheets or reports first)");
            var report = ComplianceReport.From(round.Number, model.RoundTitle(round), recommendations, await model.FactsheetsAsync(round, null, ct));
            return Output.Write(output, renderer, ComplianceDocument.From(report, options.Body(result), options.Labels(result)));
        }, ct));
        return command;
    }

    private static async Task<int> AllPartiesAsync(StoredModel model, Data.Entities.Round round, IPublicationRenderer renderer, string folder, TreatyBody body, DocumentLabels labels, CancellationToken ct)
    {
        var sheets = await model.FactsheetsAsync(round, null, ct);
        if (sheets.Count == 0) return NoFactsheet(null, round, []);
        if (Output.CreateFolder(folder) is { } error) return CommandLine.Fail(error);
        var recommendations = await model.RecommendationsAsync(round, ct);
        var failed = false;

        void One(Factsheet sheet)
        {
            var file = Path.Combine(folder, Output.FileName(sheet.Party, round.Number, renderer));
            failed |= Output.Write(file, renderer, FactsheetDocument.From(sheet, recommendations, body, labels)) != CommandLine.Ok;
        }

        if (Console.IsOutputRedirected) sheets.ForEach(One);
        else
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("Rendering", maxValue: sheets.Count);
                    foreach (var sheet in sheets)
                    {
                        task.Description = sheet.Party.Name;
                        One(sheet);
                        task.Increment(1);
                    }
                });
        return failed ? CommandLine.BadInput : CommandLine.Ok;
    }

    private static int NoFactsheet(string? party, Data.Entities.Round round, List<string> stored) =>
        CommandLine.Fail(party is null
            ? $"round {round.Number} has no factsheet in the data store (import them first)"
            : $"no factsheet of {party} for round {round.Number}{(stored.Count > 0 ? $" (stored: {string.Join(", ", stored)})" : " (none is stored)")}");
}
