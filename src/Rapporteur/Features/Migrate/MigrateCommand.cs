using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Cli;
using Rapporteur.Data;

namespace Rapporteur.Features.Migrate;

/// <summary><c>rapporteur migrate [--data DIR]</c>: creates the database or brings it to the current schema.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var data = DataOption.Create();
        var command = new Command("migrate", "Create the database or apply pending schema migrations") { data };
        command.SetAction(async (result, cancellationToken) =>
        {
            var store = DataStore.Open(result.GetValue(data));
            try
            {
                await using (var db = store.CreateContext())
                {
                    var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                    await store.MigrateAsync(cancellationToken);
                    Console.WriteLine(pending.Count == 0
                        ? $"{store.Description}: up to date"
                        : $"{store.Description}: applied {string.Join(", ", pending)}");
                }
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
