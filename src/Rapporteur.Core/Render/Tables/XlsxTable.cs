using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Rapporteur.Core.Render.Tables;

/// <summary>
/// Writes one table as an XLSX workbook (one sheet, bold frozen header row, text cells) with the Open XML SDK's
/// streaming writer, so exports have no row cap and no rows held in memory.
/// </summary>
public static class XlsxTable
{
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();

        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { TabSelected = true, WorkbookViewId = 0 }));
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, header, bold: true);
            uint index = 2;
            foreach (var row in rows) WriteRow(writer, index++, row, bold: false);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SafeName(sheetName) }));
        workbook.Workbook.Save();
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

    /// <summary>XML 1.0 cannot carry most control characters; Excel cannot hold more than 32,767 per cell.</summary>
    private static string Clean(string value)
    {
        var text = value.Length > 32767 ? value[..32767] : value;
        return text.Any(ch => ch < ' ' && ch is not ('\t' or '\n' or '\r')) ? new string(text.Where(ch => ch >= ' ' || ch is '\t' or '\n' or '\r').ToArray()) : text;
    }

    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }

    private static string SafeName(string name)
    {
        var cleaned = new string(name.Where(ch => ch is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        return cleaned.Length is 0 ? "Sheet1" : cleaned[..Math.Min(31, cleaned.Length)];
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
