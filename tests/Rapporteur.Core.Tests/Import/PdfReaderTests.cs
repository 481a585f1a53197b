using Rapporteur.Core.Import;
using Rapporteur.Core.Import.Formats;
using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Import;

public class PdfReaderTests
{
    private static ParseResult<SourceDocument> Read(PdfFixture pdf, string fileName = "x.pdf")
    {
        using var stream = pdf.ToStream();
        return new PdfReader().Read(stream, fileName, TestContext.Current.CancellationToken);
    }

    private static SourceDocument ReadOk(PdfFixture pdf)
    {
        var result = Read(pdf);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    private static string[] Texts(SourceDocument doc) => doc.Lines.Select(l => l.Text).ToArray();

    [Fact]
    public void Sniff_PdfMagic_IsTrue()
    {
        Assert.True(new PdfReader().Sniff("%PDF-1.7\n"u8));
        Assert.False(new PdfReader().Sniff("PK\u0003\u0004"u8));
        Assert.False(new PdfReader().Sniff([]));
    }

    [Fact]
    public void Read_TwoLines_AreReadTopToBottomWithNumbersAndPage()
    {
        using var pdf = new PdfFixture().Page().Text("Second line", 120).Text("First line", 106.5);
        var doc = ReadOk(pdf);
        Assert.Equal(["First line", "Second line"], Texts(doc));
        Assert.Equal([1, 2], doc.Lines.Select(l => l.Number));
        Assert.All(doc.Lines, l => Assert.Equal(1, l.Page));
        Assert.Equal("pdf", doc.Format);
        Assert.True(doc.HasLayout);
    }

    [Fact]
    public void Read_TwoWordsOnOneBaselineWithAGap_AreJoinedByOneSpace()
    {
        using var pdf = new PdfFixture().Page().Text("Question 7", 100).Text("Reporting duties", 100, x: 220);
        var doc = ReadOk(pdf);
        Assert.Equal(["Question 7 Reporting duties"], Texts(doc));
    }

    [Fact]
    public void Read_SuperscriptDigits_BecomeUnicodeSuperscript()
    {
        using var pdf = new PdfFixture().Page().TextWithMarker("The ferry timetable follows the harbour rules", "8", " set last spring.", 100);
        var doc = ReadOk(pdf);
        Assert.Equal(["The ferry timetable follows the harbour rules⁸ set last spring."], Texts(doc));
    }

    [Fact]
    public void Read_TwoDigitMarkerBeforePunctuation_IsGluedToTheWord()
    {
        using var pdf = new PdfFixture().Page().TextWithMarker("Lanterns were counted twice", "12", ".", 100);
        Assert.Equal(["Lanterns were counted twice¹²."], Texts(ReadOk(pdf)));
    }

    [Fact]
    public void Read_FootnoteDefinitionAtPageFoot_StartsWithSuperscriptNumberAndOneSpace()
    {
        using var pdf = new PdfFixture().Page()
            .Lines(100, ["A body line about the orchard survey.", "Another body line about the orchard survey."])
            .TextWithMarker("", "4", "Orchard census, second wave.", 760, size: 8);
        var doc = ReadOk(pdf);
        Assert.Equal("⁴ Orchard census, second wave.", doc.Lines[^1].Text);
    }

    [Fact]
    public void Read_DigitsAtBodySize_StayPlainDigits()
    {
        using var pdf = new PdfFixture().Page().Text("Room 12 opens at 9.", 100);
        Assert.Equal(["Room 12 opens at 9."], Texts(ReadOk(pdf)));
    }

    [Fact]
    public void Read_LargeVerticalGap_StartsANewParagraph()
    {
        using var pdf = new PdfFixture().Page()
            .Lines(100, ["The first paragraph starts here", "and it carries on over this line", "and ends on a third."])
            .Lines(160, ["The second paragraph is short", "and ends here."]);
        var doc = ReadOk(pdf);
        var paragraphs = Paragraphs.Split(doc.Lines);
        Assert.Equal(2, paragraphs.Count);
        Assert.Equal("The first paragraph starts here and it carries on over this line and ends on a third.", paragraphs[0].Text);
        Assert.Equal("The second paragraph is short and ends here.", paragraphs[1].Text);
        Assert.Equal(5, paragraphs[1].Line);
        Assert.True(doc.Lines[3].IsBlank);
    }

    [Fact]
    public void Read_SecondPage_StartsWithABlankLineAndCarriesItsPageNumber()
    {
        using var pdf = new PdfFixture()
            .Page().Lines(100, ["Page one opens.", "Page one closes."])
            .Page().Lines(100, ["Page two opens."]);
        var doc = ReadOk(pdf);
        Assert.Equal(["Page one opens.", "Page one closes.", "", "Page two opens."], Texts(doc));
        Assert.Equal([1, 1, 2, 2], doc.Lines.Select(l => l.Page ?? 0));
        Assert.Equal([1, 2, 3, 4], doc.Lines.Select(l => l.Number));
    }

    [Fact]
    public void Read_RunningHeaderAndPageNumbers_AreRemovedWithAWarningEach()
    {
        using var pdf = new PdfFixture();
        for (var p = 1; p <= 3; p++)
        {
            pdf.Page()
                .Text("Fictional Monitoring Report 2031", 40, size: 9)
                .Lines(120, [$"Body text of page {p} about lighthouses.", "It has a second line."])
                .Text(p == 2 ? "- 2 -" : $"Page {p} of 3", 815, size: 9);
        }
        var result = Read(pdf);
        Assert.True(result.Success);
        var texts = Texts(result.Value!);
        Assert.DoesNotContain(texts, t => t.Contains("Monitoring Report", StringComparison.Ordinal) || t.StartsWith("Page", StringComparison.Ordinal) || t.Contains("- 2 -", StringComparison.Ordinal));
        Assert.Contains("Body text of page 3 about lighthouses.", texts);
        var furniture = result.Warnings.Where(w => w.Code == "pageFurniture").ToList();
        Assert.Equal(6, furniture.Count);
        Assert.Contains(furniture, w => w.Message == "removed running header/footer on page 1: \"Fictional Monitoring Report 2031\"");
        Assert.Contains(furniture, w => w.Message == "removed running header/footer on page 2: \"- 2 -\"");
        Assert.Contains(furniture, w => w.Message == "removed running header/footer on page 3: \"Page 3 of 3\"");
        Assert.All(furniture, w => Assert.InRange(w.Line, 1, result.Value!.Lines.Count));
    }

    [Fact]
    public void Read_MarginLineOnFewPages_IsKept()
    {
        using var pdf = new PdfFixture();
        for (var p = 1; p <= 4; p++)
        {
            pdf.Page().Lines(120, [$"Body of page {p}."]);
            if (p == 1) pdf.Text("Draft for the tide committee", 40, size: 9);
        }
        var doc = ReadOk(pdf);
        Assert.Contains("Draft for the tide committee", Texts(doc));
    }

    [Fact]
    public void Read_HeaderCarryingThePageNumber_IsRemovedFromThreePagesOn()
    {
        using var pdf = new PdfFixture();
        for (var p = 8; p <= 14; p++)
        {
            pdf.Page().Lines(120, [$"Body of printed page {p}."]);
            // Part Two runs over printed pages 9 to 11 only: fewer than half of the pages, but numbered.
            if (p is >= 9 and <= 11) pdf.Text($"Part Two: Tides {p}", 40, size: 9);
        }
        var result = Read(pdf);
        var texts = Texts(result.GetValueOrThrow());
        Assert.DoesNotContain(texts, t => t.StartsWith("Part Two", StringComparison.Ordinal));
        Assert.Equal(3, result.Warnings.Count(w => w.Code == "pageFurniture"));
    }

    [Fact]
    public void Read_MissingEofMarker_IsReadWithATruncationWarning()
    {
        using var pdf = new PdfFixture().Page().Text("Almost whole.", 100);
        var bytes = pdf.Build();
        var cut = bytes.AsSpan().LastIndexOf("%%EOF"u8);
        using var stream = new MemoryStream(bytes[..cut]);
        var result = new PdfReader().Read(stream, "cut.pdf", TestContext.Current.CancellationToken);
        Assert.Equal(["Almost whole."], Texts(result.GetValueOrThrow()));
        Assert.Contains(result.Warnings, w => w.Code == "truncated");
    }

    [Fact]
    public void Read_BoldLine_HasBoldHint()
    {
        using var pdf = new PdfFixture().Page().Text("Harbour access", 100, bold: true).Text("Boats may dock at dawn.", 114);
        var doc = ReadOk(pdf);
        Assert.Equal(LineHints.Bold, doc.Lines[0].Hints);
        Assert.Equal(LineHints.None, doc.Lines[1].Hints);
    }

    [Fact]
    public void Read_LargerFonts_AreHeadingsWithLevelsBySize()
    {
        using var pdf = new PdfFixture().Page()
            .Text("Chapter One", 80, size: 20, bold: true)
            .Text("A section", 120, size: 15)
            .Lines(150, ["Body text runs along here at the usual size.", "More body text at the usual size follows.", "Last body line."]);
        var doc = ReadOk(pdf);
        var chapter = doc.Lines.Single(l => l.Text == "Chapter One");
        var section = doc.Lines.Single(l => l.Text == "A section");
        var body = doc.Lines.Single(l => l.Text == "Last body line.");
        Assert.Equal((LineHints.Heading | LineHints.Bold, 1), (chapter.Hints, chapter.HeadingLevel));
        Assert.Equal((LineHints.Heading, 2), (section.Hints, section.HeadingLevel));
        Assert.Equal((LineHints.None, 0), (body.Hints, body.HeadingLevel));
    }

    [Theory]
    [InlineData(250, 200, 120, BoxShade.Orange)]
    [InlineData(255, 240, 150, BoxShade.Orange)]
    [InlineData(200, 220, 245, BoxShade.Blue)]
    [InlineData(220, 220, 220, BoxShade.Other)]
    [InlineData(200, 240, 200, BoxShade.Other)]
    public void Read_LinesOnAFilledBox_AreBoxedWithTheShadeOfTheFill(byte r, byte g, byte b, BoxShade expected)
    {
        using var pdf = new PdfFixture().Page()
            .Text("Outside the box.", 80)
            .Box(60, 100, 400, 40, r, g, b)
            .Lines(115, ["Inside the box, first line.", "Inside the box, second line."])
            .Text("Below the box.", 170);
        var doc = ReadOk(pdf);
        var inside = doc.Lines.Where(l => l.Text.StartsWith("Inside", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, inside.Count);
        Assert.All(inside, l => Assert.Equal((LineHints.Boxed, expected), (l.Hints, l.Shade)));
        Assert.All(doc.Lines.Where(l => !l.IsBlank && !l.Text.StartsWith("Inside", StringComparison.Ordinal)),
            l => Assert.Equal((LineHints.None, BoxShade.None), (l.Hints, l.Shade)));
        var paragraphs = Paragraphs.Split(doc.Lines);
        Assert.Contains(paragraphs, p => p.Text == "Inside the box, first line. Inside the box, second line." && p.Shade == expected);
    }

    [Fact]
    public void Read_WhiteFill_IsNotABox()
    {
        using var pdf = new PdfFixture().Page().Box(60, 100, 400, 40, 255, 255, 255).Text("On white.", 115);
        Assert.Equal(LineHints.None, ReadOk(pdf).Lines[0].Hints);
    }

    [Fact]
    public void Read_NonSeekableStream_IsRead()
    {
        using var pdf = new PdfFixture().Page().Text("Through a pipe.", 100);
        using var stream = new ForwardOnlyStream(pdf.Build());
        var result = new PdfReader().Read(stream, "pipe.pdf", TestContext.Current.CancellationToken);
        Assert.Equal(["Through a pipe."], Texts(result.GetValueOrThrow()));
    }

    [Fact]
    public void Read_NoTextLayer_FailsAskingForOcr()
    {
        using var pdf = new PdfFixture().Page().Box(60, 100, 400, 300, 120, 120, 120);
        var result = Read(pdf, "scan.pdf");
        Assert.False(result.Success);
        Assert.Equal(new ParseError("scan.pdf", "the PDF has no text layer (scanned?); OCR it first"), result.Error);
    }

    public static TheoryData<string> CorruptInputs => ["random bytes", "header then garbage", "truncated", "empty"];

    [Theory]
    [MemberData(nameof(CorruptInputs))]
    public void Read_CorruptInput_FailsNamingTheFile(string kind)
    {
        var bytes = kind switch
        {
            "random bytes" => RandomBytes(4096),
            "header then garbage" => [.. "%PDF-1.7\n"u8, .. RandomBytes(4096)],
            "truncated" => Truncated(),
            _ => [],
        };
        using var stream = new MemoryStream(bytes);
        var result = new PdfReader().Read(stream, "broken.pdf", TestContext.Current.CancellationToken);
        Assert.False(result.Success);
        Assert.Equal("broken.pdf", result.Error!.File);
        Assert.StartsWith("not a readable PDF: ", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error.Message);
    }

    [Fact]
    public void Read_EmptyStream_SaysTheFileIsEmpty()
    {
        using var stream = new MemoryStream();
        var result = new PdfReader().Read(stream, "empty.pdf", TestContext.Current.CancellationToken);
        Assert.Equal(new ParseError("empty.pdf", "not a readable PDF: the file is empty"), result.Error);
    }

    [Fact]
    public void Read_MutatedPdfs_NeverThrow()
    {
        using var pdf = new PdfFixture()
            .Page().Text("Heading of the sample", 80, size: 16, bold: true).Lines(120, ["One line of body text.", "Another line of body text."])
            .Box(60, 200, 300, 40, 250, 200, 120).Text("A boxed line.", 215)
            .Page().TextWithMarker("A marked word", "3", " and more.", 100);
        var original = pdf.Build();
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = (byte[])original.Clone();
            var flips = random.Next(1, 24);
            for (var f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            using var stream = new MemoryStream(bytes);
            var result = new PdfReader().Read(stream, "mutated.pdf", TestContext.Current.CancellationToken);
            if (!result.Success) Assert.Equal("mutated.pdf", result.Error!.File);
        }
    }

    [Fact]
    public void Import_TinyPdf_Succeeds()
    {
        using var pdf = new PdfFixture().Page()
            .Text("Question 1  Awareness", 100, size: 14, bold: true)
            .Text("1.1. Is there a helpline?", 130)
            .Text("Yes, a free line answers day and night in three languages.", 150);
        using var stream = pdf.ToStream();
        var result = DocumentImporter.Default.Import(stream, "x.pdf", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Success, result.Error?.ToString());
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20310).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Truncated()
    {
        using var pdf = new PdfFixture().Page().Lines(100, ["A complete document", "cut in half."]);
        var whole = pdf.Build();
        return whole[..(whole.Length / 2)];
    }

    /// <summary>A stream that can only be read forwards, like a network stream.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
