using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Rapporteur.Core.Import;

namespace Rapporteur.Benchmarks;

/// <summary>
/// Plain throughput of <see cref="DocumentImporter.ImportText"/> on one thread, per corpus text file, next to an
/// anchor measured in the same run on the same machine: <c>wc</c> over the same bytes.
/// </summary>
internal static class Throughput
{
    private const double Megabyte = 1_000_000; // MB = 10^6 bytes, as wc and disks count.
    private const double TargetMbPerSecond = 50;
    private const string Wc = "/usr/bin/wc";

    public static int Run(string corpus, string[] args)
    {
        var mb = 50.0;
        for (var i = 0; i < args.Length; i++)
        {
            if (string.Equals(args[i], "--mb", StringComparison.Ordinal) && i + 1 < args.Length
                && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                mb = value;
                i++;
                continue;
            }
            Console.Error.WriteLine($"rapporteur-bench: unknown argument '{args[i]}'; usage: throughput [--mb N]");
            return 1;
        }

        var target = (long)Math.Ceiling(mb * Megabyte);
        var files = Corpus.TextFiles(corpus);
        Console.WriteLine(Invariant($"Text import throughput, one thread, ≥ {mb:0.##} MB per file (MB = 10^6 bytes of UTF-8 input)."));
        Console.WriteLine(Invariant($".NET {Environment.Version}, {Environment.OSVersion}, {Environment.ProcessorCount} logical cores, corpus {corpus}"));
        if (IsDebugBuild()) Console.WriteLine("WARNING: Rapporteur.Core is a Debug build; run with -c Release for figures worth quoting.");
        Console.WriteLine();

        var rows = new List<(string Name, byte[] Bytes, double MbPerSecond)>();
        var outcomes = new List<string>();
        Console.WriteLine("| file | bytes | iterations | MB processed | seconds | MB/s | target (≥ 50 MB/s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var text = File.ReadAllText(path);
            var bytes = Encoding.UTF8.GetBytes(text);
            var (iterations, seconds, warmUp, last) = Measure(name, text, bytes.Length, target);
            var processed = (double)iterations * bytes.Length / Megabyte;
            var rate = processed / seconds;
            rows.Add((name, bytes, rate));
            Console.WriteLine(Invariant(
                $"| {name} | {bytes.Length:N0} | {iterations:N0} | {processed:N1} | {seconds:N3} | {rate:N1} | {(rate >= TargetMbPerSecond ? "met" : "MISSED")} |"));
            outcomes.Add(last.Success
                ? Invariant($"- {name}: imported as {last.Value!.Kind}, {last.Warnings.Count} warnings; warm-up {warmUp:N1} s")
                : Invariant($"- {name}: FAILED: {last.Error}; warm-up {warmUp:N1} s"));
        }
        Console.WriteLine();
        Console.WriteLine("Outcome of the last import of each file (a fast failure is not a fast import) and the warm-up it had:");
        foreach (var line in outcomes) Console.WriteLine(line);
        Console.WriteLine();

        if (!File.Exists(Wc))
        {
            Console.WriteLine($"Anchor skipped: {Wc} not found.");
            return 0;
        }
        Console.WriteLine(Invariant($"Anchor, same run: {Wc} over a temp file of each file's bytes repeated to ≥ {mb:0.##} MB (wall time, process start included, median of 3)."));
        Console.WriteLine("`wc -c` on a regular file takes the size from the file system without reading it; `wc -l` reads every byte.");
        Console.WriteLine();
        Console.WriteLine("| file | anchor | anchor bytes | seconds | anchor MB/s | importer MB/s | ratio (importer ÷ anchor) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, bytes, rate) in rows)
        {
            var temp = Path.Combine(Path.GetTempPath(), $"rapporteur-bench-{Environment.ProcessId}-{name}");
            try
            {
                var size = WriteRepeated(temp, bytes, target);
                foreach (var flag in new[] { "-c", "-l" })
                {
                    var seconds = Median(Enumerable.Range(0, 3).Select(_ => TimeWc(flag, temp)));
                    var anchor = size / Megabyte / seconds;
                    Console.WriteLine(Invariant(
                        $"| {name} | wc {flag} | {size:N0} | {seconds:N4} | {anchor:N1} | {rate:N1} | {rate / anchor:N3} |"));
                }
            }
            finally
            {
                File.Delete(temp);
            }
        }
        return 0;
    }

    private static (long Iterations, double Seconds, double WarmUpSeconds, ParseResult<ParsedDocument> Last) Measure(string name, string text, int bytes, long target)
    {
        // Warm-up until tiered compilation has settled: with dynamic PGO, hot methods go through instrumented tiers
        // in the background, and a fixed 1 s warm-up measured the factsheet at half its steady speed on a loaded
        // 2-core machine. Rounds of 0.5 s until one is no faster than the one before (at least 2 s, at most 15 s).
        var warm = Stopwatch.StartNew();
        var last = DocumentImporter.Default.ImportText(name, text);
        var previous = 0.0;
        while (warm.Elapsed < TimeSpan.FromSeconds(15))
        {
            var round = Stopwatch.StartNew();
            long calls = 0;
            while (round.Elapsed < TimeSpan.FromSeconds(0.5) || calls < 3)
            {
                last = DocumentImporter.Default.ImportText(name, text);
                calls++;
            }
            var rate = calls / round.Elapsed.TotalSeconds;
            if (warm.Elapsed >= TimeSpan.FromSeconds(2) && rate < previous * 1.03) break;
            previous = Math.Max(previous, rate);
        }
        var warmUpSeconds = warm.Elapsed.TotalSeconds;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long iterations = 0, processed = 0;
        var clock = Stopwatch.StartNew();
        while (processed < target)
        {
            last = DocumentImporter.Default.ImportText(name, text);
            iterations++;
            processed += bytes;
        }
        clock.Stop();
        return (iterations, clock.Elapsed.TotalSeconds, warmUpSeconds, last);
    }

    private static long WriteRepeated(string path, byte[] bytes, long target)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        long written = 0;
        while (written < target)
        {
            stream.Write(bytes);
            written += bytes.Length;
        }
        return written;
    }

    private static double TimeWc(string flag, string path)
    {
        var start = new ProcessStartInfo(Wc) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(flag);
        start.ArgumentList.Add(path);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Wc}");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Wc} {flag} exited with {process.ExitCode}");
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static bool IsDebugBuild() =>
        typeof(DocumentImporter).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
