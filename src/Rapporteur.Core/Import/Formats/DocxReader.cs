namespace Rapporteur.Core.Import.Formats;

/// <summary>Placeholder until the DOCX reader lands.</summary>
public sealed class DocxReader : IFormatReader
{
    public string Format => "docx";
    public IReadOnlyList<string> Extensions { get; } = [".docx"];
    public bool Sniff(ReadOnlySpan<byte> header) => false;
    public ParseResult<SourceDocument> Read(Stream stream, string fileName, CancellationToken cancellationToken = default) =>
        ParseResult.Fail<SourceDocument>(new ParseError(fileName, "DOCX reading is not available yet"));
}
