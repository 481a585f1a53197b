using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Rapporteur.Core.Render.Tables;

/// <summary>
/// Writes one table as an XLSX workbook (bold frozen header row, text cells) row by row: the package is written with
/// <see cref="ZipArchive"/> in create mode and each sheet with the Open XML SDK's <see cref="OpenXmlWriter"/>, so the
/// memory used does not grow with the rows. (The SDK's own <c>SpreadsheetDocument</c> opens its package for update,
/// which holds every part uncompressed in memory until it is saved: 370 MB for 200,000 rows.) A sheet holds at most
/// 1,048,576 rows, Excel's limit; the rows after that continue on a next sheet, under the same header.
/// </summary>
public static class XlsxTable
{
    /// <summary>The content type of an XLSX workbook.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Rows of data per sheet: Excel's 1,048,576 rows less the header.</summary>
    public const int MaxRowsPerSheet = 1_048_575;

    public static void Write(Stream output, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
#pragma warning disable CA2012 // The enumerable is synchronous: the task is complete when the call returns.
        WriteAsync(output, sheetName, header, Async(rows), CancellationToken.None).AsTask().GetAwaiter().GetResult();
#pragma warning restore CA2012
    }

    /// <summary>Writes the rows as they come. <paramref name="output"/> receives synchronous writes (the Open XML writer
    /// is synchronous): give it a file or memory stream, not a network stream.</summary>
    public static ValueTask<long> WriteAsync(Stream output, string sheetName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string>> rows,
        CancellationToken cancellationToken) =>
        WriteAsync(output, sheetName, header, rows, MaxRowsPerSheet, cancellationToken);

    /// <summary>As <see cref="WriteAsync(Stream, string, IReadOnlyList{string}, IAsyncEnumerable{IReadOnlyList{string}}, CancellationToken)"/>,
    /// with the sheet size as a parameter (tests use a small one). Returns the number of data rows written.</summary>
    internal static async ValueTask<long> WriteAsync(Stream output, string sheetName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string>> rows,
        int rowsPerSheet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerSheet, 1);
        var name = SafeName(sheetName);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var sheets = 0;
        long total = 0;
        OpenXmlWriter? writer = null;
        Stream? entry = null;
        var rowIndex = 0u;
        try
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (writer is null || rowIndex > (uint)rowsPerSheet)
                {
                    EndSheet(writer, entry);
                    (writer, entry) = StartSheet(zip, ++sheets, header);
                    rowIndex = 1;
                }
                WriteRow(writer, ++rowIndex, row, bold: false);
                total++;
            }
            if (writer is null) (writer, entry) = StartSheet(zip, ++sheets, header);
            EndSheet(writer, entry);
            writer = null;
            entry = null;
        }
        finally
        {
            writer?.Dispose();
            entry?.Dispose();
        }

        var names = Enumerable.Range(1, sheets).Select(i => i == 1 ? name : SafeName($"{name[..Math.Min(name.Length, 24)]} ({i})")).ToList();
        Part(zip, "xl/workbook.xml", Workbook(names));
        Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(sheets));
        Part(zip, "xl/styles.xml", Stylesheet().OuterXml);
        Part(zip, "_rels/.rels", PackageRelationships);
        Part(zip, "[Content_Types].xml", ContentTypes(sheets));
        return total;
    }

    private static (OpenXmlWriter Writer, Stream Entry) StartSheet(ZipArchive zip, int number, IReadOnlyList<string> header)
    {
        var entry = zip.CreateEntry($"xl/worksheets/sheet{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}.xml", CompressionLevel.Fastest).Open();
        var writer = OpenXmlWriter.Create(entry, Encoding.UTF8);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { TabSelected = number == 1, WorkbookViewId = 0 }));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, header, bold: true);
        return (writer, entry);
    }

    private static void EndSheet(OpenXmlWriter? writer, Stream? entry)
    {
        if (writer is null) return;
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.Close();
        entry?.Dispose();
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<string> values, bool bold)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var c = 0; c < values.Count; c++)
        {
            var cell = new Cell { CellReference = Column(c) + index.ToString(System.Globalization.CultureInfo.InvariantCulture), DataType = CellValues.InlineString };
            if (bold) cell.StyleIndex = 1;
            cell.AppendChild(new InlineString(new Text(Clean(values[c])) { Space = SpaceProcessingModeValues.Preserve }));
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string path, string xml)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml);
        stream.Write(bytes);
    }

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string PackageRelationships =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"" + RelationshipNamespace + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

    private static string Workbook(List<string> names)
    {
        var xml = new StringBuilder($"<workbook xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\"><sheets>");
        for (var i = 0; i < names.Count; i++)
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<sheet name=\"{SecurityElement.Escape(names[i])}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>");
        return xml.Append("</sheets></workbook>").ToString();
    }

    private static string WorkbookRelationships(int sheets)
    {
        var xml = new StringBuilder("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (var i = 1; i <= sheets; i++)
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{i}\" Type=\"{RelationshipNamespace}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
        xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{sheets + 1}\" Type=\"{RelationshipNamespace}/styles\" Target=\"styles.xml\"/>");
        return xml.Append("</Relationships>").ToString();
    }

    private static string ContentTypes(int sheets)
    {
        var xml = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (var i = 1; i <= sheets; i++)
            xml.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        return xml.Append("</Types>").ToString();
    }

    /// <summary>XML 1.0 cannot carry most control characters nor a lone surrogate; Excel cannot hold more than 32,767
    /// characters per cell.</summary>
    private static string Clean(string value)
    {
        var text = value.Length > 32767 ? value[..32767] : value;
        if (!text.Any(ch => (ch < ' ' && ch is not ('\t' or '\n' or '\r')) || char.IsSurrogate(ch))) return text;
        var cleaned = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { cleaned.Append(ch).Append(text[++i]); continue; }
            if (char.IsSurrogate(ch) || (ch < ' ' && ch is not ('\t' or '\n' or '\r'))) continue;
            cleaned.Append(ch);
        }
        return cleaned.ToString();
    }

    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }

    private static string SafeName(string name)
    {
        var cleaned = new string(name.Where(ch => ch is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim('\'');
        return cleaned.Length is 0 ? "Sheet1" : cleaned[..Math.Min(31, cleaned.Length)];
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> Async(IEnumerable<IReadOnlyList<string>> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
