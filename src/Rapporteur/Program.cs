using System.CommandLine;
using Rapporteur.Cli;
using Rapporteur.Features.Parse;

// rapporteur: the command line of the monitoring platform. Each use case lives in Features/<UseCase>.
var root = new RootCommand("Rapporteur — runs a treaty body's monitoring procedure: import, analyse, publish.")
{
    ParseCommand.Create(),
};

return CommandLine.Run(root, args);
