using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Rapporteur.Core.Import.Text;
using A = DocumentFormat.OpenXml.Drawing;
using M = DocumentFormat.OpenXml.Math;
using W = DocumentFormat.OpenXml.Wordprocessing;
using Wps = DocumentFormat.OpenXml.Office2010.Word.DrawingShape;

namespace Rapporteur.Core.Import.Formats;

/// <summary>
/// Walks a DOCX body in document order and writes the lines a plain-text reading of the printed page would give:
/// one line per paragraph (more after line breaks), a blank line after each, list markers as the reader sees them,
/// footnote markers as superscript digits with the footnote texts after the paragraph that first cites them.
/// </summary>
internal sealed class DocxWalker
{
    // The package guard already refuses deeper XML; this keeps the walk safe should that limit ever move.
    private const int MaxDepth = DocxPackageGuard.MaxXmlDepth;
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly MainDocumentPart _main;
    private readonly DocxStyles _styles;
    private readonly DocxNumbering _numbering;
    private readonly Dictionary<long, W.FootnoteEndnoteType> _footnotes = [];
    private readonly Dictionary<long, W.FootnoteEndnoteType> _endnotes = [];
    private readonly Dictionary<(bool Endnote, long Id), string> _marks = [];
    private readonly HashSet<OpenXmlPart> _reportedParts = [];

    /// <summary>Runs that hold a numbered custom footnote mark, already written as a superscript marker.</summary>
    private readonly HashSet<W.Run> _markRuns = [];
    private readonly List<SourceLine> _lines = [];
    private readonly List<ParseWarning> _warnings = [];
    private readonly CancellationToken _cancellation;
    private int _paragraph;
    private int _nextNote = 1;
    private int _depth;

    private DocxWalker(MainDocumentPart main, CancellationToken cancellation)
    {
        _main = main;
        _cancellation = cancellation;
        _styles = new DocxStyles(main.StyleDefinitionsPart?.Styles);
        _numbering = new DocxNumbering(main.NumberingDefinitionsPart?.Numbering, _styles);
        foreach (var note in main.FootnotesPart?.Footnotes?.Elements<W.Footnote>() ?? [])
            if (Long(note.Id) is { } id && IsContentNote(note)) _footnotes.TryAdd(id, note);
        foreach (var note in main.EndnotesPart?.Endnotes?.Elements<W.Endnote>() ?? [])
            if (Long(note.Id) is { } id && IsContentNote(note)) _endnotes.TryAdd(id, note);
    }

    /// <summary>Reads the main document part. Throws the Open XML and XML exceptions of a damaged part.</summary>
    public static (List<SourceLine> Lines, List<ParseWarning> Warnings) Walk(MainDocumentPart main, CancellationToken cancellation)
    {
        var walker = new DocxWalker(main, cancellation);
        if (main.Document?.Body is { } body) walker.Blocks(body, default);
        walker.ReportUnreferencedNotes();
        return (walker._lines, walker._warnings);
    }

    private readonly record struct Box(bool Boxed, BoxShade Shade);

    /// <summary>What the inline walk of one paragraph collects.</summary>
    private sealed class Inline(int number, bool noteMode)
    {
        public int Number { get; } = number;

        /// <summary>Inside a footnote's own text: no footnote references, text boxes read in line.</summary>
        public bool NoteMode { get; } = noteMode;
        public List<StringBuilder> Lines { get; } = [new()];
        public StringBuilder Current => Lines[^1];
        public bool AnyText { get; set; }
        public bool AllBold { get; set; } = true;
        public List<(string Mark, string Text)> Notes { get; } = [];
        public List<(W.TextBoxContent Content, Box Box)> TextBoxes { get; } = [];
        public StringBuilder Hidden { get; } = new();
    }

    private void Blocks(OpenXmlElement container, Box box)
    {
        if (!Enter(container)) return;
        try
        {
            foreach (var child in container.ChildElements)
            {
                _cancellation.ThrowIfCancellationRequested();
                switch (child)
                {
                    case W.Paragraph p:
                        Paragraph(p, box);
                        break;
                    case W.Table t:
                        Table(t, box);
                        break;
                    case W.AltChunk:
                        Skipped(_paragraph, "an imported document chunk (w:altChunk) was not read: its text is missing from the import");
                        break;
                    case AlternateContent ac:
                        if (Chosen(ac) is { } chosen) Blocks(chosen, box);
                        break;
                    case W.SectionProperties or W.SdtProperties or W.SdtEndCharProperties:
                        break;
                    default:
                        // Content controls (w:sdt/w:sdtContent), custom XML and revision wrappers hold blocks.
                        if (child.HasChildren) Blocks(child, box);
                        break;
                }
            }
        }
        finally
        {
            _depth--;
        }
    }

