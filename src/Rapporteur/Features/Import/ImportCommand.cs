using System.CommandLine;
using System.Security.Cryptography;
using Rapporteur.Cli;
using Rapporteur.Core.Import;
using Rapporteur.Data;
using Spectre.Console;

namespace Rapporteur.Features.Import;

/// <summary><c>rapporteur import FILE... [--data DIR]</c>: reads documents and stores each where it belongs, one
/// transaction per file, with a progress bar. A file that fails leaves nothing behind; the others still go in.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Documents to import: .txt, .md, .docx or .pdf", Arity = ArgumentArity.OneOrMore };
        var data = DataOption.Create();
        var replace = new Option<bool>("--replace") { Description = "Overwrite a reply, factsheet or report that is already stored" };
        var draft = new Option<bool>("--draft") { Description = "Keep the imported replies, factsheets and reports as drafts (not public)" };
        var documentOptions = new DocumentOptions();
        var command = new Command("import", "Import documents into the data store (replies, factsheets, reports, recommendation lists)")
        {
            files, data, replace, draft,
        };
        documentOptions.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var store = DataStore.Open(result.GetValue(data));
            try
            {
                await store.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                return CommandLine.Fail($"{store.DatabaseFile}: cannot open the database: {e.Message}");
            }
            var options = documentOptions.Read(result);
            var paths = result.GetValue(files)!;
            var outcomes = new List<(string File, ImportOutcome Outcome, int Warnings)>();

            async Task ImportOne(string path)
            {
                var parsed = DocumentImporter.Default.ImportFile(path, options, cancellationToken);
                if (!parsed.Success)
                {
                    outcomes.Add((path, ImportOutcome.Refused(parsed.Error!.Message), 0));
                    return;
                }
                string sha;
                await using (var stream = File.OpenRead(path))
                    sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
                await using var db = store.CreateContext();
                var outcome = await new ImportHandler(db, TimeProvider.System) { Draft = result.GetValue(draft) }.ImportAsync(parsed.Value!, sha, result.GetValue(replace), cancellationToken);
                outcomes.Add((path, outcome, parsed.Value!.Warnings.Count));
            }

            if (Console.IsOutputRedirected || paths.Length == 1)
            {
                foreach (var path in paths) await ImportOne(path);
            }
            else
            {
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("Importing", maxValue: paths.Length);
                        foreach (var path in paths)
                        {
                            task.Description = Path.GetFileName(path);
                            await ImportOne(path);
                            task.Increment(1);
                        }
                    });
            }

            foreach (var (file, outcome, warnings) in outcomes.Where(o => o.Outcome.Success))
                Console.WriteLine($"imported {Path.GetFileName(file)}: {outcome.Summary}{(warnings > 0 ? $" ({warnings} warnings: see 'rapporteur parse {file}')" : "")}");
            foreach (var (file, outcome, _) in outcomes.Where(o => !o.Outcome.Success))
                Console.Error.WriteLine($"rapporteur: {file}: {outcome.Error} (nothing from this file was stored)");
            Console.WriteLine($"data: {store.Directory}");
            return outcomes.All(o => o.Outcome.Success) ? CommandLine.Ok : CommandLine.BadInput;
        });
        return command;
    }
}
