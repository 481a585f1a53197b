using System.CommandLine;
using System.Diagnostics;
using Rapporteur.Cli;
using Rapporteur.Data;
using Rapporteur.Data.Search;

namespace Rapporteur.Features.Search;

/// <summary><c>rapporteur reindex [--data DIR]</c>: rebuilds the search index from what is stored, in one transaction
/// (searches see the old index until it commits). Every save keeps the index in step; this is for after bulk SQL, a
/// restore, or a change in how things are indexed.</summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var data = DataOption.Create();
        var command = new Command("reindex", "Rebuild the search index from the stored documents") { data };
        command.SetAction(async (result, ct) =>
        {
            var store = DataStore.Open(result.GetValue(data));
            if (!store.Exists) return CommandLine.Fail($"{store.Description}: no database here (import documents first, or give --data)");
            try
            {
                await store.MigrateAsync(rebuildSearch: false, ct); // the rebuild below serves any a migration asked for
                await using var db = store.CreateContext();
                var clock = Stopwatch.StartNew();
                var count = await SearchIndexer.RebuildAsync(db, ct);
                Console.WriteLine($"{store.Description}: indexed {count} documents in {clock.ElapsedMilliseconds} ms");
                return CommandLine.Ok;
            }
            catch (System.Data.Common.DbException e)
            {
                return CommandLine.Fail($"{store.Description}: {e.Message.ReplaceLineEndings(" ")}");
            }
        });
        return command;
    }
}
