namespace Rapporteur.Core.Render.Pdf;

/// <summary>Sizes and distances, in points. The paragraph gap is what the PDF reader needs to see a new paragraph:
/// baselines at least <see cref="ParagraphRatio"/> font sizes apart (it splits above 1.5 × the usual spacing).</summary>
internal static class PdfMetrics
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float Left = 68;
    public const float Right = 68;
    public const float Top = 68;

    /// <summary>Above the reader's footer zone (8 % of the height), so that footnotes are never taken for furniture.</summary>
    public const float Bottom = 80;
    public const float FooterBaseline = PageHeight - 40;
    public const float TextWidth = PageWidth - Left - Right;

    public const float BodySize = 10;
    public const float NoteSize = 8;
    public const float LineSpacing = 1.3f;
    public const float ParagraphRatio = 2.3f;
    public const float BoxPadding = 7;
    public const float RuleOffset = 9;
    public const float NoteSeparatorSpace = 14;
}
