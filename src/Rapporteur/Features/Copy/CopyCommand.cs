using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Cli;
using Rapporteur.Data;
using Rapporteur.Data.Copy;
using Rapporteur.Data.Search;
using Spectre.Console;

namespace Rapporteur.Features.Copy;

/// <summary><c>rapporteur copy --from sqlite:PATH --to postgres:CONNECTION-STRING</c>: moves a whole database to another
/// (empty) one — SQLite to PostgreSQL, or SQLite to SQLite — then proves it by row counts and checksums per table.</summary>
internal static class CopyCommand
{
    /// <summary>The copy ran but the target does not hold what the source holds.</summary>
    public const int VerificationFailed = 3;

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The database to copy: sqlite:FILE-OR-FOLDER or postgres:CONNECTION-STRING", Required = true };
        var to = new Option<string>("--to") { Description = "The new, empty database: postgres:CONNECTION-STRING or sqlite:FILE-OR-FOLDER", Required = true };
        var command = new Command("copy", "Copy every table to a new, empty database (e.g. SQLite to PostgreSQL) and verify it") { from, to };
        command.SetAction(async (result, ct) =>
        {
            if (DataStore.FromLocation(result.GetValue(from)!) is not { } source)
                return CommandLine.Fail("--from must be sqlite:FILE-OR-FOLDER or postgres:CONNECTION-STRING");
            if (DataStore.FromLocation(result.GetValue(to)!) is not { } target)
                return CommandLine.Fail("--to must be postgres:CONNECTION-STRING or sqlite:FILE-OR-FOLDER");
            if (!source.Exists) return CommandLine.Fail($"{source.Description}: no database here");
            if (source.Provider == target.Provider && string.Equals(source.Description, target.Description, StringComparison.Ordinal))
                return CommandLine.Fail($"{source.Description}: --from and --to are the same database");
            var stage = source.Description;
            try
            {
                await using var from_ = source.CreateContext();
                if ((await from_.Database.GetPendingMigrationsAsync(ct)).Any())
                    return CommandLine.Fail($"{source.Description}: its schema is older than this version's; run 'rapporteur migrate' on it first");
                stage = target.Description;
                await target.MigrateAsync(ct);
                await using var to_ = target.CreateContext();
                await DatabaseCopier.EnsureEmptyAsync(to_, target.Description, ct);

                var clock = Stopwatch.StartNew();
                var copied = await CopyWithProgressAsync(from_, to_, ct);
                var rows = copied.Sum(c => c.Rows);
                Console.WriteLine($"copied {rows} rows in {copied.Count} tables from {source.Description} to {target.Description} in {clock.Elapsed.TotalSeconds:0.0} s");

                clock.Restart();
                var indexed = await SearchIndexer.RebuildAsync(to_, ct);
                Console.WriteLine($"search index rebuilt on {target.Description}: {indexed} documents in {clock.Elapsed.TotalSeconds:0.0} s");

                stage = "verification";
                var checks = await DatabaseCopier.VerifyAsync(from_, to_, ct);
                var table = new Table().AddColumns("Table", "Source rows", "Target rows", "Source SHA-256", "Target SHA-256", "");
                foreach (var c in checks)
                    table.AddRow(Markup.Escape(c.Table), c.SourceRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        c.TargetRows.ToString(System.Globalization.CultureInfo.InvariantCulture), c.SourceChecksum[..12], c.TargetChecksum[..12],
                        c.Matches ? "[green]ok[/]" : "[red]DIFFERS[/]");
                AnsiConsole.Write(table);
                var bad = checks.Where(c => !c.Matches).Select(c => c.Table).ToList();
                if (bad.Count > 0)
                {
                    Console.Error.WriteLine($"rapporteur: verification failed: {string.Join(", ", bad)} differ between {source.Description} and {target.Description}");
                    return VerificationFailed;
                }
                Console.WriteLine($"verified: {checks.Count} tables, same row counts and checksums");
                return CommandLine.Ok;
            }
            catch (CopyRefusedException e)
            {
                return CommandLine.Fail(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
            {
                return CommandLine.Fail($"{stage}: {e.Message.ReplaceLineEndings(" ")} (the target was left as it was before the copy)");
            }
        });
        return command;
    }

    private static async Task<IReadOnlyList<(string Table, long Rows)>> CopyWithProgressAsync(RapporteurDbContext source, RapporteurDbContext target, CancellationToken ct)
    {
        if (Console.IsOutputRedirected) return await DatabaseCopier.CopyAsync(source, target, null, ct);
        IReadOnlyList<(string, long)> copied = [];
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Copying");
                copied = await DatabaseCopier.CopyAsync(source, target, (table, done, total) =>
                {
                    task.Description = Markup.Escape(table);
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                }, ct);
                task.Value = task.MaxValue;
            });
        return copied;
    }
}
