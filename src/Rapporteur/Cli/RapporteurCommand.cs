using System.CommandLine;
using Rapporteur.Features.Backup;
using Rapporteur.Features.Copy;
using Rapporteur.Features.Export;
using Rapporteur.Features.Import;
using Rapporteur.Features.Migrate;
using Rapporteur.Features.Parse;
using Rapporteur.Features.Render;
using Rapporteur.Features.Search;
using Rapporteur.Features.Serve;
using Rapporteur.Features.Synthetic;
using Rapporteur.Features.Users;

namespace Rapporteur.Cli;

/// <summary>The command tree: one entry per use case folder under Features/.</summary>
internal static class RapporteurCommand
{
    public static RootCommand Create() => new("Rapporteur — runs a treaty body's monitoring procedure: import, analyse, publish.")
    {
        ServeCommand.Create(),
        ParseCommand.Create(),
        ImportCommand.Create(),
        UserCommand.Create(),
        MigrateCommand.Create(),
        RenderCommand.Create(),
        ExportCommand.Create(),
        SearchCommand.Create(),
        ReindexCommand.Create(),
        BackupCommands.Backup(),
        BackupCommands.Restore(),
        CopyCommand.Create(),
        DemoCommand.Create(),
        Features.Tags.TagsCommand.Vocab(),
        Features.Tags.TagsCommand.Tags(),
    };
}
