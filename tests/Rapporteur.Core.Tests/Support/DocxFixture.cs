using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Rapporteur.Core.Tests.Support;

/// <summary>
/// Builds small DOCX files in memory for reader tests: a styles part (Normal, Heading 1–3, Title, a bold style, an
/// orange box style, a bulleted style, Table Grid), a numbering part (the lists below) and, when used, a footnotes part.
/// </summary>
public sealed class DocxFixture
{
    /// <summary>numId of a bulleted list ("•", then "o").</summary>
    public const int Bullets = 1;

    /// <summary>numId of an ordered list: "%1." decimal, "(%2)" lower letter, "%3)" lower roman.</summary>
    public const int Decimal = 2;

    /// <summary>numId of an upper-roman list ("%1."), as numbered chapter headings use.</summary>
    public const int UpperRoman = 3;

    /// <summary>numId of an upper-letter list ("%1.").</summary>
    public const int UpperLetter = 4;

    /// <summary>A second list on the same definition as <see cref="Decimal"/>: its own counters.</summary>
    public const int Decimal2 = 5;

    private readonly List<OpenXmlElement> _blocks = [];
    private readonly List<Footnote> _footnotes = [];
    private readonly List<Endnote> _endnotes = [];
    private readonly List<(string Id, string Title)> _charts = [];

    public DocxFixture Add(OpenXmlElement block)
    {
        _blocks.Add(block);
        return this;
    }

    public DocxFixture Paragraph(string text) => Add(P(null, Run(text)));

    public DocxFixture Paragraph(params OpenXmlElement[] content) => Add(P(null, content));

