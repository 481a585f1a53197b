using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Rapporteur.Core.Render.Tables;

namespace Rapporteur.Core.Tests.Render;

public sealed class XlsxTableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async IAsyncEnumerable<IReadOnlyList<string>> Rows(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return [i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"row {i}"];
        }
    }

    [Fact]
    public async Task WriteAsync_MoreRowsThanASheetHolds_ContinuesOnTheNextSheetUnderTheSameHeader()
    {
        using var stream = new MemoryStream();

        var written = await XlsxTable.WriteAsync(stream, "replies", ["n", "text"], Rows(7), rowsPerSheet: 3, Ct);

        Assert.Equal(7, written);
        stream.Position = 0;
        using var book = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(book, Ct));
        var sheets = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["replies", "replies (2)", "replies (3)"], sheets.Select(s => s.Name!.Value));
        var rows = sheets.Select(s => ((WorksheetPart)book.WorkbookPart.GetPartById(s.Id!)).Worksheet.Descendants<Row>()
            .Select(r => string.Join('|', r.Descendants<Text>().Select(t => t.Text))).ToList()).ToList();
        Assert.Equal(["n|text", "1|row 1", "2|row 2", "3|row 3"], rows[0]);
        Assert.Equal(["n|text", "7|row 7"], rows[2]);
    }

    [Fact]
    public async Task WriteAsync_NoRows_IsAValidWorkbookWithTheHeader()
    {
        using var stream = new MemoryStream();

        Assert.Equal(0, await XlsxTable.WriteAsync(stream, "empty", ["a", "b"], Rows(0), Ct));

        stream.Position = 0;
        using var book = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(book, Ct));
        Assert.Single(book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>());
    }

    [Fact]
    public void Write_ControlCharactersAndLoneSurrogates_AreLeftOutSoTheXmlStaysValid()
    {
        using var stream = new MemoryStream();

        XlsxTable.Write(stream, "x", ["text"], [["bell\u0007 and \ud800 and 😀"]]);

        stream.Position = 0;
        using var book = SpreadsheetDocument.Open(stream, false);
        Assert.Equal(["text", "bell and  and 😀"], book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Text>().Select(t => t.Text));
    }
}
