using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;
using Rapporteur.Core.Render.Documents;
using Rapporteur.Core.Render.Docx;
using Rapporteur.Core.Render.Pdf;

namespace Rapporteur.Benchmarks;

/// <summary>
/// <c>render</c>: how long a factsheet PDF takes to render, next to an anchor measured in the same run on the same
/// machine — LibreOffice converting the DOCX our renderer writes of the same factsheet to PDF
/// (<c>libreoffice --headless --convert-to pdf</c>, process start included, as a publishing script would run it);
/// target ≥ 10× faster. Then a synthetic round: 48 Parties' factsheets made from the fixture factsheet's text (its
/// Party's name replaced), all rendered to PDF one after the other as <c>rapporteur render factsheet --all-parties</c>
/// does; target under 5 s. The load average and the CPU time are printed beside the wall times; <c>--keep DIR</c>
/// writes the corpus factsheet's PDF and the first synthetic one there, to look at.
/// </summary>
internal static class RenderBench
{
    private const string CorpusFactsheet = "netherlands-factsheet.txt";
    private const string Fixture = "tests/Rapporteur.Core.Tests/Fixtures/factsheets/ruritania-factsheet.txt";
    private const double TargetRatio = 10;
    private const double TargetRoundSeconds = 5;
    private const int Parties = 48;