    private void Table(W.Table table, Box outer)
    {
        var cells = CellsOf(table).Take(2).ToList();
        var single = cells.Count == 1 ? cells[0] : null;
        var singleBox = single is not null
            && (IsBox(_styles.TableProperty<W.TableBorders>(table)) || IsBox(single.TableCellProperties?.TableCellBorders));
        TableContent(table, table, outer, singleBox);
    }

    private void TableContent(OpenXmlElement container, W.Table table, Box outer, bool singleBox)
    {
        if (!Enter(container)) return;
        try
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case W.TableCell cell:
                        Blocks(cell, CellBox(cell, table, outer, singleBox));
                        break;
                    case W.TableProperties or W.TableGrid or W.TableRowProperties or W.TablePropertyExceptions or W.SdtProperties:
                        break;
                    case AlternateContent ac:
                        if (Chosen(ac) is { } chosen) TableContent(chosen, table, outer, singleBox);
                        break;
                    default:
                        // Rows, and rows or cells wrapped in content controls or custom XML.
                        if (child.HasChildren) TableContent(child, table, outer, singleBox);
                        break;
                }
            }
        }
        finally
        {
            _depth--;
        }
    }

    private Box CellBox(W.TableCell cell, W.Table table, Box outer, bool singleBox)
    {
        var shading = cell.TableCellProperties?.Shading ?? _styles.TableProperty<W.Shading>(table) ?? _styles.TableStyleCellShading(table);
        if (DocxShades.Of(shading) is { } shade) return new Box(true, shade);
        if (singleBox) return new Box(true, outer.Boxed ? outer.Shade : BoxShade.Other);
        return outer;
    }

    private static IEnumerable<W.TableCell> CellsOf(OpenXmlElement container)
    {
        foreach (var child in container.ChildElements)
        {
            if (child is W.TableCell cell) yield return cell;
            else if (child is not W.Table && child.HasChildren)
                foreach (var c in CellsOf(child)) yield return c;
        }
    }

    private void Paragraph(W.Paragraph p, Box box)
    {
        var number = ++_paragraph;
        var content = new Inline(number, noteMode: false);
        InlineContent(p, p, content);

        var heading = _styles.HeadingLevel(p);
        var (numId, level, numStyle) = _styles.Numbering(p);
        var marker = numId == 0 ? null : _numbering.Next(numId, level ?? (numStyle is null ? 0 : _numbering.LevelForStyle(numId, numStyle)));
        var hints = LineHints.None;
        if (heading > 0) hints |= LineHints.Heading;
        // A numbered heading ("II. Legal frameworks") shows its number but is not a list item.
        else if (marker is not null) hints |= LineHints.ListItem;
        if (content.AnyText && content.AllBold) hints |= LineHints.Bold;
        var shade = ParagraphShade(p, box);
        if (shade is not null) hints |= LineHints.Boxed;

        var lines = Texts(content.Lines.Select(l => l.ToString()), number);
        for (var i = 0; i < lines.Count; i++)
        {
            var text = i == 0 && marker is not null ? marker + lines[i] : lines[i];
            _lines.Add(new SourceLine(number, text, hints, null, heading, shade ?? BoxShade.None));
        }
        _lines.Add(new SourceLine(number, ""));

        foreach (var (mark, text) in content.Notes)
        {
            _lines.Add(new SourceLine(number, Normalize(mark + " " + text, number)));
            _lines.Add(new SourceLine(number, ""));
        }
        ReportHidden(content);
        // Text boxes are read as paragraphs of their own, right after the paragraph that anchors them.
        foreach (var (textBox, textBoxBox) in content.TextBoxes) Blocks(textBox, textBoxBox);
    }

    private BoxShade? ParagraphShade(W.Paragraph p, Box box)
    {
        if (DocxShades.Of(_styles.ParagraphProperty<W.Shading>(p)) is { } own) return own;
        if (box.Boxed) return box.Shade;
        return IsBox(_styles.ParagraphProperty<W.ParagraphBorders>(p)) ? BoxShade.Other : null;
    }

    /// <summary>The paragraph's lines: trimmed, NFC, without blank lines at either end (a trailing w:br).</summary>
    private List<string> Texts(IEnumerable<string> raw, int number)
    {
        var lines = raw.Select(t => Normalize(t, number).Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        return lines;
    }

    private void InlineContent(OpenXmlElement container, W.Paragraph p, Inline c)
    {
        if (!Enter(container)) return;
        try
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case W.Run run:
                        if (_markRuns.Remove(run)) break;
                        RunContent(run, run, p, c, Hidden(run));
                        break;
                    case W.ParagraphProperties or W.SdtProperties or W.SdtEndCharProperties:
                        break;
                    case W.DeletedRun or W.MoveFromRun:
                        // Tracked deletions are not the document's text.
                        break;
                    case AlternateContent ac:
                        if (Chosen(ac) is { } chosen) InlineContent(chosen, p, c);
                        break;
                    case M.Paragraph or M.OfficeMath:
                        // Equations keep their characters in order; their two-dimensional layout is lost.
                        c.Current.Append(string.Concat(child.Descendants<M.Text>().Select(t => t.Text)));
                        c.AnyText |= child.Descendants<M.Text>().Any(t => !string.IsNullOrWhiteSpace(t.Text));
                        break;
                    default:
                        // Hyperlinks, fields, content controls, insertions, smart tags: their runs are text.
                        if (child.HasChildren) InlineContent(child, p, c);
                        break;
                }
            }
        }
        finally
        {
            _depth--;
        }
    }

    private void RunContent(OpenXmlElement container, W.Run run, W.Paragraph p, Inline c, bool hidden)
    {
        var target = hidden ? c.Hidden : null;
        bool? bold = null;
        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case W.Text t:
                    Append(t.Text, visible: true);
                    break;
                case W.TabChar or W.PositionalTab:
                    Append(" ", visible: false);
                    break;
                case W.Break or W.CarriageReturn:
                    if (hidden) c.Hidden.Append(' ');
                    else c.Lines.Add(new StringBuilder());
                    break;
                case W.NoBreakHyphen:
                    Append("-", visible: true);
                    break;
                case W.SymbolChar sym:
                    Append(Symbol(sym), visible: true);
                    break;
                case W.FootnoteReference reference:
                    if (!c.NoteMode && !hidden) NoteReference(reference, endnote: false, run, c);
                    break;
                case W.EndnoteReference reference:
                    if (!c.NoteMode && !hidden) NoteReference(reference, endnote: true, run, c);
                    break;
                case W.Drawing or W.Picture or W.EmbeddedObject:
                    Drawing(child, c);
                    break;
                case AlternateContent ac:
                    if (Chosen(ac) is { } chosen) RunContent(chosen, run, p, c, hidden);
                    break;
                default:
                    // Run properties, deleted text, field codes, page-break marks, footnote-number placeholders.
                    break;
            }
        }

        void Append(string? text, bool visible)
        {
            if (string.IsNullOrEmpty(text)) return;
            (target ?? c.Current).Append(text);
            if (hidden || !visible || string.IsNullOrWhiteSpace(text)) return;
            c.AnyText = true;
            bold ??= _styles.IsBold(run, p);
            c.AllBold &= bold.Value;
        }
    }

    private static bool Hidden(W.Run run) => run.RunProperties?.Vanish is { } vanish && IsOn(vanish.Val);

    private void NoteReference(W.FootnoteEndnoteReferenceType reference, bool endnote, W.Run run, Inline c)
    {
        var id = Long(reference.Id);
        var markRun = reference.CustomMarkFollows is { } custom && IsOn(custom) ? run.ElementsAfter().OfType<W.Run>().FirstOrDefault() : null;
        var customMark = markRun is null ? "" : string.Concat(markRun.Elements<W.Text>().Select(t => t.Text)).Trim();
        // A custom mark that is a number ("102": a footnote kept out of Word's sequence) is that footnote's number,
        // written as superscript like any other marker, in the text and before the note's own text.
        var numbered = customMark.Length is > 0 and <= 4 && customMark.All(char.IsAsciiDigit);
        if (numbered) _markRuns.Add(markRun!);
        var key = (endnote, id ?? long.MinValue);
        if (!_marks.TryGetValue(key, out var mark))
        {
            // One sequence for footnotes and endnotes, so that every marker in the lines names one definition.
            mark = numbered ? Superscript.FromNumber(int.Parse(customMark, CultureInfo.InvariantCulture))
                : customMark.Length > 0 ? customMark : Superscript.FromNumber(_nextNote++);
            _marks[key] = mark;
            var kind = endnote ? "endnote" : "footnote";
            if (id is { } i && (endnote ? _endnotes : _footnotes).TryGetValue(i, out var note))
                c.Notes.Add((mark, WithoutMark(PlainText(note, c.Number), customMark)));
            else
                _warnings.Add(new ParseWarning("footnoteUndefined", c.Number,
                    string.Create(CultureInfo.InvariantCulture, $"{kind} reference {reference.Id?.InnerText ?? "(no id)"} (marker {mark}) has no {kind} text in the document")));
        }
        // Any other custom mark (w:customMarkFollows) is the text of the run that follows, which the walk writes anyway.
        if (customMark.Length == 0 || numbered) c.Current.Append(mark);
    }

    /// <summary>A note with a custom mark starts with that mark, as Word writes it: the mark is not the note's text.</summary>
    private static string WithoutMark(string text, string customMark) =>
        customMark.Length > 0 && text.StartsWith(customMark, StringComparison.Ordinal) ? text[customMark.Length..].TrimStart() : text;

    /// <summary>The text of a footnote or text box: its paragraphs joined by a space.</summary>
    private string PlainText(OpenXmlElement container, int number)
    {
        var parts = new List<string>();
        Collect(container);
        return string.Join(' ', parts);

        void Collect(OpenXmlElement e)
        {
            if (!Enter(e)) return;
            try
            {
                foreach (var child in e.ChildElements)
                {
                    if (child is W.Paragraph p)
                    {
                        var c = new Inline(number, noteMode: true);
                        InlineContent(p, p, c);
                        ReportHidden(c);
                        var text = string.Join(' ', c.Lines.Select(l => l.ToString().Trim()).Where(l => l.Length > 0));
                        if (text.Length > 0) parts.Add(text);
                    }
                    else if (child is AlternateContent ac)
                    {
                        if (Chosen(ac) is { } chosen) Collect(chosen);
                    }
                    else if (child.HasChildren) Collect(child);
                }
            }
            finally
            {
                _depth--;
            }
        }
    }

    /// <summary>Text boxes inside a drawing are read; charts and diagrams are not, and their text is quoted in a warning.</summary>
    private void Drawing(OpenXmlElement host, Inline c)
    {
        foreach (var textBox in TextBoxes(host))
        {
            if (c.NoteMode)
            {
                var text = PlainText(textBox, c.Number);
                if (text.Length > 0) c.Current.Append(' ').Append(text);
            }
            else c.TextBoxes.Add((textBox, TextBoxBox(textBox)));
        }
        ReportSkippedParts(host, c.Number);
        if (host is W.EmbeddedObject && host.Descendants().Any(e => string.Equals(e.LocalName, "OLEObject", StringComparison.Ordinal)))
            Skipped(c.Number, "an embedded object (OLE) was not read: any text it holds is missing from the import");
    }

    private static IEnumerable<W.TextBoxContent> TextBoxes(OpenXmlElement e)
    {
        foreach (var child in e.ChildElements)
        {
            if (child is W.TextBoxContent box) yield return box;
            else if (child is AlternateContent ac)
            {
                // Word writes each text box twice (DrawingML choice, VML fallback): read one.
                if (Chosen(ac) is { } chosen)
                    foreach (var b in TextBoxes(chosen)) yield return b;
            }
            else if (child.HasChildren)
                foreach (var b in TextBoxes(child)) yield return b;
        }
    }

    /// <summary>A text box is a box; its shape's solid fill (DrawingML or VML) gives the shade.</summary>
    private static Box TextBoxBox(W.TextBoxContent textBox)
    {
        foreach (var ancestor in textBox.Ancestors())
        {
            if (ancestor is Wps.WordprocessingShape shape)
            {
                var fill = shape.GetFirstChild<Wps.ShapeProperties>()?.GetFirstChild<A.SolidFill>()?.RgbColorModelHex?.Val?.Value;
                return new Box(true, FillShade(fill));
            }
            var vmlFill = ancestor.GetAttributes().FirstOrDefault(a => string.Equals(a.LocalName, "fillcolor", StringComparison.Ordinal)).Value;
            if (vmlFill is not null)
            {
                var hex = vmlFill.TrimStart('#');
                return new Box(true, FillShade(hex.Length >= 6 ? hex[..6] : hex));
            }
        }
        return new Box(true, BoxShade.Other);
    }

    private static BoxShade FillShade(string? hex) =>
        DocxShades.IsHex(hex) && !string.Equals(hex, "FFFFFF", StringComparison.OrdinalIgnoreCase) ? DocxShades.Classify(hex!) : BoxShade.Other;

    private void ReportSkippedParts(OpenXmlElement host, int number)
    {
        foreach (var element in host.Descendants())
        {
            foreach (var attribute in element.GetAttributes())
            {
                if (!string.Equals(attribute.NamespaceUri, RelationshipsNamespace, StringComparison.Ordinal) || attribute.Value is null) continue;
                if (!_main.TryGetPartById(attribute.Value, out var part) || part is not (ChartPart or DiagramDataPart or ExtendedChartPart)) continue;
                if (!_reportedParts.Add(part)) continue;
                var what = part is DiagramDataPart ? "a diagram (SmartArt)" : "a chart";
                string text;
                try
                {
                    text = string.Join(' ', part.RootElement?.Descendants<A.Text>().Select(t => t.Text.Trim()).Where(t => t.Length > 0) ?? []);
                }
                catch (Exception e) when (e is XmlException or InvalidDataException or IOException)
                {
                    // Only the chart is lost, not the document: say so and go on.
                    Skipped(number, $"{what} was not read, and its part is damaged");
                    continue;
                }
                if (text.Length > 0) Skipped(number, $"{what} was not read; its text: \"{Normalize(text, number)}\"");
            }
        }
    }

    private void ReportHidden(Inline c)
    {
        var hidden = c.Hidden.ToString().Trim();
        if (hidden.Length > 0) Skipped(c.Number, $"hidden text (w:vanish) was not read: \"{Normalize(hidden, c.Number)}\"");
    }

    private void ReportUnreferencedNotes()
    {
        foreach (var (endnote, notes) in new[] { (false, _footnotes), (true, _endnotes) })
        {
            foreach (var (id, note) in notes)
            {
                if (_marks.ContainsKey((endnote, id))) continue;
                var text = PlainText(note, 0);
                if (text.Length == 0) continue;
                var kind = endnote ? "endnote" : "footnote";
                Skipped(0, string.Create(CultureInfo.InvariantCulture, $"{kind} {id} is never referenced in the text, so it was not read: \"{Normalize(text, 0)}\""));
            }
        }
    }

    private void Skipped(int number, string message) => _warnings.Add(new ParseWarning("docxSkipped", number, message));

    private string Normalize(string text, int number)
    {
        var normalized = SourceDocument.NormalizeNfc(text.Replace('\t', ' '), out _, out var replaced);
        if (replaced > 0)
            _warnings.Add(new ParseWarning("invalidCharacters", number,
                string.Create(CultureInfo.InvariantCulture, $"{replaced} invalid Unicode code point{(replaced > 1 ? "s were" : " was")} replaced by U+FFFD")));
        return normalized;
    }

    private bool Enter(OpenXmlElement container)
    {
        if (++_depth <= MaxDepth) return true;
        _depth--;
        var text = container.InnerText.Trim();
        Skipped(_paragraph, text.Length > 0
            ? $"content nested more than {MaxDepth} levels deep was not read: \"{text}\""
            : $"content nested more than {MaxDepth} levels deep was not read");
        return false;
    }

    private static OpenXmlElement? Chosen(AlternateContent ac) =>
        (OpenXmlElement?)ac.GetFirstChild<AlternateContentChoice>() ?? ac.GetFirstChild<AlternateContentFallback>();

    private static bool IsContentNote(W.FootnoteEndnoteType note) =>
        DocxShades.Text(note.Type) is null or "normal";

    /// <summary>Borders that draw a box: a side border, or both top and bottom. A lone rule under a heading is no box.</summary>
    private static bool IsBox(OpenXmlElement? borders)
    {
        if (borders is null) return false;
        bool top = false, bottom = false, side = false;
        foreach (var border in borders.Elements<W.BorderType>())
        {
            if (DocxShades.Text(border.Val) is null or "none" or "nil") continue;
            switch (border)
            {
                case W.TopBorder: top = true; break;
                case W.BottomBorder: bottom = true; break;
                case W.LeftBorder or W.RightBorder or W.StartBorder or W.EndBorder: side = true; break;
            }
        }
        return side || (top && bottom);
    }

    private static string Symbol(W.SymbolChar sym) =>
        int.TryParse(sym.Char?.InnerText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
        && cp is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)
            ? char.ConvertFromUtf32(cp)
            : "\uFFFD";

    /// <summary>An on/off attribute: absent means on; "0", "false", "off" mean off.</summary>
    internal static bool IsOn(OpenXmlSimpleType? value)
    {
        if (value is null) return true;
        var text = value.InnerText?.Trim();
        return !(string.Equals(text, "0", StringComparison.Ordinal)
            || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, "off", StringComparison.OrdinalIgnoreCase));
    }

    internal static int? Int(OpenXmlSimpleType? value) =>
        value is not null && int.TryParse(value.InnerText, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out var n) ? n : null;

    internal static long? Long(OpenXmlSimpleType? value) =>
        value is not null && long.TryParse(value.InnerText, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out var n) ? n : null;
}
