using System.CommandLine;
using Rapporteur.Cli;
using Rapporteur.Data;

namespace Rapporteur.Features.Export;

/// <summary>
/// <c>rapporteur export recommendations|replies|assessments|matrix --format csv|xlsx|json -o FILE [filters]</c>: the
/// export core, to a file. Whoever has the data folder has the database, so drafts are included unless
/// <c>--public</c> asks for what the public site shows. The file is written whole or not at all (a temporary file
/// beside it, then moved over it); bad input is one line on stderr and exit code 2.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "recommendations, replies, assessments or matrix" };
        dataset.AcceptOnlyFromAmong([.. ExportNames.Datasets]);
        var format = new Option<string?>("--format", "-f") { Description = "csv, xlsx or json (default: from the -o file's extension, else csv)" };
        format.AcceptOnlyFromAmong([.. ExportNames.Formats]);
        var output = new Option<string>("--output", "-o") { Description = "The file to write", Required = true };
        var body = new Option<string?>("--body") { Description = "Only this treaty body's rounds (e.g. lanzarote)" };
        var round = new Option<int?>("--round") { Description = "Only this round" };
        round.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--round must be 1 or more");
        });
        var party = new Option<string?>("--party") { Description = "Only this Party (recommendations: those addressed to it)" };
        var chapter = new Option<string?>("--chapter") { Description = "Only this report chapter (e.g. II)" };
        var strength = new Option<string?>("--strength") { Description = "Only this strength (e.g. require)" };
        var addressee = new Option<string?>("--addressee") { Description = "all or party" };
        addressee.AcceptOnlyFromAmong("all", "party");
        var status = new Option<string?>("--status") { Description = "Matrix status or assessment (e.g. implemented, follow-up-reported); for replies draft or submitted" };
        var tag = new Option<string?>("--tag") { Description = "Only items with this accepted tag: vocabulary:code (themes:training) or a code (recommendations, assessments and the matrix: the recommendation's; replies: the reply's)" };
        var language = new Option<string?>("--language", "--lang") { Description = "Only text in this language: en or fr (recommendations: a French translation stands in for the English text; the matrix: every cell, its recommendation's text in that language where translated and up to date)" };
        language.AcceptOnlyFromAmong([.. Exports.Languages]);
        var translatedOnly = new Option<bool>("--translated-only") { Description = "The matrix, with --language: only the cells whose recommendation is available in that language" };
        var onlyPublic = new Option<bool>("--public") { Description = "Only what the public site shows (submitted replies, no names of who recorded assessments)" };
        var data = DataOption.Create();
        var command = new Command("export", "Export recommendations, replies, assessments (with history) or the compliance matrix as CSV, XLSX or JSON")
        {
            dataset, format, output, body, round, party, chapter, strength, addressee, status, tag, language, translatedOnly, onlyPublic, data,
        };
        command.SetAction(async (result, ct) =>
        {
            var which = ExportNames.Dataset(result.GetValue(dataset))!.Value;
            var path = result.GetValue(output)!;
            var how = ExportNames.Format(result.GetValue(format) ?? Path.GetExtension(path).TrimStart('.')) ?? ExportFormat.Csv;
            var filter = new ExportFilter(result.GetValue(body), result.GetValue(round), result.GetValue(party), result.GetValue(chapter),
                result.GetValue(strength), result.GetValue(addressee), result.GetValue(status), result.GetValue(tag), result.GetValue(language),
                result.GetValue(translatedOnly));
            var store = DataStore.Open(result.GetValue(data));
            if (!File.Exists(store.DatabaseFile)) return CommandLine.Fail($"{store.Directory}: no data store here (run 'rapporteur import' first)");
            await using var db = store.CreateContext();
            var (table, error) = await Exports.OpenAsync(db, which, filter, result.GetValue(onlyPublic) ? ExportViewer.Public : ExportViewer.Everything, ct);
            if (error is not null) return CommandLine.Fail(error.Message.TrimEnd('.'));
            return await WriteAsync(path, table!, how, ct);
        });
        return command;
    }

    private static async Task<int> WriteAsync(string path, ExportTable table, ExportFormat format, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return CommandLine.Fail($"{path}: is a folder; give a file name");
        if (!Directory.Exists(Path.GetDirectoryName(full))) return CommandLine.Fail($"{path}: cannot write: the folder {Path.GetDirectoryName(full)} does not exist");
        var temporary = full + ".partial";
        var moved = false;
        try
        {
            long rows;
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                rows = await ExportWriter.WriteAsync(table, format, stream, ct);
            File.Move(temporary, full, overwrite: true);
            moved = true;
            Console.WriteLine(FormattableString.Invariant($"wrote {path} ({rows:N0} rows)"));
            return CommandLine.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CommandLine.Fail($"{path}: cannot write: {e.Message}");
        }
        finally
        {
            // Whatever stopped the export (a full disk, a database error, Ctrl+C), no half-written file is left.
            if (!moved) TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write failed already; that is the error to report.
        }
    }
}
