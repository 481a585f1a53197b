using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Docx;

/// <summary>The styles part: Normal, Title, Subtitle, Heading 1–3 (with outline levels, so Word's navigation pane and
/// table of contents see them), Recommendation, Box Label, Contents, and the footnote text and reference styles.</summary>
internal static class DocxStyleSheet
{
    public const string Title = "Title";
    public const string Subtitle = "Subtitle";
    public const string Recommendation = "Recommendation";
    public const string BoxLabel = "BoxLabel";
    public const string ContentsHeading = "TOCHeading";
    public const string Contents = "TOC1";
    public const string FootnoteText = "FootnoteText";
    public const string FootnoteReference = "FootnoteReference";

    public static string Heading(int level) => "Heading" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The styles, with the document's proofing language (<paramref name="language"/>: "en" → en-GB, "fr" →
    /// fr-FR, as the Council of Europe writes them; anything else as given).</summary>
    public static Styles Build(string language = "en")
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "DejaVu Sans", HighAnsi = "DejaVu Sans", ComplexScript = "DejaVu Sans", EastAsia = "DejaVu Sans" },
                    new Color { Val = Palette.Ink },
                    new FontSize { Val = "20" },
                    new FontSizeComplexScript { Val = "20" },
                    new Languages { Val = language switch { "en" => "en-GB", "fr" => "fr-FR", _ => language } })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "160", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(
            Paragraph("Normal", "Normal", null, isDefault: true),
            Paragraph(Title, "Title", null, run: Run(bold: true, size: 44, color: Palette.Heading), paragraph: new StyleParagraphProperties(new SpacingBetweenLines { Before = "2400", After = "480" })),
            Paragraph(Subtitle, "Subtitle", null, run: Run(size: 22, color: Palette.Muted)),
            HeadingStyle(1, 30, Palette.Heading, 360),
            HeadingStyle(2, 23, Palette.Ink, 240),
            HeadingStyle(3, 20, Palette.Muted, 200),
            Paragraph(Recommendation, "Recommendation", "Normal", paragraph: new StyleParagraphProperties(new Indentation { Left = "284" })),
            Paragraph(BoxLabel, "Box Label", "Normal", run: Run(bold: true), paragraph: new StyleParagraphProperties(new KeepNext())),
            Paragraph(ContentsHeading, "TOC Heading", "Normal", run: Run(bold: true, size: 30, color: Palette.Heading), paragraph: new StyleParagraphProperties(new SpacingBetweenLines { Before = "240", After = "240" })),
            Paragraph(Contents, "toc 1", "Normal", paragraph: new StyleParagraphProperties(new SpacingBetweenLines { After = "80" })),
            Paragraph(FootnoteText, "footnote text", "Normal", run: Run(size: 16), paragraph: new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })),
            new Style(
                new StyleName { Val = "footnote reference" },
                new UIPriority { Val = 99 },
                new UnhideWhenUsed(),
                new StyleRunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }))
            { Type = StyleValues.Character, StyleId = FootnoteReference });
        return styles;
    }

    private static Style HeadingStyle(int level, int halfPoints, string color, int before) =>
        Paragraph(Heading(level), "heading " + level.ToString(System.Globalization.CultureInfo.InvariantCulture), "Normal",
            run: Run(bold: true, size: halfPoints, color: color),
            paragraph: new StyleParagraphProperties(
                new KeepNext(),
                new KeepLines(),
                new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "120" },
                new OutlineLevel { Val = level - 1 }));

    private static Style Paragraph(string id, string name, string? basedOn, StyleRunProperties? run = null, StyleParagraphProperties? paragraph = null, bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault) style.Default = OnOffValue.FromBoolean(true);
        style.Append(new StyleName { Val = name });
        if (basedOn is not null) style.Append(new BasedOn { Val = basedOn });
        style.Append(new PrimaryStyle());
        if (paragraph is not null) style.Append(paragraph);
        if (run is not null) style.Append(run);
        return style;
    }

    private static StyleRunProperties Run(bool bold = false, int? size = null, string? color = null)
    {
        var rPr = new StyleRunProperties();
        if (bold) rPr.Append(new Bold());
        if (color is not null) rPr.Append(new Color { Val = color });
        if (size is { } s)
        {
            rPr.Append(new FontSize { Val = s.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            rPr.Append(new FontSizeComplexScript { Val = s.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        return rPr;
    }
}
