using Rapporteur.Core.Import;

namespace Rapporteur.Core.Tests.Import;

public class SourceDocumentTests
{
    [Fact]
    public void FromText_DecomposedAccent_IsComposedToNfc()
    {
        var doc = SourceDocument.FromText("x.txt", "e\u0301le\u0300ve");
        Assert.Equal("\u00e9l\u00e8ve", doc.Lines[0].Text);
    }

    // Code units, not strings, in the attributes: lone surrogates do not survive theory-data serialisation.
    [Theory]
    [InlineData('a', 0xD800, "b")]
    [InlineData('a', 0xDC00, "")]
    [InlineData('a', 0xFFFE, "")]
    [InlineData('x', 0xFDD0, "")]
    public void FromText_InvalidCodePoint_IsReplacedWithAWarning(char before, int codeUnit, string after)
    {
        var input = before + ((char)codeUnit).ToString() + after;
        var expected = before + "\uFFFD" + after;
        var warnings = new List<ParseWarning>();
        var doc = SourceDocument.FromText("x.txt", "line one\n" + input, "txt", warnings);
        Assert.Equal(expected, doc.Lines[1].Text);
        var w = Assert.Single(warnings);
        Assert.Equal(("invalidCharacters", 2), (w.Code, w.Line));
    }

    [Fact]
    public void FromText_SurrogatePair_IsKept()
    {
        var warnings = new List<ParseWarning>();
        var doc = SourceDocument.FromText("x.txt", "emoji \U0001F600 ok", "txt", warnings);
        Assert.Equal("emoji \U0001F600 ok", doc.Lines[0].Text);
        Assert.Empty(warnings);
    }

    [Fact]
    public void FromText_CrLfLines_AreSplitWithoutCarriageReturns()
    {
        var doc = SourceDocument.FromText("x.txt", "one\r\ntwo\r\n");
        Assert.Equal(["one", "two"], doc.Lines.Select(l => l.Text));
        Assert.Equal([1, 2], doc.Lines.Select(l => l.Number));
    }
}