    public static int Run(string corpus, string[] args)
    {
        var iterations = 20;
        var anchorRuns = 3;
        string? office = FindOffice();
        string? keep = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--iterations" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0) { iterations = n; i++; continue; }
            if (args[i] is "--anchor-runs" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var a) && a > 0) { anchorRuns = a; i++; continue; }
            if (args[i] is "--no-libreoffice") { office = null; continue; }
            if (args[i] is "--keep" && i + 1 < args.Length) { keep = args[++i]; continue; }
            Console.Error.WriteLine($"rapporteur-bench: unknown argument '{args[i]}'; usage: render [--iterations N] [--anchor-runs N] [--no-libreoffice] [--keep DIR]");
            return 1;
        }
        var fixture = FindUp(Fixture);
        if (fixture is null)
        {
            Console.Error.WriteLine($"rapporteur-bench: {Fixture} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
            return 2;
        }

        Console.WriteLine("Factsheet rendering: PDF per factsheet against LibreOffice converting our DOCX of it; a synthetic round of 48 Parties.");
        Console.WriteLine(Invariant($".NET {Environment.Version}, {Environment.OSVersion}, {Environment.ProcessorCount} logical cores, corpus {corpus}"));
        if (IsDebugBuild()) Console.WriteLine("WARNING: Rapporteur.Core is a Debug build; run with -c Release for figures worth quoting.");
        // Wall times mean little on a busy machine: say how busy it was, and give the process's CPU time beside them.
        Console.WriteLine($"Load average at start: {LoadAverage()}");
        Console.WriteLine();

        // 1. The corpus factsheet: our PDF, and LibreOffice's PDF of our DOCX.
        var parsed = Import(Path.Combine(corpus, Corpus.TextFolder, CorpusFactsheet), null);
        var publication = FactsheetDocument.From(parsed.Factsheet!, parsed.Recommendations, parsed.Body);
        var pdf = new PdfRenderer();
        var (median, min, cpu, bytes, pages) = TimePdf(pdf, publication, iterations);
        Console.WriteLine(Invariant($"| {CorpusFactsheet} | ours: PdfRenderer | {iterations} renders after warm-up | median {median * 1000:N1} ms | min {min * 1000:N1} ms | CPU {cpu * 1000:N1} ms per render | {bytes:N0} bytes, {pages} pages |"));

        if (office is null)
        {
            Console.WriteLine("Anchor skipped: LibreOffice not found (apt-get install -y libreoffice-writer-nogui) or --no-libreoffice.");
        }
        else
        {
            var work = Directory.CreateTempSubdirectory("rapporteur-bench-render-");
            try
            {
                var docx = Path.Combine(work.FullName, "factsheet.docx");
                using (var stream = File.Create(docx)) new DocxRenderer().Render(publication, stream);
                var profile = new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri;
                // The first run creates LibreOffice's user profile: a warm-up, not timed.
                var warm = Convert(office, profile, docx, work.FullName);
                var times = Enumerable.Range(0, anchorRuns).Select(_ => Convert(office, profile, docx, work.FullName)).ToList();
                var anchor = Median(times);
                var output = Path.Combine(work.FullName, "factsheet.pdf");
                Console.WriteLine(Invariant($"| {CorpusFactsheet} | anchor: {Path.GetFileName(office)} --headless --convert-to pdf (our DOCX) | {anchorRuns} runs after a {warm:N1} s first run | median {anchor * 1000:N0} ms | min {times.Min() * 1000:N0} ms | {new FileInfo(output).Length:N0} bytes |"));
                Console.WriteLine();
                Console.WriteLine(Invariant($"Ratio (anchor ÷ ours, medians): {anchor / median:N0}× — target ≥ {TargetRatio:N0}×: {(anchor / median >= TargetRatio ? "met" : "MISSED")}"));
                Console.WriteLine($"LibreOffice: {Version(office)}");
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }
        Console.WriteLine();

        // 2. A synthetic round of 48 Parties, from the fixture factsheet's shape.
        var text = File.ReadAllText(fixture);
        // Names of letters only: digits or Roman numerals in running text could be read as footnote markers or chapters.
        string[] prefixes = ["Al", "Bel", "Cor", "Dor", "El", "Fen", "Gal", "Hal"], suffixes = ["doria", "mar", "ovia", "esia", "land", "stan"];
        var names = prefixes.SelectMany(p => suffixes.Select(s => p + s)).ToList();
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var sheets = names.Take(Parties).Select(name =>
        {
            var own = text.Replace("Ruritania", name, StringComparison.Ordinal).Replace("RURITANIA", name.ToUpperInvariant(), StringComparison.Ordinal);
            var result = DocumentImporter.Default.ImportText($"{name}-factsheet.txt", own, new ImportOptions { Kind = DocumentKind.Factsheet, Party = new Party(name), Round = 3 });
            var value = result.Value ?? throw new InvalidOperationException(result.Error?.ToString());
            shapes.Add(Invariant($"{value.Factsheet!.Chapters.Count} chapters, {value.Recommendations.Count} recommendations, {value.Boxes.Count} boxes, {value.Footnotes.Count} footnotes"));
            return FactsheetDocument.From(value.Factsheet!, value.Recommendations, value.Body);
        }).ToList();
        Console.WriteLine($"Synthetic factsheets parsed as: {string.Join(" / ", shapes)}");
        if (keep is not null)
        {
            // What the round produces, to look at: the corpus factsheet and the first synthetic one.
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, "corpus-factsheet.pdf"), Render(pdf, publication));
            File.WriteAllBytes(Path.Combine(keep, "synthetic-factsheet.pdf"), Render(pdf, sheets[0]));
            Console.WriteLine($"PDFs written to {keep}");
        }
        // Warm-up: one pass over a few, so the round measures rendering, not the JIT.
        foreach (var sheet in sheets.Take(3)) Render(pdf, sheet);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var round = Stopwatch.StartNew();
        long total = 0;
        foreach (var sheet in sheets) total += Render(pdf, sheet).Length;
        round.Stop();
        var roundCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var parallel = Stopwatch.StartNew();
        Parallel.ForEach(sheets, sheet => Render(pdf, sheet));
        parallel.Stop();
        var seconds = round.Elapsed.TotalSeconds;
        Console.WriteLine(Invariant($"Synthetic round: {Parties} factsheets ({Path.GetFileName(fixture)} with the Party renamed), PDF, one after the other: {seconds:N2} s wall, {roundCpu:N2} s CPU ({seconds / Parties * 1000:N1} ms each, {total:N0} bytes) — target < {TargetRoundSeconds:N0} s (wall): {(seconds < TargetRoundSeconds ? "met" : "MISSED")}"));
        Console.WriteLine(Invariant($"The same on {Environment.ProcessorCount} threads (Parallel.ForEach): {parallel.Elapsed.TotalSeconds:N2} s"));
        var heavy = Stopwatch.StartNew();
        for (var i = 0; i < Parties; i++) Render(pdf, publication);
        heavy.Stop();
        Console.WriteLine(Invariant($"For scale, {Parties} factsheets the size of {CorpusFactsheet}, one after the other: {heavy.Elapsed.TotalSeconds:N2} s"));
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
        return 0;
    }

    private static ParsedDocument Import(string path, ImportOptions? options)
    {
        var result = DocumentImporter.Default.ImportFile(path, options);
        return result.Value ?? throw new InvalidOperationException(result.Error?.ToString());
    }

    private static byte[] Render(PdfRenderer renderer, Publication publication)
    {
        using var stream = new MemoryStream();
        renderer.Render(publication, stream);
        return stream.ToArray();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" ({Environment.ProcessorCount} cores)" : "unknown";

    private static (double Median, double Min, double Cpu, int Bytes, int Pages) TimePdf(PdfRenderer renderer, Publication publication, int iterations)
    {
        // Warm-up until tiered compilation has settled (as the throughput mode does): 1 s at least.
        var warm = Stopwatch.StartNew();
        var bytes = Render(renderer, publication);
        while (warm.Elapsed < TimeSpan.FromSeconds(1)) bytes = Render(renderer, publication);
        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            Render(renderer, publication);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        var cpuPerRender = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / iterations;
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var pages = System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page[^s]");
        return (Median(times), times.Min(), cpuPerRender, bytes.Length, pages);
    }

    private static double Convert(string office, string profile, string docx, string outdir)
    {
        var start = new ProcessStartInfo(office) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { $"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", outdir, docx }) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {office}");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0 || !File.Exists(Path.ChangeExtension(Path.Combine(outdir, Path.GetFileName(docx)), ".pdf")))
            throw new InvalidOperationException($"{office} failed ({process.ExitCode}): {stderr.Result}");
        return clock.Elapsed.TotalSeconds;
    }

    private static string? FindOffice() =>
        new[] { "/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/local/bin/libreoffice" }.FirstOrDefault(File.Exists);

    private static string Version(string office)
    {
        var start = new ProcessStartInfo(office, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start);
        var text = process?.StandardOutput.ReadToEnd().Trim() ?? "";
        process?.WaitForExit();
        return text;
    }

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        return null;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static bool IsDebugBuild() =>
        typeof(PdfRenderer).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
