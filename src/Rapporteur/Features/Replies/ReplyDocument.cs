using System.IO.Compression;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Features.Replies;

/// <summary>
/// Reads an uploaded reply document (txt, md, docx, pdf) whose type is taken from its bytes, not its name: a DOCX is a
/// zip archive holding <c>word/document.xml</c>, a PDF starts with <c>%PDF</c>, anything else is text (Markdown when
/// the name ends in .md). A name that promises DOCX or PDF over bytes that are not is refused with one clear line,
/// rather than read as text.
/// </summary>
public static class ReplyDocument
{
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>Parses <paramref name="content"/> (seekable) as a reply of <paramref name="party"/> to round <paramref name="round"/>;
    /// <paramref name="format"/> is what the bytes are ("docx", "pdf", "md", "txt").</summary>
    public static ParseResult<ParsedDocument> Read(Stream content, string fileName, string party, int round, out string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "reply" : fileName);
        var (sniffed, refusal) = Sniff(content, name);
        format = sniffed;
        if (refusal is not null) return ParseResult.Fail<ParsedDocument>(new ParseError(name, refusal));
        content.Position = 0;
        var options = new ImportOptions { Kind = DocumentKind.Reply, Party = new Party(party), Round = round };
        // The reader is chosen by the extension the bytes deserve; errors name the file as the person called it.
        var result = DocumentImporter.Default.Import(content, Path.GetFileNameWithoutExtension(name) + "." + sniffed, options, ct);
        return result.Error is { } error ? ParseResult.Fail<ParsedDocument>(error with { File = name }, result.Warnings) : result;
    }

    /// <summary>What the bytes are, or why they cannot be what the name says.</summary>
    internal static (string Format, string? Refusal) Sniff(Stream content, string fileName)
    {
        content.Position = 0;
        Span<byte> head = stackalloc byte[5];
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var claimed = Path.GetExtension(fileName).ToLowerInvariant();
        if (head[..n].StartsWith("%PDF"u8)) return ("pdf", null);
        if (head[..n].StartsWith("PK\x03\x04"u8))
        {
            try
            {
                using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
                if (zip.GetEntry("word/document.xml") is not null) return ("docx", null);
                return ("zip", "a zip archive, but not a DOCX document (it has no word/document.xml)");
            }
            catch (InvalidDataException e)
            {
                return ("zip", $"a damaged zip archive, not a readable DOCX document ({e.Message.TrimEnd('.')})");
            }
            finally
            {
                content.Position = 0;
            }
        }
        return claimed switch
        {
            ".docx" => ("txt", "named .docx but is not a DOCX document (not a zip archive)"),
            ".pdf" => ("txt", "named .pdf but is not a PDF document (it does not start with %PDF)"),
            ".md" or ".markdown" => ("md", null),
            _ => ("txt", null),
        };
    }
}
