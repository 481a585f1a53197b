using System.CommandLine;
using Rapporteur.Cli;
using Rapporteur.Data;
using Rapporteur.Features.Demo;
using Rapporteur.Web;

namespace Rapporteur.Features.Serve;

/// <summary><c>rapporteur serve [--urls URL] [--data DIR] [--demo]</c>: the web application on the embedded SQLite
/// store, created and migrated at start.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var data = DataOption.Create();
        var demo = new Option<bool>("--demo") { Description = "Load the demo data set (fictional Parties) into an empty database" };
        var command = new Command("serve", "Run the web application") { urls, data, demo };
        command.SetAction(async (result, cancellationToken) =>
        {
            var store = DataStore.Open(result.GetValue(data));
            Console.WriteLine($"data: {store.Directory}");
            try
            {
                // The embedded database is migrated at start; a PostgreSQL server's schema changes only with 'rapporteur migrate'.
                if (store.Provider == DataProvider.Sqlite) await store.MigrateAsync(cancellationToken);
                else if (await PendingAsync(store, cancellationToken) is { Count: > 0 } pending)
                    return CommandLine.Fail($"{store.Description}: the database needs migrations {string.Join(", ", pending)}; run 'rapporteur migrate --data ...' first");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                return CommandLine.Fail($"{store.Description}: cannot open the database: {e.Message.ReplaceLineEndings(" ")}");
            }
            var address = result.GetValue(urls)!;
            await using var app = WebHost.Build(store, [address]);
            if (result.GetValue(demo))
            {
                if (await DemoData.SeedAsync(store, TimeProvider.System, cancellationToken))
                {
                    await DemoAccounts.AddAsync(app.Services);
                    // The tagging sample as a closed round 2, so that the suggestions learn from it and `tags evaluate` runs on the demo.
                    await Tags.TaggedSample.LoadSampleAsync(store, TimeProvider.System, cancellationToken);
                    Console.WriteLine($"demo: loaded the demo data set and the tagging sample (round {Tags.TaggedSample.SampleRound}); demo accounts (password {DemoAccounts.Password}): {string.Join(", ", DemoAccounts.All.Select(a => a.Email))}");
                }
                else
                {
                    Console.WriteLine("demo: the database already has data; the demo data set goes only into an empty one");
                }
            }
            Console.WriteLine($"Rapporteur is serving on {address} (Ctrl+C stops it)");
            await app.RunAsync(cancellationToken);
            return CommandLine.Ok;
        });
        return command;
    }

    private static async Task<List<string>> PendingAsync(DataStore store, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        return [.. await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, ct)];
    }
}
