using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Rapporteur.Benchmarks;

// `throughput [--mb N] [--runs R] [--tsv]`: text import throughput per corpus file, one thread.
// `search ...`: see SearchBench.
// `pdf FILE.pdf [--runs R] [--tsv]`: the time of one PDF import.
// Anything else goes to BenchmarkDotNet (`--filter '*'`, `--list flat`, ...).
if (args.Length > 0 && string.Equals(args[0], "pdf", StringComparison.Ordinal))
    return PdfImport.Run(args[1..]);
// `matrix [--iterations N]`: the compliance matrix of 48 Parties × 300 recommendations (needs no corpus).
if (args.Length > 0 && string.Equals(args[0], "matrix", StringComparison.Ordinal))
    return await MatrixBench.RunAsync(args[1..]);
// `search --sizes 10000,100000 --rapporteur PATH/rapporteur.dll [--runs N] [--tsv]`: FTS5 vs Lucene.NET (no corpus needed).
// `search --data DIR [--runs N]`: the FTS5 query set only, on a folder made by `rapporteur demo --paragraphs N --data DIR --seed 1`.
if (args.Length > 0 && string.Equals(args[0], "search", StringComparison.Ordinal))
    return SearchBench.Run(args[1..]);

var corpus = Corpus.Find(out var lookedFor);
if (corpus is null || Corpus.TextFiles(corpus).Count == 0)
{
    var where = corpus is null ? lookedFor : Path.Combine(corpus, Corpus.TextFolder) + "/*.txt";
    Console.Error.WriteLine($"rapporteur-bench: corpus not found: looked for {where}");
    return 2;
}

// BenchmarkDotNet runs each benchmark in a child process: tell it where the corpus is.
Environment.SetEnvironmentVariable(Corpus.EnvironmentVariable, corpus);

if (args.Length > 0 && string.Equals(args[0], "throughput", StringComparison.Ordinal))
    return Throughput.Run(corpus, args[1..]);
if (args.Length > 0 && string.Equals(args[0], "render", StringComparison.Ordinal))
    return RenderBench.Run(corpus, args[1..]);

// Wide enough for the corpus file names, which BenchmarkDotNet would otherwise cut to "nethe(...)t.txt".
var config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
BenchmarkSwitcher.FromAssembly(typeof(RenderBench).Assembly).Run(args, config);
return 0;
