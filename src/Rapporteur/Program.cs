using Rapporteur.Cli;

// rapporteur: the command line of the monitoring platform. Commands live in Features/<UseCase>/; Cli/ holds the
// command tree and the shared exit-code and error-line conventions.
return CommandLine.Run(RapporteurCommand.Create(), args);
