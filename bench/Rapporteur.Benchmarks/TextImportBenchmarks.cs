using BenchmarkDotNet.Attributes;
using Rapporteur.Core.Import;

namespace Rapporteur.Benchmarks;

/// <summary>The whole text pipeline on a real document: NFC, lines, kind detection, structure parser.</summary>
[MemoryDiagnoser]
public class TextImportBenchmarks
{
    private string _text = "";

    [Params("netherlands-reply.txt", "netherlands-factsheet.txt")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _text = System.IO.File.ReadAllText(Corpus.TextFile(File));

    [Benchmark]
    public ParseResult<ParsedDocument> ImportText() => DocumentImporter.Default.ImportText(File, _text);
}

/// <summary>Paragraph grouping alone, over the lines of a real document.</summary>
[MemoryDiagnoser]
public class ParagraphSplitBenchmarks
{
    private IReadOnlyList<SourceLine> _lines = [];

    [Params("netherlands-reply.txt", "netherlands-factsheet.txt")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _lines = SourceDocument.FromText(File, System.IO.File.ReadAllText(Corpus.TextFile(File))).Lines;

    [Benchmark]
    public List<SourceParagraph> Split() => Paragraphs.Split(_lines);
}
