using Rapporteur.Core.Render.Documents;
using SkiaSharp;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>
/// Places flow blocks on A4 pages, top to bottom: a paragraph gap between blocks, whole blocks moved to the next page
/// when they would break (if they fit on a page at all), headings and box labels kept with what follows, and each
/// footnote set at the foot of the page that carries its marker (the body stops higher to make room for it).
/// </summary>
internal sealed class PdfPaginator(PdfFonts fonts, IReadOnlyDictionary<int, NoteLines> notes)
{
    private readonly List<PdfPage> _pages = [];
    private readonly HashSet<int> _placedNotes = [];
    private readonly List<(FlowBlock Block, int Id, float Baseline, FlowLine Line)> _placed = [];
    private PdfPage _page = null!;
    private FlowBlock? _previous;
    private float _baseline;
    private int _blockId;

    /// <summary>Lays out the blocks and returns the pages, the first one new.</summary>
    public List<PdfPage> Paginate(IReadOnlyList<FlowBlock> blocks)
    {
        NewPage();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            _blockId++;
            if (block.PageBreakBefore && _previous is not null) NewPage();
            if (_previous is not null && !FitsWithFollowers(blocks, i) && FitsOnEmptyPage(block))
                NewPage();
            for (var l = 0; l < block.Lines.Count; l++)
            {
                if (!Fits(block, l, 1)) NewPage();
                Put(block, block.Lines[l], l == 0);
            }
            _previous = block;
        }
        FinishPage();
        return _pages;
    }

    /// <summary>Does the block fit whole on this page, and with it what it must be kept with: the next block (whole
    /// if it fits on a page, else its first line), and so on while those are kept with their next.</summary>
    private bool FitsWithFollowers(IReadOnlyList<FlowBlock> blocks, int index)
    {
        var block = blocks[index];
        if (!Fits(block, 0, block.Lines.Count)) return false;
        var bottom = FirstBaseline(block) + (block.Lines.Count - 1) * block.Leading;
        var notes = block.Lines.SelectMany(l => l.Notes).ToList();
        var current = block;
        for (var j = index + 1; current.KeepWithNext && j < blocks.Count; j++)
        {
            var next = blocks[j];
            var lines = FitsOnEmptyPage(next) ? next.Lines.Count : 1;
            bottom += Distance(current, next) + (lines - 1) * next.Leading;
            notes.AddRange(next.Lines.Take(lines).SelectMany(l => l.Notes));
            current = next;
            if (lines < next.Lines.Count) break;
        }
        return bottom + current.Size * 0.3f + Padding(current) <= Limit(notes);
    }

    private static bool FitsOnEmptyPage(FlowBlock block)
    {
        var height = block.Size + (block.Lines.Count - 1) * block.Leading + block.Size * 0.3f + 2 * Padding(block);
        return height <= PdfMetrics.PageHeight - PdfMetrics.Top - PdfMetrics.Bottom - 120;
    }

    /// <summary>Do lines [first, first + count) of the block fit on this page, with their footnotes?</summary>
    private bool Fits(FlowBlock block, int first, int count)
    {
        // An empty page takes whatever comes: nothing would fit better on the next one.
        if (_placed.Count == 0) return true;
        var start = first == 0 ? FirstBaseline(block) : _baseline + block.Leading;
        var last = start + (count - 1) * block.Leading;
        var bottom = last + block.Size * 0.3f + Padding(block);
        return bottom <= Limit(block.Lines.Skip(first).Take(count).SelectMany(l => l.Notes));
    }

    /// <summary>The lowest the body may reach once these notes join the page's.</summary>
    private float Limit(IEnumerable<int> more)
    {
        var all = _page.Notes.Concat(more.Where(n => notes.ContainsKey(n) && !_placedNotes.Contains(n))).Distinct().ToList();
        return PdfMetrics.PageHeight - PdfMetrics.Bottom - NotesHeight(all);
    }

    private float NotesHeight(List<int> numbers)
    {
        if (numbers.Count == 0) return 0;
        return PdfMetrics.NoteSeparatorSpace + numbers.Sum(n => notes[n].Height) + (numbers.Count - 1) * NoteLines.Gap;
    }

    private float FirstBaseline(FlowBlock block) =>
        _previous is null ? PdfMetrics.Top + block.SpaceBefore + block.Size + Padding(block) : _baseline + Distance(_previous, block);

    /// <summary>Baseline to baseline between two blocks: at least the paragraph gap the reader needs, more around boxes.</summary>
    private static float Distance(FlowBlock previous, FlowBlock block)
    {
        var d = Math.Max(previous.Leading, PdfMetrics.ParagraphRatio * (previous.Size + block.Size) / 2) + block.SpaceBefore;
        if (previous.Group != block.Group) d += Padding(previous) + Padding(block);
        return d;
    }

    private static float Padding(FlowBlock block) => block.Group is null ? 0 : PdfMetrics.BoxPadding;

    private void Put(FlowBlock block, FlowLine line, bool firstOfBlock)
    {
        _baseline = firstOfBlock || _placed.Count == 0 || _placed[^1].Id != _blockId ? FirstBaseline(block) : _baseline + block.Leading;
        var x = PdfMetrics.Left + Padding(block) + line.Indent;
        _page.Texts.Add(new PlacedText(line.Text, x, _baseline, block.Style, block.Size, block.Color));
        if (firstOfBlock && block.Destination is { } name) _page.Destinations.Add((_baseline - block.Size - 6, name));
        if (block.PageLabel is { } label && ReferenceEquals(line, block.Lines[^1]))
        {
            var width = fonts.Width(label, block.Style, block.Size);
            var right = PdfMetrics.Left + PdfMetrics.TextWidth;
            _page.Texts.Add(new PlacedText(label, right - width, _baseline, block.Style, block.Size, block.Color));
            _page.Leaders.Add(new PlacedLeader(x + fonts.Width(line.Text, block.Style, block.Size) + 6, right - width - 6, _baseline));
        }
        foreach (var n in line.Notes)
            if (notes.ContainsKey(n) && _placedNotes.Add(n)) _page.Notes.Add(n);
        _placed.Add((block, _blockId, _baseline, line));
        _previous = block;
    }

    private void NewPage()
    {
        if (_pages.Count > 0) FinishPage();
        _page = new PdfPage();
        _pages.Add(_page);
        _previous = null;
        _placed.Clear();
    }

    /// <summary>Draws what spans lines (box shades, rules, links) now that the page's lines are known, and sets the notes.</summary>
    private void FinishPage()
    {
        foreach (var group in _placed.Where(p => p.Block.Group is not null).GroupBy(p => p.Block.Group))
        {
            var first = group.First();
            var last = group.Last();
            var rect = new SKRect(PdfMetrics.Left, first.Baseline - first.Block.Size - PdfMetrics.BoxPadding,
                PdfMetrics.Left + PdfMetrics.TextWidth, last.Baseline + last.Block.Size * 0.3f + PdfMetrics.BoxPadding);
            var shade = first.Block.Shade;
            if (Palette.Fill(shade) is { } fill) _page.Fills.Add(new PlacedFill(rect, fill));
            else
            {
                // A framed box: hairlines top and bottom, drawn as thin fills.
                _page.Fills.Add(new PlacedFill(new SKRect(rect.Left, rect.Top, rect.Right, rect.Top + 0.6f), Palette.Rule));
                _page.Fills.Add(new PlacedFill(new SKRect(rect.Left, rect.Bottom - 0.6f, rect.Right, rect.Bottom), Palette.Rule));
            }
            _page.Fills.Add(new PlacedFill(new SKRect(rect.Left, rect.Top, rect.Left + 4, rect.Bottom), Palette.Accent(shade)));
        }
        foreach (var block in _placed.GroupBy(p => p.Id))
        {
            var b = block.First().Block;
            var top = block.First().Baseline - b.Size;
            var bottom = block.Last().Baseline + b.Size * 0.3f;
            if (b.Rule is { } rule)
                _page.Fills.Add(new PlacedFill(new SKRect(PdfMetrics.Left - PdfMetrics.RuleOffset, top, PdfMetrics.Left - PdfMetrics.RuleOffset + 3, bottom), rule));
            if (b.LinkTo is { } target)
                _page.Links.Add(new PlacedLink(new SKRect(PdfMetrics.Left, top, PdfMetrics.Left + PdfMetrics.TextWidth, bottom), target));
        }
        var y = PdfMetrics.PageHeight - PdfMetrics.Bottom - NotesHeight(_page.Notes);
        if (_page.Notes.Count == 0) return;
        _page.Fills.Add(new PlacedFill(new SKRect(PdfMetrics.Left, y + 4, PdfMetrics.Left + 140, y + 4.6f), Palette.Muted));
        var baseline = y + PdfMetrics.NoteSeparatorSpace + PdfMetrics.NoteSize;
        foreach (var n in _page.Notes)
        {
            foreach (var line in notes[n].Lines)
            {
                _page.Texts.Add(new PlacedText(line.Text, PdfMetrics.Left + line.Indent, baseline, TextStyle.Regular, PdfMetrics.NoteSize, Palette.Ink));
                baseline += PdfMetrics.NoteSize * PdfMetrics.LineSpacing;
            }
            baseline += NoteLines.Gap;
        }
    }
}
