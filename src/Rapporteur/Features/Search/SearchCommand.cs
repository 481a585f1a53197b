using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rapporteur.Cli;
using Rapporteur.Data;
using Rapporteur.Data.Search;

namespace Rapporteur.Features.Search;

/// <summary>
/// <c>rapporteur search "sexual extortion" [--party P] [--strength S] [--type T] [--round N] [--limit N] [--format json|text]</c>:
/// the same search as the web app's, with public visibility — the command line has no signed-in user, so drafts are
/// never printed, whoever runs it.
/// </summary>
internal static class SearchCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Words (all required), \"a phrase\", prefix*, a OR b, -excluded" };
        var data = DataOption.Create();
        var format = new Option<string>("--format") { Description = "json or text", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var body = new Option<string?>("--body") { Description = "Only this treaty body (e.g. Lanzarote)" };
        var round = new Option<int?>("--round") { Description = "Only this monitoring round" };
        var party = new Option<string?>("--party") { Description = "Only this Party" };
        var section = new Option<string?>("--section") { Description = "Only this questionnaire section or chapter (e.g. Prevention, II)" };
        var strength = new Option<string?>("--strength") { Description = "Only recommendations of this strength (e.g. require, request, invite)" };
        var addressee = new Option<string?>("--addressee") { Description = "Only recommendations to one Party (party) or to all Parties (all)" };
        var type = new Option<string?>("--type") { Description = $"Only this type: {string.Join(", ", SearchTypes.All)}" };
        var boxType = new Option<string?>("--box-type") { Description = "Only boxes of this type: followUp, promisingPractice, clarificationNote" };
        var compliance = new Option<string?>("--compliance") { Description = "Only recommendations assessed with this status (e.g. implemented)" };
        var language = new Option<string?>("--language") { Description = "Only text in this language: en or fr" };
        var tag = new Option<string?>("--tag") { Description = "Only items with this accepted tag (vocabulary:code, e.g. themes:training, or a code)" };
        var limit = new Option<int>("--limit") { Description = $"At most this many results (1-{SearchEngine.MaxLimit})", DefaultValueFactory = _ => SearchInput.DefaultLimit };
        var offset = new Option<int>("--offset") { Description = "Skip this many results (paging)", DefaultValueFactory = _ => 0 };
        var command = new Command("search", "Search the stored documents (public visibility: drafts are never shown)")
        {
            query, data, format, body, round, party, section, strength, addressee, type, boxType, compliance, language, tag, limit, offset,
        };
        command.SetAction(async (result, ct) =>
        {
            var filters = new SearchFilters
            {
                Body = result.GetValue(body), Round = result.GetValue(round), Party = result.GetValue(party), Section = result.GetValue(section),
                Strength = result.GetValue(strength), Addressee = result.GetValue(addressee), Type = result.GetValue(type),
                BoxType = result.GetValue(boxType), Compliance = result.GetValue(compliance), Language = result.GetValue(language), Tag = result.GetValue(tag),
            };
            var (request, error) = SearchInput.Create(result.GetValue(query), filters, result.GetValue(offset), result.GetValue(limit));
            if (request is null) return CommandLine.Fail(error!);
            var store = DataStore.Open(result.GetValue(data));
            if (!store.Exists) return CommandLine.Fail($"{store.Description}: no database here (import documents first, or give --data)");
            SearchResults found;
            TimeSpan elapsed;
            try
            {
                // Brings an older database up to date, and indexes it if it has never been.
                await store.MigrateAsync(ct);
                await using var db = store.CreateContext();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                found = await SearchEngine.SearchAsync(db, request, SearchViewer.Public, ct);
                elapsed = clock.Elapsed;
            }
            catch (System.Data.Common.DbException e)
            {
                return CommandLine.Fail($"{store.Description}: {e.Message.ReplaceLineEndings(" ")}");
            }
            if (result.GetValue(format) == "json") WriteJson(found, request);
            else WriteText(found, request, elapsed);
            return CommandLine.Ok;
        });
        return command;
    }

    /// <summary>The contract other tools read: <c>{ total, totalIsLowerBound, rankedOver, results: [{ type, id, party, round, title, snippet, url }], facets }</c>.</summary>
    private static void WriteJson(SearchResults found, SearchRequest request)
    {
        var response = SearchApi.ToResponse(found, request);
        Console.WriteLine(JsonSerializer.Serialize(new { response.Total, response.TotalIsLowerBound, response.RankedOver, response.Results, response.Facets }, Json));
    }

    private static void WriteText(SearchResults found, SearchRequest request, TimeSpan elapsed)
    {
        var shown = found.Hits.Count == 0 ? "" : $"{request.Offset + 1}-{request.Offset + found.Hits.Count} shown, ";
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{found.Total}{(found.TotalIsLowerBound ? "+" : "")} result{(found.Total == 1 ? "" : "s")} for {request.Query} ({shown}{elapsed.TotalMilliseconds:0.0} ms)"));
        foreach (var hit in found.Hits)
        {
            Console.WriteLine();
            Console.WriteLine($"{hit.Title}  [{hit.Type} {hit.Id} · {hit.Body} round {hit.Round}{(hit.Party is { } p ? " · " + p : "")}]");
            Console.WriteLine($"  {SearchSnippet.ToText(hit.Snippet, "**", "**")}");
            Console.WriteLine($"  {hit.Url}");
        }
    }
}
