using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Rapporteur.Core.Import.Formats;

/// <summary>
/// Looks at a DOCX zip before Open XML does: a zip bomb is refused before anything is inflated, and XML nested so
/// deep that Open XML's recursive loader would overflow the stack (which no catch can stop) is refused before it loads.
/// </summary>
internal static class DocxPackageGuard
{
    public const long MaxTotalUncompressed = 512L * 1024 * 1024;
    public const long RatioCheckedAbove = 10L * 1024 * 1024;
    public const long MaxRatio = 200;

    /// <summary>Element nesting allowed in any XML part. Word's own documents stay far below (nested tables, text
    /// boxes and charts reach a few dozen); Open Xml 3.3 overflows a 1 MB stack near 2,000.</summary>
    public const int MaxXmlDepth = 256;

    private static readonly XmlReaderSettings ScanSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxTotalUncompressed,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Null when the archive looks sane; otherwise the reason to refuse it. Leaves the stream where it was.</summary>
    /// <exception cref="InvalidDataException">The zip is damaged or truncated.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static string? Inspect(Stream seekable)
    {
        var start = seekable.Position;
        try
        {
            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            var contentTypes = false;
            foreach (var entry in zip.Entries)
            {
                // Declared sizes: nothing is inflated here. Sizes that lie are caught by the reader's part size limit.
                total += entry.Length;
                if (total > MaxTotalUncompressed)
                    return string.Create(CultureInfo.InvariantCulture, $"the archive expands to more than {MaxTotalUncompressed / (1024 * 1024)} MB");
                if (entry.Length > RatioCheckedAbove && entry.Length > MaxRatio * Math.Max(1, entry.CompressedLength))
                    return string.Create(CultureInfo.InvariantCulture,
                        $"entry '{Printable(entry.FullName)}' is compressed more than {MaxRatio}:1 ({entry.Length:N0} bytes from {entry.CompressedLength:N0}); refusing a possible zip bomb");
                if (string.Equals(entry.FullName, "[Content_Types].xml", StringComparison.OrdinalIgnoreCase)) contentTypes = true;
            }
            if (zip.Entries.Count == 0) return "the zip archive is empty";
            if (!contentTypes) return "the zip archive is not an Office document (no [Content_Types].xml)";
            foreach (var entry in zip.Entries)
                if (ScanXml(entry) is { } problem) return problem;
            return null;
        }
        finally
        {
            seekable.Position = start;
        }
    }

    /// <summary>Streams an entry that looks like XML (whatever its name: a part's name need not end in .xml) and
    /// checks its depth. Malformed XML is reported for .xml and .rels entries; other entries may be anything.</summary>
    private static string? ScanXml(ZipArchiveEntry entry)
    {
        if (entry.Length == 0 || !LooksLikeXml(entry)) return null;
        var named = entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, ScanSettings);
        try
        {
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxXmlDepth)
                    return string.Create(CultureInfo.InvariantCulture, $"'{Printable(entry.FullName)}' nests XML elements more than {MaxXmlDepth} deep");
        }
        catch (XmlException e) when (named)
        {
            return string.Create(CultureInfo.InvariantCulture, $"malformed XML in {Printable(entry.FullName)} (line {e.LineNumber}, position {e.LinePosition})");
        }
        catch (XmlException)
        {
            // Not XML after all (an image that happens to start with '<'): Open XML will not parse it either.
        }
        return null;
    }

    private static bool LooksLikeXml(ZipArchiveEntry entry)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = entry.Open();
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var h = head[..n];
        return h.StartsWith("<"u8) || h.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || h.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || (n > 0 && h[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');
    }

    // Entry names are the file's words, not ours: keep them to one short line.
    private static string Printable(string name)
    {
        var clean = new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= 80 ? clean : clean[..80] + "…";
    }
}
