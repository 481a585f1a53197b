using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>One line of set text: what it says, where it starts, and the footnotes whose markers it carries.</summary>
internal sealed record FlowLine(string Text, float Indent, IReadOnlyList<int> Notes);

/// <summary>A paragraph-like unit the paginator places: lines in one style. A block moves whole to the next page
/// rather than split, unless it is taller than a page.</summary>
internal sealed record FlowBlock
{
    public required IReadOnlyList<FlowLine> Lines { get; init; }
    public TextStyle Style { get; init; }
    public float Size { get; init; } = PdfMetrics.BodySize;
    public string Color { get; init; } = Palette.Ink;

    /// <summary>Extra space above, beyond the paragraph gap the readers need.</summary>
    public float SpaceBefore { get; init; }

    /// <summary>Never the last thing on a page (headings, box labels).</summary>
    public bool KeepWithNext { get; init; }
    public bool PageBreakBefore { get; init; }

    /// <summary>Blocks with the same group number share one shaded box.</summary>
    public int? Group { get; init; }
    public Shade Shade { get; init; }

    /// <summary>A coloured rule in the left margin (a recommendation's strength), as RGB hex.</summary>
    public string? Rule { get; init; }

    /// <summary>A link target (a chapter heading), and a link from this block to one (a contents entry).</summary>
    public string? Destination { get; init; }
    public string? LinkTo { get; init; }

    /// <summary>A page number set flush right on the block's last line (contents entries), with dot leaders.</summary>
    public string? PageLabel { get; init; }

    public float Leading => Size * PdfMetrics.LineSpacing;
}
