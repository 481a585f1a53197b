using System.CommandLine;

namespace Rapporteur.Cli;

/// <summary>Exit codes and error output shared by every command: one readable line on stderr, never a stack trace.</summary>
internal static class CommandLine
{
    public const int Ok = 0;

    /// <summary>Bad input: a file that cannot be read, an unsupported format, a wrong option value.</summary>
    public const int BadInput = 2;

    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = string.Join(' ', parsed.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
            Console.Error.WriteLine($"rapporteur: {message} (see 'rapporteur --help')");
            return BadInput;
        }
        return parsed.Invoke();
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"rapporteur: {message.ReplaceLineEndings(" ")}");
        return BadInput;
    }
}
