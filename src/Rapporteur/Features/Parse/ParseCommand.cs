using System.CommandLine;
using System.Text;
using Rapporteur.Core.Import;
using Rapporteur.Cli;
using Rapporteur.Core.Render;
using static Rapporteur.Cli.CommandLine;

namespace Rapporteur.Features.Parse;

/// <summary><c>rapporteur parse FILE [--kind K] [--format json|text|markdown]</c>: reads one document into the model
/// and prints it, with the warnings that say what could not be placed.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The document: .txt, .md, .docx or .pdf" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: json (the contract other tools read), text (an outline for people) or markdown",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("json", "text", "markdown");
        var documentOptions = new DocumentOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };

        var command = new Command("parse", "Read a document (reply, factsheet, report, recommendation list) into the model and print it")
        {
            file, format, output,
        };
        documentOptions.AddTo(command);
        command.SetAction(result =>
        {
            var options = documentOptions.Read(result);
            var path = result.GetValue(file)!;
            var parsed = DocumentImporter.Default.ImportFile(path, options);
            if (!parsed.Success) return Fail(parsed.Error!.ToString());
            var text = result.GetValue(format) switch
            {
                "json" => ParseResultJson.Render(parsed.Value!) + "\n",
                "markdown" => MarkdownRenderer.Render(parsed.Value!),
                _ => OutlineRenderer.Render(parsed.Value!),
            };
            if (result.GetValue(output) is { Length: > 0 } target)
            {
                try
                {
                    File.WriteAllText(target, text, new UTF8Encoding(false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Fail($"{target}: cannot write: {e.Message}");
                }
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stdout.Write(bytes);
            }
            return Ok;
        });
        return command;
    }
}