    public DocxFixture Styled(string styleId, string text) => Add(P(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), Run(text)));

    public DocxFixture Heading(string text, int level) => Styled("Heading" + level.ToString(System.Globalization.CultureInfo.InvariantCulture), text);

    public DocxFixture Title(string text) => Styled("Title", text);

    public DocxFixture BoldParagraph(string text) => Add(P(null, BoldRun(text)));

    public DocxFixture Empty() => Add(new Paragraph());

    public DocxFixture ListItem(string text, int numId, int level = 0) =>
        Add(P(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = numId })), Run(text)));

    public DocxFixture Shaded(string text, string? fill, string? themeFill = null)
    {
        var shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill };
        if (themeFill is not null) shading.SetAttribute(new OpenXmlAttribute("w", "themeFill", W, themeFill));
        return Add(P(new ParagraphProperties(shading), Run(text)));
    }

    /// <summary>A paragraph with borders on the given sides ("top", "bottom", "left", "right").</summary>
    public DocxFixture Bordered(string text, params string[] sides)
    {
        var borders = new ParagraphBorders();
        foreach (var side in sides)
        {
            BorderType border = side switch
            {
                "top" => new TopBorder(),
                "bottom" => new BottomBorder(),
                "left" => new LeftBorder(),
                _ => new RightBorder(),
            };
            border.Val = BorderValues.Single;
            border.Size = 4;
            borders.Append(border);
        }
        return Add(P(new ParagraphProperties(borders), Run(text)));
    }

    /// <summary>A table: each row a list of cells, each cell a list of paragraph texts; optional fill on every cell.</summary>
    public DocxFixture Table(string? cellFill, string? styleId, params string[][][] rows)
    {
        var table = new Table(new TableProperties(new TableStyle { Val = styleId ?? "TableNormal" }, new TableWidth { Type = TableWidthUnitValues.Auto, Width = "0" }));
        foreach (var row in rows)
        {
            var tr = new TableRow();
            foreach (var cell in row)
            {
                var tcPr = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto, Width = "0" });
                if (cellFill is not null) tcPr.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = cellFill });
                var tc = new TableCell(tcPr);
                foreach (var text in cell) tc.Append(P(null, Run(text)));
                if (cell.Length == 0) tc.Append(new Paragraph());
                tr.Append(tc);
            }
            table.Append(tr);
        }
        return Add(table);
    }

    /// <summary>Adds a footnote (one paragraph per argument) and returns its id for <see cref="FootnoteRef"/>.</summary>
    public int Footnote(params string[] paragraphs)
    {
        var id = _footnotes.Count + 1;
        var note = new Footnote { Id = id };
        var first = true;
        foreach (var text in paragraphs)
        {
            var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "FootnoteText" }));
            if (first) p.Append(new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReferenceMark()));
            p.Append(Run((first ? " " : "") + text));
            note.Append(p);
            first = false;
        }
        _footnotes.Add(note);
        return id;
    }

    /// <summary>Adds an endnote and returns its id for <see cref="EndnoteRef"/>.</summary>
    public int Endnote(string text)
    {
        var id = _endnotes.Count + 1;
        _endnotes.Add(new Endnote(new Paragraph(new Run(new EndnoteReferenceMark()), Run(" " + text))) { Id = id });
        return id;
    }

    /// <summary>A run holding an inline chart whose title is <paramref name="title"/> (the chart part is written by <see cref="ToBytes"/>).</summary>
    public Run Chart(string title)
    {
        var id = "rIdChart" + (_charts.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _charts.Add((id, title));
        var xml =
            $"<w:drawing xmlns:w=\"{W}\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
            + " xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<wp:inline><wp:extent cx=\"3000000\" cy=\"2000000\"/><wp:docPr id=\"9\" name=\"Chart\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
            + $"<c:chart r:id=\"{id}\"/></a:graphicData></a:graphic></wp:inline></w:drawing>";
        return new Run(new Drawing(xml));
    }

    public static Run EndnoteRef(int id) => new(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new EndnoteReference { Id = id });

    public static Paragraph P(ParagraphProperties? properties, params OpenXmlElement[] content)
    {
        var p = new Paragraph();
        if (properties is not null) p.Append(properties);
        p.Append(content);
        return p;
    }

    public static Run Run(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    public static Run BoldRun(string text) => new(new RunProperties(new Bold()), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    public static Run LineBreak() => new(new Break());

    public static Run Tab() => new(new TabChar());

    public static Run FootnoteRef(int id, bool customMark = false)
    {
        var reference = new FootnoteReference { Id = id };
        if (customMark) reference.CustomMarkFollows = true;
        return new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), reference);
    }

    public static Run Hidden(string text) => new(new RunProperties(new Vanish()), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>A DrawingML text box (with its VML fallback, as Word writes it) anchored in a run.</summary>
    public static Run TextBox(string fill, params string[] paragraphs)
    {
        const string wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
        const string a = "http://schemas.openxmlformats.org/drawingml/2006/main";
        const string wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
        const string v = "urn:schemas-microsoft-com:vml";
        var body = string.Concat(paragraphs.Select(t => $"<w:p><w:r><w:t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(t)}</w:t></w:r></w:p>"));
        var xml =
            $"<mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:w=\"{W}\" xmlns:wps=\"{wps}\" xmlns:a=\"{a}\" xmlns:wp=\"{wp}\" xmlns:v=\"{v}\">"
            + "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"1\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">"
            + "<wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"column\"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>"
            + "<wp:extent cx=\"2000000\" cy=\"500000\"/><wp:wrapSquare wrapText=\"bothSides\"/><wp:docPr id=\"1\" name=\"Text Box 1\"/>"
            + "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp><wps:cNvSpPr txBox=\"1\"/>"
            + $"<wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"2000000\" cy=\"500000\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"{fill}\"/></a:solidFill></wps:spPr>"
            + $"<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            + $"<mc:Fallback><w:pict><v:shape fillcolor=\"#{fill}\" style=\"width:150pt;height:40pt\"><v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
            + "</mc:AlternateContent>";
        return new Run(new AlternateContent(xml));
    }

    /// <summary>A block-level content control holding paragraphs.</summary>
    public static SdtBlock ContentControl(params string[] paragraphs) =>
        new(new SdtProperties(new SdtAlias { Val = "Box" }), new SdtContentBlock(paragraphs.Select(t => P(null, Run(t)))));

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(_blocks.Select(b => b.CloneNode(true))));
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Numbering();
            if (_footnotes.Count > 0)
            {
                var footnotes = new Footnotes(
                    new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                    new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
                footnotes.Append(_footnotes.Select(f => f.CloneNode(true)));
                main.AddNewPart<FootnotesPart>().Footnotes = footnotes;
            }
            if (_endnotes.Count > 0)
            {
                var endnotes = new Endnotes(
                    new Endnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                    new Endnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
                endnotes.Append(_endnotes.Select(e => e.CloneNode(true)));
                main.AddNewPart<EndnotesPart>().Endnotes = endnotes;
            }
            foreach (var (id, title) in _charts)
            {
                var chart = main.AddNewPart<ChartPart>(id);
                using var s = chart.GetStream(FileMode.Create);
                s.Write(System.Text.Encoding.UTF8.GetBytes(
                    "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
                    + $"<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{System.Security.SecurityElement.Escape(title)}</a:t></a:r></a:p></c:rich></c:tx></c:title>"
                    + "<c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>"));
            }
        }
        return ms.ToArray();
    }

    public MemoryStream ToStream() => new(ToBytes(), writable: false);

    /// <summary>A zip with the given entries (for inputs that are zips but not DOCX files).</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }

    /// <summary>Replaces one entry of a zip (a DOCX) with other bytes.</summary>
    public static byte[] ReplaceEntry(byte[] docx, string name, byte[] content)
    {
        using var ms = new MemoryStream();
        ms.Write(docx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)?.Delete();
            using var s = zip.CreateEntry(name).Open();
            s.Write(content);
        }
        return ms.ToArray();
    }

    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static Styles Styles()
    {
        var styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(new FontSize { Val = "22" })), new ParagraphPropertiesDefault()),
            new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new StyleRunProperties(new FontSize { Val = "56" }))
            { Type = StyleValues.Paragraph, StyleId = "Title" },
            new Style(new StyleName { Val = "Strong Paragraph" }, new BasedOn { Val = "Normal" }, new StyleRunProperties(new Bold()))
            { Type = StyleValues.Paragraph, StyleId = "StrongParagraph" },
            new Style(new StyleName { Val = "Action Box" }, new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "FBE4D5" }))
            { Type = StyleValues.Paragraph, StyleId = "ActionBox" },
            new Style(new StyleName { Val = "List Bullet" }, new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new NumberingProperties(new NumberingId { Val = Bullets })))
            { Type = StyleValues.Paragraph, StyleId = "ListBullet" },
            new Style(new StyleName { Val = "Body Outline" }, new BasedOn { Val = "Normal" }, new StyleParagraphProperties(new OutlineLevel { Val = 1 }))
            { Type = StyleValues.Paragraph, StyleId = "BodyOutline" },
            new Style(new StyleName { Val = "footnote text" }, new BasedOn { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "FootnoteText" },
            new Style(new StyleName { Val = "Normal Table" }) { Type = StyleValues.Table, StyleId = "TableNormal", Default = true },
            new Style(new StyleName { Val = "Table Grid" }, new BasedOn { Val = "TableNormal" }, new StyleTableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
        for (var level = 1; level <= 3; level++)
        {
            var n = level.ToString(System.Globalization.CultureInfo.InvariantCulture);
            styles.Append(new Style(new StyleName { Val = "heading " + n }, new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new OutlineLevel { Val = level - 1 }), new StyleRunProperties(new Bold()))
            { Type = StyleValues.Paragraph, StyleId = "Heading" + n });
        }
        return styles;
    }

    private static Numbering Numbering()
    {
        static Level Level(int index, NumberFormatValues format, string text, int start = 1) =>
            new(new StartNumberingValue { Val = start }, new NumberingFormat { Val = format }, new LevelText { Val = text }) { LevelIndex = index };
        return new Numbering(
            new AbstractNum(Level(0, NumberFormatValues.Bullet, "\u2022"), Level(1, NumberFormatValues.Bullet, "o")) { AbstractNumberId = 0 },
            new AbstractNum(Level(0, NumberFormatValues.Decimal, "%1."), Level(1, NumberFormatValues.LowerLetter, "(%2)"), Level(2, NumberFormatValues.LowerRoman, "%3)"))
            { AbstractNumberId = 1 },
            new AbstractNum(Level(0, NumberFormatValues.UpperRoman, "%1.")) { AbstractNumberId = 2 },
            new AbstractNum(Level(0, NumberFormatValues.UpperLetter, "%1.")) { AbstractNumberId = 3 },
            new NumberingInstance(new AbstractNumId { Val = 0 }) { NumberID = Bullets },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = Decimal },
            new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = UpperRoman },
            new NumberingInstance(new AbstractNumId { Val = 3 }) { NumberID = UpperLetter },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = Decimal2 });
    }
}
