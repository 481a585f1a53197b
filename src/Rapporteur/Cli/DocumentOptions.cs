using System.CommandLine;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Cli;

/// <summary>The options every command that reads documents shares: --kind, --body, --party, --round.</summary>
internal sealed class DocumentOptions
{
    public Option<string> Kind { get; } = new("--kind", "-k")
    {
        Description = "What the document is: auto, reply, factsheet, report or recommendations",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> Body { get; } = new("--body")
    {
        Description = "Treaty body whose strength vocabulary applies: lanzarote, greta, grevio or upr",
        DefaultValueFactory = _ => "lanzarote",
    };

    public Option<string?> Party { get; } = new("--party") { Description = "The Party the document concerns, when it does not say" };

    public Option<int?> Round { get; } = new("--round") { Description = "The monitoring round, when the document does not say" };

    public DocumentOptions()
    {
        Kind.AcceptOnlyFromAmong("auto", "reply", "factsheet", "report", "recommendations");
        Body.AcceptOnlyFromAmong("lanzarote", "greta", "grevio", "upr");
        Round.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--round must be 1 or more");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Kind);
        command.Options.Add(Body);
        command.Options.Add(Party);
        command.Options.Add(Round);
    }

    public ImportOptions Read(System.CommandLine.ParseResult result) => new()
    {
        Kind = result.GetValue(Kind) switch
        {
            "reply" => DocumentKind.Reply,
            "factsheet" => DocumentKind.Factsheet,
            "report" => DocumentKind.Report,
            "recommendations" => DocumentKind.Recommendations,
            _ => null,
        },
        Body = TreatyBody.FindByShortName(result.GetValue(Body)!) ?? TreatyBody.Lanzarote,
        Party = result.GetValue(Party) is { Length: > 0 } p ? new Party(p) : null,
        Round = result.GetValue(Round),
    };
}

/// <summary>The --data option: the folder that holds the database and uploaded files.</summary>
internal static class DataOption
{
    public static Option<string?> Create() => new("--data")
    {
        Description = "The data folder (database and files). Default: $RAPPORTEUR_DATA, else the per-user data folder",
    };
}
