using Rapporteur.Core.Import.Factsheets;
using Rapporteur.Core.Import.Formats;
using Rapporteur.Core.Import.Replies;
using Rapporteur.Core.Import.Reports;

namespace Rapporteur.Core.Import;

/// <summary>
/// The import pipeline: a format reader turns bytes into <see cref="SourceDocument"/> lines, the kind is detected
/// (or forced), and that kind's structure parser builds the <see cref="ParsedDocument"/>.
/// </summary>
public sealed class DocumentImporter
{
    private readonly IReadOnlyList<IFormatReader> _readers;
    private readonly Dictionary<DocumentKind, IStructureParser> _parsers;

    public DocumentImporter(IEnumerable<IFormatReader> readers, IEnumerable<IStructureParser> parsers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(parsers);
        _readers = readers.ToList();
        _parsers = parsers.ToDictionary(p => p.Kind);
    }

    /// <summary>Every reader and parser this build has.</summary>
    public static DocumentImporter Default { get; } = new(
        [new DocxReader(), new PdfReader(), new MarkdownReader(), new PlainTextReader()],
        [new ReplyParser(), new FactsheetParser(), new ReportParser(), new RecommendationListParser()]);

    public IReadOnlyList<IFormatReader> Readers => _readers;

    /// <summary>Imports a file from disk. Missing, unreadable or unsupported files are errors naming the file.</summary>
    public ParseResult<ParsedDocument> ImportFile(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ImportOptions.Default;
        var name = Path.GetFileName(path);
        FileStream stream;
        try
        {
            if (Directory.Exists(path)) return ParseResult.Fail<ParsedDocument>(new ParseError(path, "is a directory, not a document"));
            var info = new FileInfo(path);
            if (!info.Exists) return ParseResult.Fail<ParsedDocument>(new ParseError(path, "file not found"));
            if (info.Length > options.MaxBytes)
                return ParseResult.Fail<ParsedDocument>(new ParseError(path, $"file is {info.Length:N0} bytes; the limit is {options.MaxBytes:N0}"));
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ParseResult.Fail<ParsedDocument>(new ParseError(path, $"cannot open: {e.Message}"));
        }
        using (stream)
        {
            var result = Import(stream, name, options with { SourcePath = options.SourcePath ?? Path.GetFullPath(path) }, cancellationToken);
            return result.Error is { } error && string.Equals(error.File, name, StringComparison.Ordinal)
                ? ParseResult.Fail<ParsedDocument>(error with { File = path }, result.Warnings)
                : result;
        }
    }

    /// <summary>Imports a stream; <paramref name="fileName"/> picks the reader by extension, or the first bytes do.</summary>
    public ParseResult<ParsedDocument> Import(Stream stream, string fileName, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        options ??= ImportOptions.Default;
        var seekable = stream.CanSeek ? stream : Buffer(stream, options.MaxBytes);
        if (seekable is null)
            return ParseResult.Fail<ParsedDocument>(new ParseError(fileName, $"input is larger than the limit of {options.MaxBytes:N0} bytes"));
        var reader = PickReader(seekable, fileName);
        if (reader is null)
            return ParseResult.Fail<ParsedDocument>(new ParseError(fileName, $"unsupported format '{Path.GetExtension(fileName)}': expected .txt, .md, .docx or .pdf"));
        var read = reader.Read(seekable, fileName, cancellationToken);
        if (!read.Success) return ParseResult.Fail<ParsedDocument>(read.Error!, read.Warnings);
        return Parse(read.Value!, options, read.Warnings);
    }

    /// <summary>Imports text already in memory (as a .txt or .md file of that name).</summary>
    public ParseResult<ParsedDocument> ImportText(string fileName, string text, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var format = fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase) ? "md" : "txt";
        var warnings = new List<ParseWarning>();
        var doc = format == "md" ? MarkdownReader.FromText(fileName, text, warnings) : SourceDocument.FromText(fileName, text, "txt", warnings);
        return Parse(doc, options ?? ImportOptions.Default, warnings);
    }

    /// <summary>Runs kind detection and the structure parser on lines a reader produced.</summary>
    public ParseResult<ParsedDocument> Parse(SourceDocument document, ImportOptions options, IReadOnlyList<ParseWarning> readerWarnings)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        if (document.Lines.All(l => l.IsBlank))
            return ParseResult.Fail<ParsedDocument>(new ParseError(document.FileName, "the document has no text"), readerWarnings);
        var kind = options.Kind ?? KindDetector.Detect(document);
        if (kind is null)
            return ParseResult.Fail<ParsedDocument>(new ParseError(document.FileName,
                "cannot tell what kind of document this is (no questions, factsheet chapters, numbered report paragraphs or recommendation list found); use --kind"), readerWarnings);
        if (!_parsers.TryGetValue(kind.Value, out var parser))
            return ParseResult.Fail<ParsedDocument>(new ParseError(document.FileName, $"no parser for kind {kind}"), readerWarnings);
        var parsed = parser.Parse(document, options);
        var warnings = readerWarnings.Concat(parsed.Warnings).ToList();
        return ParseResult.Ok(parsed with { Warnings = warnings }, warnings);
    }

    private IFormatReader? PickReader(Stream stream, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var byExtension = _readers.FirstOrDefault(r => r.Extensions.Contains(ext, StringComparer.Ordinal));
        if (byExtension is not null) return byExtension;
        var header = new byte[8];
        var start = stream.Position;
        var n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        stream.Position = start;
        foreach (var reader in _readers)
            if (reader.Sniff(header.AsSpan(0, n))) return reader;
        return null;
    }

    private static MemoryStream? Buffer(Stream stream, long maxBytes)
    {
        var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (ms.Length + n > maxBytes) return null;
            ms.Write(buffer, 0, n);
        }
        ms.Position = 0;
        return ms;
    }
}
