using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using Rapporteur.Core.Import;

namespace Rapporteur.Benchmarks;

/// <summary>One timed run: wall-clock seconds and the CPU seconds the process used meanwhile.</summary>
internal readonly record struct Sample(double Seconds, double CpuSeconds);

/// <summary>What the plain (non-BenchmarkDotNet) modes share: warm-up, timing, medians, options.</summary>
internal static class Measurement
{
    public const double Megabyte = 1_000_000; // MB = 10^6 bytes, as wc and disks count.

    /// <summary>
    /// Calls <paramref name="work"/> in rounds of 0.5 s until two rounds in a row compiled no method (at least 2 s,
    /// at most 30 s), and returns the seconds it took. With tiered compilation and dynamic PGO, hot methods go through
    /// instrumented tiers on a background thread; a warm-up that stopped when a round was "no faster than the one
    /// before" stopped after 2 s on a loaded 2-core machine and measured the factsheet at a third of its steady speed.
    /// The JIT's own count of compiled methods says when the code has settled, whatever the load.
    /// </summary>
    public static double WarmUp(Action work)
    {
        var clock = Stopwatch.StartNew();
        var quietRounds = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var round = Stopwatch.StartNew();
            var calls = 0;
            while (round.Elapsed < TimeSpan.FromSeconds(0.5) || calls < 3)
            {
                work();
                calls++;
            }
            quietRounds = JitInfo.GetCompiledMethodCount() == compiled ? quietRounds + 1 : 0;
            if (quietRounds >= 2 && clock.Elapsed >= TimeSpan.FromSeconds(2)) break;
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Times one call, after a full collection so that no earlier garbage is paid for inside it.</summary>
    public static Sample Time(Action work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        clock.Stop();
        process.Refresh();
        return new Sample(clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static bool IsDebugBuild() =>
        typeof(DocumentImporter).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;

    public static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Reads "--name value" options with positive numbers and "--flag" switches; null and a message when an
    /// argument is not one of them.</summary>
    public static Dictionary<string, double>? Options(string[] args, IReadOnlyCollection<string> numbers, IReadOnlyCollection<string> flags,
        string usage, List<string>? positional = null)
    {
        var options = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (flags.Contains(args[i]))
            {
                options[args[i]] = 1;
                continue;
            }
            if (numbers.Contains(args[i]) && i + 1 < args.Length
                && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                options[args[i]] = value;
                i++;
                continue;
            }
            if (positional is not null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            Console.Error.WriteLine($"rapporteur-bench: unknown argument '{args[i]}'; usage: {usage}");
            return null;
        }
        return options;
    }
}
