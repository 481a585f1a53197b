using SkiaSharp;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>A run of text at its place on the page (top-down coordinates, baseline).</summary>
internal readonly record struct PlacedText(string Text, float X, float Baseline, TextStyle Style, float Size, string Color);

/// <summary>A filled rectangle: a box's shade or edge, a strength rule, the footnote separator.</summary>
internal readonly record struct PlacedFill(SKRect Rect, string Color);

/// <summary>Dot leaders between a contents entry and its page number.</summary>
internal readonly record struct PlacedLeader(float From, float To, float Baseline);

/// <summary>A link from an area of the page to a named destination.</summary>
internal readonly record struct PlacedLink(SKRect Rect, string Destination);

/// <summary>One laid-out page: what the painter draws, in order (fills under text).</summary>
internal sealed class PdfPage
{
    public List<PlacedFill> Fills { get; } = [];
    public List<PlacedText> Texts { get; } = [];
    public List<PlacedLeader> Leaders { get; } = [];
    public List<PlacedLink> Links { get; } = [];
    public List<(float Y, string Name)> Destinations { get; } = [];

    /// <summary>The footnotes set at the foot of this page, in order.</summary>
    public List<int> Notes { get; } = [];
}

/// <summary>The set lines of one footnote: its number first, as the readers expect ("¹² Para. 3.").</summary>
internal sealed record NoteLines(IReadOnlyList<FlowLine> Lines)
{
    public float Height => Lines.Count * PdfMetrics.NoteSize * PdfMetrics.LineSpacing;

    /// <summary>Baseline distance between two footnotes: a paragraph gap for the reader.</summary>
    public static float Gap => PdfMetrics.ParagraphRatio * PdfMetrics.NoteSize - PdfMetrics.NoteSize * PdfMetrics.LineSpacing;
}
