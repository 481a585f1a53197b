using Rapporteur.Core.Import;
using static Rapporteur.Benchmarks.Measurement;

namespace Rapporteur.Benchmarks;

/// <summary>
/// Time of <see cref="DocumentImporter.ImportFile"/> on one PDF (PdfPig text layer → lines → kind detection →
/// structure parser), warm, median of several runs. <c>bench/run</c> times poppler's <c>pdftotext</c> on the same file.
/// </summary>
internal static class PdfImport
{
    private const string Usage = "pdf FILE.pdf [--runs R] [--tsv]";

    public static int Run(string[] args)
    {
        var files = new List<string>();
        var options = Options(args, ["--runs"], ["--tsv"], Usage, files);
        if (options is null) return 1;
        if (files.Count != 1 || !File.Exists(files[0]))
        {
            Console.Error.WriteLine($"rapporteur-bench: {(files.Count == 1 ? $"{files[0]}: file not found" : "one PDF file expected")}; usage: {Usage}");
            return 2;
        }
        var path = Path.GetFullPath(files[0]);
        var runs = (int)options.GetValueOrDefault("--runs", 5);
        var tsv = options.ContainsKey("--tsv");
        var report = tsv ? Console.Error : Console.Out;

        var last = DocumentImporter.Default.ImportFile(path);
        if (!last.Success)
        {
            Console.Error.WriteLine($"rapporteur-bench: {last.Error}");
            return 2;
        }
        var warmUp = WarmUp(() => last = DocumentImporter.Default.ImportFile(path));
        var samples = new List<Sample>();
        for (var r = 0; r < runs; r++) samples.Add(Time(() => last = DocumentImporter.Default.ImportFile(path)));

        var bytes = new FileInfo(path).Length;
        var median = Median(samples.Select(s => s.Seconds));
        var cpu = Median(samples.Select(s => s.CpuSeconds));
        var (fastest, slowest) = (samples.Min(s => s.Seconds), samples.Max(s => s.Seconds));
        report.WriteLine(Invariant($"PDF import of {path} ({bytes:N0} bytes), one thread, median of {runs} runs after a {warmUp:N1} s warm-up."));
        report.WriteLine(Invariant($"Imported as {last.Value!.Kind}, {last.Warnings.Count} warnings."));
        report.WriteLine();
        report.WriteLine("| file | bytes | median s | min s | max s | CPU s (median) |");
        report.WriteLine("|---|---:|---:|---:|---:|---:|");
        report.WriteLine(Invariant($"| {Path.GetFileName(path)} | {bytes:N0} | {median:N4} | {fastest:N4} | {slowest:N4} | {cpu:N4} |"));
        if (tsv)
        {
            Console.WriteLine("#kind\tfile\tbytes\truns\tseconds_median\tseconds_min\tseconds_max\tcpu_seconds_median");
            Console.WriteLine(Invariant($"pdf\t{Path.GetFileName(path)}\t{bytes}\t{runs}\t{median:0.00000}\t{fastest:0.00000}\t{slowest:0.00000}\t{cpu:0.00000}"));
        }
        return 0;
    }
}
