using DocumentFormat.OpenXml.Wordprocessing;
using Rapporteur.Core.Import;
using Rapporteur.Core.Import.Formats;
using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Import;

public class DocxReaderTests
{
    private static readonly DocxReader Reader = new();

    private static SourceDocument Read(DocxFixture fixture, out IReadOnlyList<ParseWarning> warnings)
    {
        using var stream = fixture.ToStream();
        var result = Reader.Read(stream, "test.docx", TestContext.Current.CancellationToken);
        Assert.True(result.Success, result.Error?.ToString());
        warnings = result.Warnings;
        return result.Value!;
    }

    private static SourceDocument Read(DocxFixture fixture) => Read(fixture, out _);

    private static List<SourceLine> TextLines(SourceDocument doc) => doc.Lines.Where(l => !l.IsBlank).ToList();

    private static ParseResult<SourceDocument> ReadBytes(byte[] bytes, string fileName = "broken.docx")
    {
        using var stream = new MemoryStream(bytes);
        return Reader.Read(stream, fileName, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Read_TwoParagraphs_EachIsALineAndABlankWithItsIndex()
    {
        var doc = Read(new DocxFixture().Paragraph("The Party set up a helpline.").Paragraph("It answers every call."));

        Assert.Equal(("docx", true, "test.docx"), (doc.Format, doc.HasLayout, doc.FileName));
        Assert.Equal(["The Party set up a helpline.", "", "It answers every call.", ""], doc.Lines.Select(l => l.Text));
        Assert.Equal([1, 1, 2, 2], doc.Lines.Select(l => l.Number));
        Assert.All(doc.Lines, l => Assert.Equal(LineHints.None, l.Hints));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_HeadingStyle_SetsHeadingHintAndLevel(int level)
    {
        var line = TextLines(Read(new DocxFixture().Heading("Legal frameworks", level)))[0];

        Assert.True(line.Hints.HasFlag(LineHints.Heading));
        Assert.Equal(level, line.HeadingLevel);
        Assert.Equal("Legal frameworks", line.Text);
    }

    [Fact]
    public void Read_TitleStyle_IsHeadingLevelOne()
    {
        var line = TextLines(Read(new DocxFixture().Title("FACTSHEET – RURITANIA")))[0];

        Assert.Equal((LineHints.Heading, 1), (line.Hints, line.HeadingLevel));
    }

    [Fact]
    public void Read_OutlineLevelInStyle_IsHeading()
    {
        var line = TextLines(Read(new DocxFixture().Styled("BodyOutline", "Training of judges")))[0];

        Assert.Equal((LineHints.Heading, 2), (line.Hints, line.HeadingLevel));
    }

    [Fact]
    public void Read_DirectOutlineLevel_IsHeading()
    {
        var properties = new ParagraphProperties(new OutlineLevel { Val = 3 });
        var line = TextLines(Read(new DocxFixture().Add(DocxFixture.P(properties, DocxFixture.Run("Data collection")))))[0];

        Assert.Equal((LineHints.Heading, 4), (line.Hints, line.HeadingLevel));
    }

    [Fact]
    public void Read_AllRunsBold_SetsBoldHint()
    {
        var doc = Read(new DocxFixture()
            .BoldParagraph("Observations of the Committee")
            .Paragraph(DocxFixture.BoldRun("Partly bold"), DocxFixture.Run(" and partly not."))
            .Styled("StrongParagraph", "Bold through its style")
            .Paragraph(DocxFixture.BoldRun("Bold text"), DocxFixture.Run("  ")));
        var lines = TextLines(doc);

        Assert.Equal([LineHints.Bold, LineHints.None, LineHints.Bold, LineHints.Bold], lines.Select(l => l.Hints));
    }

    [Fact]
    public void Read_HeadingStyleWithBold_IsHeadingAndBold()
    {
        var line = TextLines(Read(new DocxFixture().Heading("Awareness raising", 1)))[0];

        // The fixture's heading styles are bold, as Word's are in many templates.
        Assert.Equal(LineHints.Heading | LineHints.Bold, line.Hints);
    }

    [Fact]
    public void Read_BulletList_PrefixesDashAndMarksListItems()
    {
        var lines = TextLines(Read(new DocxFixture()
            .ListItem("schools", DocxFixture.Bullets)
            .ListItem("sports clubs", DocxFixture.Bullets, level: 1)
            .Styled("ListBullet", "youth centres")));

        Assert.Equal(["- schools", "- sports clubs", "- youth centres"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(LineHints.ListItem, l.Hints));
    }

    [Fact]
    public void Read_OrderedList_CountsPerLevelAndRestartsDeeperLevels()
    {
        var lines = TextLines(Read(new DocxFixture()
            .ListItem("first", DocxFixture.Decimal)
            .ListItem("second", DocxFixture.Decimal)
            .ListItem("under second", DocxFixture.Decimal, 1)
            .ListItem("again under second", DocxFixture.Decimal, 1)
            .ListItem("deeper", DocxFixture.Decimal, 2)
            .ListItem("third", DocxFixture.Decimal)
            .ListItem("under third", DocxFixture.Decimal, 1)));

        Assert.Equal(["1. first", "2. second", "(a) under second", "(b) again under second", "i) deeper", "3. third", "(a) under third"],
            lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.True(l.Hints.HasFlag(LineHints.ListItem)));
    }

    [Fact]
    public void Read_UpperRomanAndUpperLetterLists_UseTheirFormats()
    {
        var lines = TextLines(Read(new DocxFixture()
            .ListItem("one", DocxFixture.UpperRoman)
            .ListItem("two", DocxFixture.UpperRoman)
            .ListItem("three", DocxFixture.UpperRoman)
            .ListItem("four", DocxFixture.UpperRoman)
            .ListItem("alpha", DocxFixture.UpperLetter)
            .ListItem("beta", DocxFixture.UpperLetter)));

        Assert.Equal(["I. one", "II. two", "III. three", "IV. four", "A. alpha", "B. beta"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Read_TwoListsOnOneDefinition_KeepSeparateCounters()
    {
        var lines = TextLines(Read(new DocxFixture()
            .ListItem("a", DocxFixture.Decimal)
            .ListItem("b", DocxFixture.Decimal)
            .ListItem("c", DocxFixture.Decimal2)
            .ListItem("d", DocxFixture.Decimal)));

        Assert.Equal(["1. a", "2. b", "1. c", "3. d"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Read_NumberedHeading_ShowsNumberButIsNoListItem()
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" },
            new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = DocxFixture.UpperRoman }));
        var doc = new DocxFixture()
            .Add(DocxFixture.P((ParagraphProperties)properties.CloneNode(true), DocxFixture.Run("General remarks")))
            .Add(DocxFixture.P(properties, DocxFixture.Run("Legal frameworks")));
        var lines = TextLines(Read(doc));

        Assert.Equal(["I. General remarks", "II. Legal frameworks"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.False(l.Hints.HasFlag(LineHints.ListItem)));
        Assert.All(lines, l => Assert.True(l.Hints.HasFlag(LineHints.Heading)));
    }

    [Fact]
    public void Read_FootnoteReference_AppendsSuperscriptAndDefinition()
    {
        var fixture = new DocxFixture();
        var first = fixture.Footnote("Paras. 12, 14 and 19.");
        var second = fixture.Footnote("Recommendation III-2.", "See also the second round.");
        fixture
            .Paragraph(DocxFixture.Run("The Party trained its police officers."), DocxFixture.FootnoteRef(first),
                DocxFixture.Run(" It also trained judges."), DocxFixture.FootnoteRef(second))
            .Paragraph(DocxFixture.Run("The training is ongoing."), DocxFixture.FootnoteRef(first));
        var doc = Read(fixture, out var warnings);

        Assert.Equal(
            [
                "The Party trained its police officers.¹ It also trained judges.²", "",
                "¹ Paras. 12, 14 and 19.", "",
                "² Recommendation III-2. See also the second round.", "",
                "The training is ongoing.¹", "",
            ],
            doc.Lines.Select(l => l.Text));
        Assert.Equal([1, 1, 1, 1, 1, 1, 2, 2], doc.Lines.Select(l => l.Number));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Read_CustomFootnoteMark_UsesTheFollowingRunText()
    {
        var fixture = new DocxFixture();
        var id = fixture.Footnote("A note with its own mark.");
        fixture.Paragraph(DocxFixture.Run("Marked text"), DocxFixture.FootnoteRef(id, customMark: true), DocxFixture.Run("*"));
        var lines = TextLines(Read(fixture));

        Assert.Equal(["Marked text*", "* A note with its own mark."], lines.Select(l => l.Text));
    }

    [Fact]
    public void Read_NumberedCustomMark_IsThatFootnotesNumberInSuperscript()
    {
        var fixture = new DocxFixture();
        // Word writes the custom mark at the start of the note too.
        var id = fixture.Footnote("102 A note cited out of sequence.");
        fixture.Paragraph(DocxFixture.Run("Marked text"), DocxFixture.FootnoteRef(id, customMark: true), DocxFixture.Run("102"));
        var lines = TextLines(Read(fixture));

        Assert.Equal(["Marked text¹⁰²", "¹⁰² A note cited out of sequence."], lines.Select(l => l.Text));
    }

    [Fact]
    public void Read_FootnoteReferenceWithoutFootnote_WarnsAndKeepsTheMarker()
    {
        var doc = Read(new DocxFixture().Paragraph(DocxFixture.Run("Orphan marker"), DocxFixture.FootnoteRef(7)), out var warnings);

        Assert.Equal("Orphan marker¹", TextLines(doc)[0].Text);
        var w = Assert.Single(warnings);
        Assert.Equal(("footnoteUndefined", 1), (w.Code, w.Line));
    }

    [Fact]
    public void Read_UnreferencedFootnote_IsQuotedInAWarning()
    {
        var fixture = new DocxFixture();
        fixture.Footnote("Nobody cites this note.");
        Read(fixture.Paragraph("Plain text."), out var warnings);

        var w = Assert.Single(warnings);
        Assert.Equal("docxSkipped", w.Code);
        Assert.Contains("\"Nobody cites this note.\"", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EndnoteReference_ContinuesTheFootnoteSequence()
    {
        var fixture = new DocxFixture();
        var footnote = fixture.Footnote("A footnote.");
        var endnote = fixture.Endnote("An endnote.");
        fixture.Paragraph(DocxFixture.Run("Text"), DocxFixture.FootnoteRef(footnote), DocxFixture.Run(" more"), DocxFixture.EndnoteRef(endnote));

        Assert.Equal(["Text¹ more²", "¹ A footnote.", "² An endnote."], TextLines(Read(fixture)).Select(l => l.Text));
    }

    [Fact]
    public void Read_Chart_IsSkippedWithAWarningQuotingItsText()
    {
        var fixture = new DocxFixture();
        fixture.Paragraph(DocxFixture.Run("See the chart."), fixture.Chart("Helpline calls per year"));
        var doc = Read(fixture, out var warnings);

        Assert.Equal("See the chart.", TextLines(doc)[0].Text);
        var w = Assert.Single(warnings);
        Assert.Equal(("docxSkipped", 1), (w.Code, w.Line));
        Assert.Contains("\"Helpline calls per year\"", w.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FBE4D5", BoxShade.Orange)]
    [InlineData("FFF2CC", BoxShade.Orange)]
    [InlineData("F4B083", BoxShade.Orange)]
    [InlineData("FFC000", BoxShade.Orange)]
    [InlineData("DEEAF6", BoxShade.Blue)]
    [InlineData("BDD6EE", BoxShade.Blue)]
    [InlineData("D9E2F3", BoxShade.Blue)]
    [InlineData("F2F2F2", BoxShade.Other)]
    [InlineData("D0CECE", BoxShade.Other)]
    [InlineData("E2EFD9", BoxShade.Other)]
    public void Read_ShadedParagraph_IsBoxedWithTheShadeOfItsFill(string fill, BoxShade expected)
    {
        var line = TextLines(Read(new DocxFixture().Shaded("Follow-up actions:", fill)))[0];

        Assert.Equal(LineHints.Boxed, line.Hints);
        Assert.Equal(expected, line.Shade);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("FFFFFF")]
    public void Read_AutoOrWhiteShading_IsNotBoxed(string fill)
    {
        var line = TextLines(Read(new DocxFixture().Shaded("Plain text.", fill)))[0];

        Assert.Equal((LineHints.None, BoxShade.None), (line.Hints, line.Shade));
    }

    [Fact]
    public void Read_ThemeFillWithoutHex_IsBoxedOther()
    {
        var lines = TextLines(Read(new DocxFixture().Shaded("Themed box.", null, "accent1").Shaded("Themed with hex.", "DEEAF6", "accent1")));

        Assert.Equal([(LineHints.Boxed, BoxShade.Other), (LineHints.Boxed, BoxShade.Blue)], lines.Select(l => (l.Hints, l.Shade)));
    }

    [Fact]
    public void Read_ShadingThroughParagraphStyle_IsBoxed()
    {
        var line = TextLines(Read(new DocxFixture().Styled("ActionBox", "The Party should act.")))[0];

        Assert.Equal((LineHints.Boxed, BoxShade.Orange), (line.Hints, line.Shade));
    }

    [Fact]
    public void Read_ParagraphBorders_BoxOnlyWhenTheyDrawABox()
    {
        var lines = TextLines(Read(new DocxFixture()
            .Bordered("Boxed note.", "top", "bottom", "left", "right")
            .Bordered("Rule below a heading.", "bottom")));

        Assert.Equal([(LineHints.Boxed, BoxShade.Other), (LineHints.None, BoxShade.None)], lines.Select(l => (l.Hints, l.Shade)));
    }

    [Fact]
    public void Read_Table_ReadsRowsThenCellsThenParagraphs()
    {
        var doc = Read(new DocxFixture().Table(null, null,
            [["Region"], ["Shelters", "(places)"]],
            [["North"], ["12"]]));

        Assert.Equal(["Region", "Shelters", "(places)", "North", "12"], TextLines(doc).Select(l => l.Text));
        Assert.Equal([1, 2, 3, 4, 5], TextLines(doc).Select(l => l.Number));
        Assert.All(TextLines(doc), l => Assert.Equal(LineHints.None, l.Hints));
    }

    [Fact]
    public void Read_ShadedTableCell_BoxesItsParagraphs()
    {
        var lines = TextLines(Read(new DocxFixture().Table("DEEAF6", null, [["Promising practices:", "A mobile team visits rural schools."]])));

        Assert.All(lines, l => Assert.Equal((LineHints.Boxed, BoxShade.Blue), (l.Hints, l.Shade)));
    }

    [Fact]
    public void Read_OneCellTableWithBorders_IsBoxedOther()
    {
        var lines = TextLines(Read(new DocxFixture()
            .Table(null, "TableGrid", [["Clarification note:", "Both ministries share the task."]])
            .Table(null, "TableGrid", [["Two"], ["cells"]])));

        Assert.Equal([(LineHints.Boxed, BoxShade.Other), (LineHints.Boxed, BoxShade.Other), (LineHints.None, BoxShade.None), (LineHints.None, BoxShade.None)],
            lines.Select(l => (l.Hints, l.Shade)));
    }

    [Fact]
    public void Read_LineBreak_StartsANewLineWithTheSameNumber()
    {
        var doc = Read(new DocxFixture().Paragraph(DocxFixture.Run("First line"), DocxFixture.LineBreak(), DocxFixture.Run("second line"), DocxFixture.LineBreak()));

        Assert.Equal([(1, "First line"), (1, "second line"), (1, "")], doc.Lines.Select(l => (l.Number, l.Text)));
    }

    [Fact]
    public void Read_Tab_BecomesASpace()
    {
        var line = TextLines(Read(new DocxFixture().Paragraph(DocxFixture.Run("Article 5"), DocxFixture.Tab(), DocxFixture.Run("Screening"))))[0];

        Assert.Equal("Article 5 Screening", line.Text);
    }

    [Fact]
    public void Read_EmptyParagraph_EmitsOnlyABlankLine()
    {
        var doc = Read(new DocxFixture().Paragraph("Before.").Empty().Paragraph("After."));

        Assert.Equal([(1, "Before."), (1, ""), (2, ""), (3, "After."), (3, "")], doc.Lines.Select(l => (l.Number, l.Text)));
    }

    [Fact]
    public void Read_DecomposedAccents_AreNormalisedToNfc()
    {
        var line = TextLines(Read(new DocxFixture().Paragraph("Ministe\u0300re de l'e\u0301ducation")))[0];

        Assert.Equal("Minist\u00e8re de l'\u00e9ducation", line.Text);
    }

    [Fact]
    public void Read_ContentControl_IsReadInPlace()
    {
        var lines = TextLines(Read(new DocxFixture().Paragraph("Before.").Add(DocxFixture.ContentControl("Inside one.", "Inside two.")).Paragraph("After.")));

        Assert.Equal([(1, "Before."), (2, "Inside one."), (3, "Inside two."), (4, "After.")], lines.Select(l => (l.Number, l.Text)));
    }

    [Fact]
    public void Read_TextBox_IsReadOnceAsBoxedParagraphsAfterItsAnchor()
    {
        var lines = TextLines(Read(new DocxFixture()
            .Paragraph(DocxFixture.Run("Anchor paragraph."), DocxFixture.TextBox("FFF2CC", "Follow-up actions:", "Publish the guidelines."))
            .Paragraph("Next.")));

        Assert.Equal(["Anchor paragraph.", "Follow-up actions:", "Publish the guidelines.", "Next."], lines.Select(l => l.Text));
        Assert.Equal([(LineHints.None, BoxShade.None), (LineHints.Boxed, BoxShade.Orange), (LineHints.Boxed, BoxShade.Orange), (LineHints.None, BoxShade.None)],
            lines.Select(l => (l.Hints, l.Shade)));
    }

    [Fact]
    public void Read_HiddenText_IsLeftOutWithAWarningQuotingIt()
    {
        var doc = Read(new DocxFixture().Paragraph(DocxFixture.Run("Visible."), DocxFixture.Hidden(" Secret draft note.")), out var warnings);

        Assert.Equal("Visible.", TextLines(doc)[0].Text);
        var w = Assert.Single(warnings);
        Assert.Equal(("docxSkipped", 1), (w.Code, w.Line));
        Assert.Contains("\"Secret draft note.\"", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MixedDocument_SplitsIntoTheExpectedParagraphs()
    {
        var fixture = new DocxFixture();
        var note = fixture.Footnote("Recommendation IV-1.");
        fixture
            .Heading("Awareness raising", 2)
            .Paragraph(DocxFixture.Run("Campaigns reached most schools."), DocxFixture.FootnoteRef(note))
            .Paragraph(DocxFixture.Run("A poster series"), DocxFixture.LineBreak(), DocxFixture.Run("ran for a year."))
            .ListItem("leaflets", DocxFixture.Bullets)
            .ListItem("videos", DocxFixture.Bullets)
            .Shaded("Follow-up actions:", "FBE4D5")
            .Shaded("Evaluate the campaigns.", "FBE4D5");

        var paragraphs = Paragraphs.Split(Read(fixture).Lines);

        Assert.Equal(
            [
                "Awareness raising", "Campaigns reached most schools.¹", "¹ Recommendation IV-1.", "A poster series ran for a year.",
                "- leaflets", "- videos", "Follow-up actions:", "Evaluate the campaigns.",
            ],
            paragraphs.Select(p => p.Text));
        Assert.Equal([1, 2, 2, 3, 4, 5, 6, 7], paragraphs.Select(p => p.Line));
        Assert.Equal(BoxShade.Orange, paragraphs[^1].Shade);
    }

    [Fact]
    public void Read_NonSeekableStream_IsRead()
    {
        var bytes = new DocxFixture().Paragraph("From a pipe.").ToBytes();
        using var stream = new NonSeekableStream(bytes);

        var result = Reader.Read(stream, "pipe.docx", TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal("From a pipe.", result.Value!.Lines[0].Text);
    }

    [Fact]
    public void Sniff_ZipMagic_IsTrueAndOtherBytesFalse()
    {
        Assert.True(Reader.Sniff([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]));
        Assert.False(Reader.Sniff("%PDF-1.7"u8));
        Assert.False(Reader.Sniff([0x50, 0x4B]));
        Assert.False(Reader.Sniff([]));
    }

    public static TheoryData<string, byte[]> CorruptInputs()
    {
        var valid = new DocxFixture().Paragraph("Some text that will be cut off.").ToBytes();
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        return new TheoryData<string, byte[]>
        {
            { "random bytes", random },
            { "empty", [] },
            { "truncated", valid[..(valid.Length / 2)] },
            { "zip magic only", [0x50, 0x4B, 0x03, 0x04] },
            { "zip without a document part", DocxFixture.Zip(("readme.txt", "not a document"u8.ToArray())) },
            { "package without a main part", DocxFixture.Zip(("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"""u8.ToArray())) },
            { "malformed document XML", DocxFixture.ReplaceEntry(valid, "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"u8.ToArray()) },
            { "malformed styles XML", DocxFixture.ReplaceEntry(valid, "word/styles.xml", "<w:styles><oops"u8.ToArray()) },
            { "encrypted (OLE compound file)", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0] },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptInputs))]
    public void Read_CorruptInput_FailsWithAnErrorNamingTheFile(string what, byte[] bytes)
    {
        var result = ReadBytes(bytes);

        Assert.False(result.Success, what);
        Assert.Equal("broken.docx", result.Error!.File);
        Assert.StartsWith("not a valid DOCX document: ", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error.Message);
    }

    [Fact]
    public void Read_EncryptedDocument_SaysSo()
    {
        var result = ReadBytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]);

        Assert.Contains("encrypted", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipBombEntry_IsRefusedBeforeInflating()
    {
        // 20 MB of zeros deflates to a few kilobytes: far beyond 200:1.
        var valid = new DocxFixture().Paragraph("Looks innocent.").ToBytes();
        var bomb = DocxFixture.ReplaceEntry(valid, "word/media/zeros.bin", new byte[20 * 1024 * 1024]);
        Assert.True(bomb.Length < 1024 * 1024);

        var result = ReadBytes(bomb);

        Assert.False(result.Success);
        Assert.Equal("broken.docx", result.Error!.File);
        Assert.Contains("zip bomb", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeeplyNestedXml_IsRefusedBeforeOpenXmlRecursesIntoIt()
    {
        // Open XML's loader recurses per element: a few thousand levels overflow the stack, which no catch survives.
        var depth = 5000;
        var body = string.Concat(Enumerable.Repeat("<w:sdt><w:sdtContent>", depth)) + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
            + string.Concat(Enumerable.Repeat("</w:sdtContent></w:sdt>", depth));
        var xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body + "</w:body></w:document>";
        var bytes = DocxFixture.ReplaceEntry(new DocxFixture().Paragraph("x").ToBytes(), "word/document.xml", System.Text.Encoding.UTF8.GetBytes(xml));

        var result = ReadBytes(bytes);

        Assert.False(result.Success);
        Assert.Contains("deep", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MutatedDocx_NeverThrows()
    {
        var fixture = new DocxFixture();
        var note = fixture.Footnote("A note.");
        var valid = fixture
            .Title("Title").Heading("Heading", 2).ListItem("item", DocxFixture.Decimal).Shaded("box", "FBE4D5")
            .Paragraph(DocxFixture.Run("text"), DocxFixture.FootnoteRef(note), DocxFixture.TextBox("DEEAF6", "in a box"))
            .Table("DEEAF6", null, [["cell"]])
            .ToBytes();
        var random = new Random(20240611);
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (i % 10 == 0) bytes = bytes[..random.Next(bytes.Length)];

            var result = ReadBytes(bytes);

            Assert.True(result.Success || (result.Error!.File == "broken.docx" && !result.Error.Message.Contains('\n', StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Import_TinyFactsheetDocx_Succeeds()
    {
        var fixture = new DocxFixture();
        var note = fixture.Footnote("Recommendation II-6.");
        fixture
            .Title("FACTSHEET – RURITANIA")
            .Heading("II. Legal frameworks", 1)
            .Paragraph(DocxFixture.Run("Ruritania amended its criminal code to cover online grooming."), DocxFixture.FootnoteRef(note))
            .Shaded("Follow-up actions:", "FBE4D5")
            .Shaded("The Committee invites Ruritania to report on the first convictions.", "FBE4D5");
        using var stream = fixture.ToStream();

        var result = DocumentImporter.Default.Import(stream, "x.docx", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal("x.docx", result.Value!.SourceFile);
    }

    [Theory]
    [InlineData("FBE4D5", BoxShade.Orange)]
    [InlineData("#FFE699", BoxShade.Orange)]
    [InlineData("9DC3E6", BoxShade.Blue)]
    [InlineData("E7E6E6", BoxShade.Other)]
    [InlineData("C00000", BoxShade.Other)]
    [InlineData("not-a-colour", BoxShade.Other)]
    public void Classify_FillColour_GivesItsFamily(string hex, BoxShade expected) => Assert.Equal(expected, DocxShades.Classify(hex));

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
        public override long Length => throw new NotSupportedException();
    }
}
