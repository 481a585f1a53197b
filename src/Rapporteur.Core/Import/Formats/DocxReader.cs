using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Rapporteur.Core.Import.Formats;

/// <summary>
/// Reads a Word document (.docx) into lines that the structure parsers read as they read plain text: one line per
/// paragraph followed by a blank line, with layout hints (headings, bold, lists, shaded or bordered boxes), list
/// markers as printed, and footnotes as superscript markers with their texts after the citing paragraph.
/// </summary>
/// <remarks>Tables are read row by row, cell by cell; content controls and text boxes in place. Headers, footers and
/// comments are not read. Charts and diagrams are not read, but their text is quoted in a "docxSkipped" warning.</remarks>
public sealed class DocxReader : IFormatReader
{
    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public string Format => "docx";
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    public bool Sniff(ReadOnlySpan<byte> header) => header.StartsWith(ZipMagic);

    public ParseResult<SourceDocument> Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        MemoryStream? copy = null;
        try
        {
            // Zip offsets count from the start of the stream, and the guard and Open XML both seek.
            if (!stream.CanSeek || stream.Position != 0)
            {
                copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
            }
            return ReadSeekable(copy ?? stream, fileName, cancellationToken);
        }
        catch (IOException e)
        {
            return Invalid(fileName, $"the file cannot be read ({FirstSentence(e.Message)})");
        }
        finally
        {
            copy?.Dispose();
        }
    }

    private static ParseResult<SourceDocument> ReadSeekable(Stream stream, string fileName, CancellationToken cancellationToken)
    {
        Span<byte> header = stackalloc byte[8];
        var n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (n == 0) return Invalid(fileName, "the file is empty");
        if (header[..n].StartsWith(OleMagic))
            return Invalid(fileName, "it is an OLE compound file: an encrypted (password-protected) document or a legacy .doc; save it as an unprotected .docx");
        if (!header[..n].StartsWith(ZipMagic)) return Invalid(fileName, "it is not a zip package (a .docx file starts with PK)");

        WordprocessingDocument? document = null;
        try
        {
            if (DocxPackageGuard.Inspect(stream) is { } refused) return Invalid(fileName, refused);
            var settings = new OpenSettings
            {
                AutoSave = false,
                // Defence in depth against entries whose declared size lies: no part may inflate past the guard's limit.
                MaxCharactersInPart = DocxPackageGuard.MaxTotalUncompressed,
            };
            document = WordprocessingDocument.Open(stream, isEditable: false, settings);
            if (Load(document, out var main) is { } broken) return Invalid(fileName, broken);
            var (lines, warnings) = DocxWalker.Walk(main!, cancellationToken);
            return ParseResult.Ok(new SourceDocument(fileName, "docx", lines, hasLayout: true), warnings);
        }
        catch (OpenXmlPackageException e)
        {
            return Invalid(fileName, $"the package is not a Word document ({FirstSentence(e.Message)})");
        }
        catch (FileFormatException e)
        {
            return Invalid(fileName, $"the package is damaged ({FirstSentence(e.Message)})");
        }
        catch (InvalidDataException)
        {
            return Invalid(fileName, "the zip archive is damaged or truncated");
        }
        catch (XmlException e)
        {
            return Invalid(fileName, string.Create(CultureInfo.InvariantCulture, $"malformed XML (line {e.LineNumber}, position {e.LinePosition})"));
        }
        catch (UriFormatException)
        {
            return Invalid(fileName, "the package has an invalid part name or relationship target");
        }
        catch (NotSupportedException e)
        {
            return Invalid(fileName, $"the package uses a feature that cannot be read ({FirstSentence(e.Message)})");
        }
        catch (IOException e)
        {
            return Invalid(fileName, $"the package cannot be read ({FirstSentence(e.Message)})");
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>
    /// Loads what the walk will touch while System.IO.Packaging's own exceptions can still be told apart from bugs:
    /// every relationship of the package (a dangling or malformed target throws InvalidOperationException or
    /// ArgumentException there, lazily, the first time a part is asked for) and the XML of the parts the walker reads.
    /// </summary>
    private static string? Load(WordprocessingDocument document, out MainDocumentPart? main)
    {
        main = null;
        try
        {
            main = document.MainDocumentPart;
            if (main is null) return "the package has no main document part (word/document.xml)";
            foreach (var _ in document.GetAllParts())
            {
                // Enumerating resolves every relationship.
            }
            OpenXmlPart?[] read = [main, main.StyleDefinitionsPart, main.NumberingDefinitionsPart, main.FootnotesPart, main.EndnotesPart];
            foreach (var part in read)
            {
                if (part is null) continue;
                try
                {
                    _ = part.RootElement;
                }
                catch (XmlException e)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"malformed XML in {part.Uri.OriginalString} (line {e.LineNumber}, position {e.LinePosition})");
                }
            }
            return main.Document?.Body is null ? "the main document part has no w:body" : null;
        }
        catch (InvalidOperationException e)
        {
            return $"the package's relationships are broken ({FirstSentence(e.Message)})";
        }
        catch (ArgumentException e)
        {
            return $"the package has an invalid part name ({FirstSentence(e.Message)})";
        }
    }

    private static ParseResult<SourceDocument> Invalid(string fileName, string reason) =>
        ParseResult.Fail<SourceDocument>(new ParseError(fileName, "not a valid DOCX document: " + reason));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
