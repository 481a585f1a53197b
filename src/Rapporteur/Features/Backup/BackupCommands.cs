using System.CommandLine;
using System.Data.Common;
using Rapporteur.Cli;
using Rapporteur.Data;

namespace Rapporteur.Features.Backup;

/// <summary><c>rapporteur backup --data DIR -o FILE</c> (online: the server may keep running) and
/// <c>rapporteur restore FILE --data NEWDIR [--force]</c>.</summary>
internal static class BackupCommands
{
    public static Command Backup()
    {
        var data = DataOption.Create();
        var output = new Option<string>("--output", "-o") { Description = "The archive to write (a zip with manifest.json)", Required = true };
        var command = new Command("backup", "Copy the database and the data folder's files into one archive, while the server runs") { data, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var store = DataStore.Open(result.GetValue(data));
            var file = result.GetValue(output)!;
            try
            {
                var manifest = await Backups.CreateAsync(store, file, TimeProvider.System, cancellationToken);
                Console.WriteLine($"wrote {file}: {manifest.Provider} schema {manifest.Migration}, {manifest.RowCounts.Values.Sum()} rows in {manifest.RowCounts.Count} tables, {manifest.Parts.Count} parts");
                return CommandLine.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or DbException)
            {
                return CommandLine.Fail($"backup of {store.Description}: {e.Message}");
            }
        });
        return command;
    }

    public static Command Restore()
    {
        var archive = new Argument<string>("file") { Description = "An archive written by 'rapporteur backup'" };
        var data = DataOption.Create();
        var force = new Option<bool>("--force") { Description = "Replace what the target folder (or database) already holds" };
        var command = new Command("restore", "Restore a backup archive into an empty data folder (or database), after checking it against its manifest")
        {
            archive, data, force,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var store = DataStore.Open(result.GetValue(data));
            var file = result.GetValue(archive)!;
            try
            {
                var manifest = await Backups.RestoreAsync(file, store, result.GetValue(force), cancellationToken);
                Console.WriteLine($"restored {file} ({manifest.CreatedAt:u}, schema {manifest.Migration}) into {store.Description}: {manifest.RowCounts.Values.Sum()} rows in {manifest.RowCounts.Count} tables checked");
                return CommandLine.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or DbException)
            {
                return CommandLine.Fail(e.Message);
            }
        });
        return command;
    }
}
