using System.CommandLine;

namespace Rapporteur.Cli;

/// <summary>Exit codes and error output shared by every command: one readable line on stderr, never a stack trace.</summary>
internal static class CommandLine
{
    public const int Ok = 0;

    /// <summary>Bad input: a file that cannot be read, an unsupported format, a wrong option value.</summary>
    public const int BadInput = 2;

    /// <summary>Something went wrong that is not the input's fault.</summary>
    public const int InternalError = 1;

    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = string.Join(' ', parsed.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
            Console.Error.WriteLine($"rapporteur: {message} (see 'rapporteur --help')");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not bad input: still one line (the type says where to look), and a distinct exit code.
            Console.Error.WriteLine($"rapporteur: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return InternalError;
        }
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"rapporteur: {message.ReplaceLineEndings(" ")}");
        return BadInput;
    }
}
