using System.Diagnostics;

namespace Rapporteur.Tests.Support;

/// <summary>Runs the built <c>rapporteur</c> as a separate process, as a user would.</summary>
public static class RapporteurProcess
{
    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs with <paramref name="input"/> on standard input (e.g. a password).</summary>
    public static (int Code, string Out, string Err) RunWithInput(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rapporteur.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        if (input is not null) process.StandardInput.WriteLine(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
