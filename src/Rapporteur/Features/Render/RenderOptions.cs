using System.CommandLine;
using Rapporteur.Cli;
using Rapporteur.Core.Model;
using Rapporteur.Core.Render;
using Rapporteur.Core.Render.Documents;
using Rapporteur.Data;

namespace Rapporteur.Features.Render;

/// <summary>The options every <c>render</c> command shares (--round, --format, -o, --body, --data), and the steps
/// they share: open the store, find the round, pick the renderer.</summary>
internal sealed class RenderOptions
{
    private readonly Option<int> _round = new("--round") { Description = "The monitoring round", Required = true };
    private readonly Option<string> _format = new("--format", "-f") { Description = "pdf, docx or html", DefaultValueFactory = _ => "pdf" };
    private readonly Option<string> _output = new("--output", "-o") { Description = "The file to write (with --all-parties, the folder)", Required = true };
    private readonly Option<string> _body = new("--body") { Description = "Treaty body: lanzarote, greta, grevio or upr", DefaultValueFactory = _ => "lanzarote" };
    private readonly Option<string?> _data = DataOption.Create();
    private readonly Option<string> _lang = new("--lang") { Description = "en or fr: the fixed text's language, and translations of the content where there are some", DefaultValueFactory = _ => "en" };

    public RenderOptions()
    {
        _format.AcceptOnlyFromAmong(PublicationRenderers.All.Select(r => r.Format).ToArray());
        _body.AcceptOnlyFromAmong("lanzarote", "greta", "grevio", "upr");
        _lang.AcceptOnlyFromAmong("en", "fr");
        _round.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--round must be 1 or more");
        });
    }

    public Command Command(string name, string description, params Option[] own)
    {
        var command = new Command(name, description) { _round, _format, _output, _body, _data, _lang };
        foreach (var option in own) command.Options.Add(option);
        return command;
    }

    /// <summary>The labels of the language --lang names.</summary>
    public DocumentLabels Labels(ParseResult result) => DocumentLabels.For(result.GetValue(_lang)) ?? DocumentLabels.English;

    public TreatyBody Body(ParseResult result) => TreatyBody.FindByShortName(result.GetValue(_body)!) ?? TreatyBody.Lanzarote;

    /// <summary>Opens the store, finds the round and hands the rest to <paramref name="render"/>.</summary>
    public async Task<int> RunAsync(ParseResult result, Func<StoredModel, Data.Entities.Round, IPublicationRenderer, string, Task<int>> render, CancellationToken ct)
    {
        var store = DataStore.Open(result.GetValue(_data));
        if (!File.Exists(store.DatabaseFile)) return CommandLine.Fail($"{store.Directory}: no data store here (run 'rapporteur import' first)");
        await using var db = store.CreateContext();
        var model = new StoredModel(db) { Language = Labels(result).Language };
        var body = Body(result);
        var number = result.GetValue(_round);
        var round = await model.RoundAsync(body, number, ct);
        if (round is null) return CommandLine.Fail($"{body.ShortName} round {number} is not in the data store at {store.Directory}");
        return await render(model, round, PublicationRenderers.For(result.GetValue(_format)!)!, result.GetValue(_output)!);
    }
}
