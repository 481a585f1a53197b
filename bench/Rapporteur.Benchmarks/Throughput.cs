using System.Text;
using Rapporteur.Core.Import;
using static Rapporteur.Benchmarks.Measurement;

namespace Rapporteur.Benchmarks;

/// <summary>
/// Plain throughput of <see cref="DocumentImporter.ImportText"/> on one thread, per corpus text file: the file is
/// imported again and again until ≥ N MB of it went through, several times, and the median run is reported. The
/// anchors (<c>cat</c> and <c>wc -c</c> over the same bytes) are timed by <c>bench/run</c>.
/// </summary>
internal static class Throughput
{
    private const double TargetMbPerSecond = 50;
    private const string Usage = "throughput [--mb N] [--runs R] [--tsv]";

    public static int Run(string corpus, string[] args)
    {
        var options = Options(args, ["--mb", "--runs"], ["--tsv"], Usage);
        if (options is null) return 1;
        var mb = options.GetValueOrDefault("--mb", 50);
        var runs = (int)options.GetValueOrDefault("--runs", 5);
        var tsv = options.ContainsKey("--tsv");
        // With --tsv, standard output carries only the records bench/run reads; the table goes to standard error.
        var report = tsv ? Console.Error : Console.Out;

        var target = (long)Math.Ceiling(mb * Megabyte);
        report.WriteLine(Invariant($"Text import throughput, one thread, ≥ {mb:0.##} MB per run, median of {runs} runs (MB = 10^6 bytes of UTF-8 input)."));
        report.WriteLine(Invariant($".NET {Environment.Version}, {Environment.OSVersion}, {Environment.ProcessorCount} logical cores, corpus {corpus}"));
        if (IsDebugBuild()) report.WriteLine("WARNING: Rapporteur.Core is a Debug build; run with -c Release for figures worth quoting.");
        report.WriteLine();
        report.WriteLine("| file | bytes | iterations | MB per run | median s | MB/s median (min–max) | MB/s of CPU time | allocated per import | GCs per import (gen0/gen1) | target (≥ 50 MB/s) |");
        report.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        if (tsv) Console.WriteLine("#kind\tfile\tbytes\titerations\tmegabytes\truns\tseconds_median\tseconds_min\tseconds_max\tcpu_seconds_median");

        var outcomes = new List<string>();
        foreach (var path in Corpus.TextFiles(corpus))
        {
            var name = Path.GetFileName(path);
            var text = File.ReadAllText(path);
            var bytes = Encoding.UTF8.GetByteCount(text);
            var iterations = (int)((target + bytes - 1) / bytes);
            var last = DocumentImporter.Default.ImportText(name, text);
            var warmUp = WarmUp(() => last = DocumentImporter.Default.ImportText(name, text));

            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var (gen0, gen1) = (GC.CollectionCount(0), GC.CollectionCount(1));
            var samples = new List<Sample>();
            for (var r = 0; r < runs; r++)
                samples.Add(Time(() =>
                {
                    for (var i = 0; i < iterations; i++) last = DocumentImporter.Default.ImportText(name, text);
                }));
            var imports = (double)iterations * runs;
            var perImport = (GC.GetAllocatedBytesForCurrentThread() - allocated) / imports;
            var gcs = ((GC.CollectionCount(0) - gen0) / imports, (GC.CollectionCount(1) - gen1) / imports);

            var processed = (double)iterations * bytes / Megabyte;
            var median = Median(samples.Select(s => s.Seconds));
            var cpu = Median(samples.Select(s => s.CpuSeconds));
            var (fastest, slowest) = (samples.Min(s => s.Seconds), samples.Max(s => s.Seconds));
            var rate = processed / median;
            report.WriteLine(Invariant(
                $"| {name} | {bytes:N0} | {iterations:N0} | {processed:N1} | {median:N3} | {rate:N1} ({processed / slowest:N1}–{processed / fastest:N1}) | {processed / cpu:N1} | {perImport / Megabyte:N2} MB | {gcs.Item1:N2}/{gcs.Item2:N2} | {(rate >= TargetMbPerSecond ? "met" : "MISSED")} |"));
            if (tsv) Console.WriteLine(Invariant($"text\t{name}\t{bytes}\t{iterations}\t{processed:0.000}\t{runs}\t{median:0.00000}\t{fastest:0.00000}\t{slowest:0.00000}\t{cpu:0.00000}"));
            outcomes.Add(last.Success
                ? Invariant($"- {name}: imported as {last.Value!.Kind}, {last.Warnings.Count} warnings; warm-up {warmUp:N1} s")
                : Invariant($"- {name}: FAILED: {last.Error}; warm-up {warmUp:N1} s"));
        }
        report.WriteLine();
        report.WriteLine("Outcome of the last import of each file (a fast failure is not a fast import) and the warm-up it had:");
        foreach (var line in outcomes) report.WriteLine(line);
        return 0;
    }
}
