namespace Rapporteur.Core.Import.Formats;

/// <summary>Placeholder until the PDF reader lands.</summary>
public sealed class PdfReader : IFormatReader
{
    public string Format => "pdf";
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];
    public bool Sniff(ReadOnlySpan<byte> header) => false;
    public ParseResult<SourceDocument> Read(Stream stream, string fileName, CancellationToken cancellationToken = default) =>
        ParseResult.Fail<SourceDocument>(new ParseError(fileName, "PDF reading is not available yet"));
}
