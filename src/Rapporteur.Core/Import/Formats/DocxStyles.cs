using System.Globalization;
using DocumentFormat.OpenXml;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Rapporteur.Core.Import.Formats;

/// <summary>
/// Resolves the paragraph, run and table properties that matter to the reader through the styles part: direct
/// formatting first, then the style and its w:basedOn chain, then the document defaults.
/// </summary>
internal sealed class DocxStyles
{
    // Word refuses deeper chains; a malicious file could loop, so chains stop here too.
    private const int MaxChain = 32;

    private readonly Dictionary<string, W.Style> _byId = new(StringComparer.Ordinal);
    private readonly string? _defaultParagraphStyle;
    private readonly string? _defaultTableStyle;
    private readonly bool _defaultBold;

    public DocxStyles(W.Styles? styles)
    {
        if (styles is null) return;
        foreach (var style in styles.Elements<W.Style>())
        {
            var id = style.StyleId?.Value;
            if (id is null) continue;
            _byId.TryAdd(id, style);
            if (style.Default is { } d && DocxWalker.IsOn(d))
            {
                var type = DocxShades.Text(style.Type);
                if (string.Equals(type, "paragraph", StringComparison.Ordinal)) _defaultParagraphStyle ??= id;
                else if (string.Equals(type, "table", StringComparison.Ordinal)) _defaultTableStyle ??= id;
            }
        }
        var defaultBold = styles.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.GetFirstChild<W.Bold>();
        _defaultBold = defaultBold is not null && DocxWalker.IsOn(defaultBold.Val);
    }

    /// <summary>1–6 for a heading (style Heading n / "heading n" / Title, or an outline level 0–5), otherwise 0.</summary>
    public int HeadingLevel(W.Paragraph paragraph)
    {
        if (OutlineLevel(paragraph.ParagraphProperties?.OutlineLevel) is { } direct) return direct;
        foreach (var style in ParagraphChain(paragraph))
        {
            if (HeadingLevelOfName(style.StyleId?.Value) is { } byId) return byId;
            if (HeadingLevelOfName(style.StyleName?.Val?.Value) is { } byName) return byName;
            if (OutlineLevel(style.StyleParagraphProperties?.OutlineLevel) is { } outline) return outline;
        }
        return 0;
    }

    /// <summary>The first paragraph property of type <typeparamref name="T"/>: direct, then through the style chain.</summary>
    public T? ParagraphProperty<T>(W.Paragraph paragraph)
        where T : OpenXmlElement
    {
        if (paragraph.ParagraphProperties?.GetFirstChild<T>() is { } direct) return direct;
        foreach (var style in ParagraphChain(paragraph))
            if (style.StyleParagraphProperties?.GetFirstChild<T>() is { } styled) return styled;
        return null;
    }

    /// <summary>The paragraph's numbering (numId, ilvl), or null (none, or numId 0 which switches it off).</summary>
    public (int NumId, int? Level, string? StyleId) Numbering(W.Paragraph paragraph)
    {
        var direct = paragraph.ParagraphProperties?.NumberingProperties;
        var numId = DocxWalker.Int(direct?.NumberingId?.Val);
        var level = DocxWalker.Int(direct?.NumberingLevelReference?.Val);
        string? styleId = null;
        if (numId is null)
        {
            foreach (var style in ParagraphChain(paragraph))
            {
                var styled = style.StyleParagraphProperties?.NumberingProperties;
                if (DocxWalker.Int(styled?.NumberingId?.Val) is not { } id) continue;
                numId = id;
                level ??= DocxWalker.Int(styled?.NumberingLevelReference?.Val);
                styleId = style.StyleId?.Value;
                break;
            }
        }
        return (numId ?? 0, level, styleId);
    }

    /// <summary>The numId a numbering style (w:numStyleLink target) points to.</summary>
    public int? NumIdOfStyle(string styleId)
    {
        foreach (var style in Chain(styleId))
            if (DocxWalker.Int(style.StyleParagraphProperties?.NumberingProperties?.NumberingId?.Val) is { } id) return id;
        return null;
    }

    /// <summary>Is the run bold: direct w:b, then the character style chain, the paragraph style chain, the defaults.</summary>
    public bool IsBold(W.Run run, W.Paragraph paragraph)
    {
        if (run.RunProperties?.Bold is { } direct) return DocxWalker.IsOn(direct.Val);
        foreach (var style in Chain(run.RunProperties?.RunStyle?.Val?.Value))
            if (style.StyleRunProperties?.Bold is { } b) return DocxWalker.IsOn(b.Val);
        foreach (var style in ParagraphChain(paragraph))
            if (style.StyleRunProperties?.Bold is { } b) return DocxWalker.IsOn(b.Val);
        return _defaultBold;
    }

    /// <summary>The table's shading and borders through its table style chain (direct properties first).</summary>
    public T? TableProperty<T>(W.Table table)
        where T : OpenXmlElement
    {
        var properties = table.GetFirstChild<W.TableProperties>();
        if (properties?.GetFirstChild<T>() is { } direct) return direct;
        foreach (var style in Chain(properties?.TableStyle?.Val?.Value ?? _defaultTableStyle))
            if (style.StyleTableProperties?.GetFirstChild<T>() is { } styled) return styled;
        return null;
    }

    /// <summary>Cell shading a table style gives every cell (w:style/w:tcPr/w:shd).</summary>
    public W.Shading? TableStyleCellShading(W.Table table)
    {
        foreach (var style in Chain(table.GetFirstChild<W.TableProperties>()?.TableStyle?.Val?.Value ?? _defaultTableStyle))
            if (style.StyleTableCellProperties?.GetFirstChild<W.Shading>() is { } shading) return shading;
        return null;
    }

    private IEnumerable<W.Style> ParagraphChain(W.Paragraph paragraph)
    {
        var id = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        // An unknown style id falls back to the default paragraph style, as Word does.
        return Chain(id is not null && _byId.ContainsKey(id) ? id : _defaultParagraphStyle);
    }

    private IEnumerable<W.Style> Chain(string? styleId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (styleId is not null && seen.Count < MaxChain && seen.Add(styleId) && _byId.TryGetValue(styleId, out var style))
        {
            yield return style;
            styleId = style.BasedOn?.Val?.Value;
        }
    }

    private static int? OutlineLevel(W.OutlineLevel? outline) =>
        DocxWalker.Int(outline?.Val) is { } level ? level is >= 0 and <= 5 ? level + 1 : 0 : null;

    /// <summary>"Heading2", "heading 2", "Title" → level; anything else → null.</summary>
    internal static int? HeadingLevelOfName(string? name)
    {
        if (name is null) return null;
        var n = name.Trim();
        if (string.Equals(n, "Title", StringComparison.OrdinalIgnoreCase)) return 1;
        if (!n.StartsWith("heading", StringComparison.OrdinalIgnoreCase)) return null;
        var rest = n["heading".Length..].TrimStart();
        return rest.Length == 1 && rest[0] is >= '1' and <= '6'
            ? int.Parse(rest, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
    }
}
