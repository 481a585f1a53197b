using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Reports;

/// <summary>
/// Reads an implementation or evaluation report (Lanzarote, GRETA, GREVIO shapes): the title, chapters ("II. Legal
/// frameworks", "Chapter II – Title"), numbered paragraphs ("67. ...", joined again when a page break split them),
/// footnotes (superscript markers and definitions), and the recommendations: numbered or bold paragraphs in which
/// the body speaks with a strength verb of its vocabulary (<see cref="ImportOptions.Body"/>).
/// </summary>
public sealed class ReportParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Report;

    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return new ReportRun(document, options).Execute();
    }
}

/// <summary>One report parse: footnotes out of the flow, then one pass that builds chapters, paragraphs and
/// recommendation candidates; ids and addressees are settled at the end, when the whole text is known.</summary>
internal sealed class ReportRun(SourceDocument document, ImportOptions options)
{
    private readonly List<ParseWarning> _warnings = [];
    private readonly Dictionary<int, FootnoteDefinition> _footnotes = [];
    private readonly Dictionary<int, int> _markerLines = []; // marker → first line that uses it
    private readonly List<Piece> _pieces = [];
    private readonly List<Piece> _preamble = [];
    private readonly List<ChapterDraft> _chapters = [];
    private readonly List<ReportParagraph> _pending = []; // numbered paragraphs before the first chapter
    private readonly List<Candidate> _candidates = [];
    private readonly GoverningSentence? _governing = GoverningSentence.For(options.Body);

    private ChapterDraft? _chapter;
    private Block? _para;  // the numbered paragraph being read
    private Block? _bold;  // an unnumbered bold block being read (a GRETA/GREVIO recommendation, usually)
    private int _lastNumber;
    private bool _seenNumbered;

    /// <summary>A body paragraph with its footnote markers taken out.</summary>
    private sealed record Piece(string Text, IReadOnlyList<int> Markers, SourceParagraph Source)
    {
        public int Line => Source.Line;
        public bool Heading => (Source.Hints & LineHints.Heading) != 0;
        public bool BoldStart => (Source.Hints & LineHints.Bold) != 0 || Text.StartsWith("**", StringComparison.Ordinal);
    }

    private sealed class Block(int? number, string text, Piece first, bool bold)
    {
        public int? Number { get; } = number;
        public bool Bold { get; } = bold;
        public TextJoiner Text { get; } = new(text);

        /// <summary>The paragraph's own words, without the bold blocks attached to it (those are candidates of their own).</summary>
        public TextJoiner Own { get; } = new(text);
        public List<int> Markers { get; } = [.. first.Markers];
        public List<int> OwnMarkers { get; } = [.. first.Markers];
        public Piece First { get; } = first;
        public int FirstLine { get; } = first.Line;
        public int LastLine { get; set; } = first.Source.Last.Number;
        public int? Page { get; } = first.Source.First.Page;
    }

    private sealed class ChapterDraft(Chapter chapter)
    {
        public Chapter Chapter { get; } = chapter;
        public List<ReportParagraph> Paragraphs { get; } = [];
        public int Candidates { get; set; }
        public bool IsEmpty => Paragraphs.Count == 0 && Candidates == 0;
    }

    /// <summary>A paragraph that may carry a recommendation; settled in <see cref="Recommendations"/>.</summary>
    private sealed record Candidate(string Chapter, int? Paragraph, string Text, IReadOnlyList<int> Markers, Provenance Provenance);

    public ParsedDocument Execute()
    {
        SplitFootnotes();
        for (var i = 0; i < _pieces.Count; i++) Structure(i);
        CloseBold();
        CloseParagraph();
        CloseChapter();
        if (_pending.Count > 0) _chapters.Insert(0, NewImplicitChapter());

        var titleTexts = _preamble.Select(p => p.Text).ToList();
        var title = titleTexts.FirstOrDefault();
        foreach (var p in _preamble.Skip(1))
            _warnings.Add(new ParseWarning("unplacedText", p.Line, $"text before the first chapter, kept out of the title: {p.Text}"));
        var titleParty = ReportText.PartyFromTitle(titleTexts);
        var party = options.Party ?? titleParty;
        var recommendations = Recommendations(party, out var namedParty);
        party ??= namedParty;
        ReportFootnoteUse();

        var round = options.Round ?? ReportText.Round(titleTexts) ?? PartyNames.Round(options.SourcePath ?? document.FileName, []);
        var footnotes = _footnotes.Values.OrderBy(f => f.Number)
            .Select(f => new Footnote(f.Number, f.Text, Citations.Paragraphs(f.Text), Citations.Recommendations(f.Text),
                new Provenance(document.FileName, f.FirstLine, Math.Max(f.FirstLine, f.LastLine))))
            .ToList();
        var chapters = _chapters.Select(c => new ReportChapter(c.Chapter, c.Paragraphs)).ToList();
        return new ParsedDocument
        {
            Kind = DocumentKind.Report,
            SourceFile = document.FileName,
            Format = document.Format,
            Body = options.Body,
            Party = party,
            Round = round,
            Title = title,
            Chapters = _chapters.Select(c => c.Chapter).ToList(),
            Recommendations = recommendations,
            Footnotes = footnotes,
            Report = new ImplementationReport(title ?? "", round, chapters, recommendations),
            // Document order: the warnings of the title and of footnote use are found last.
            Warnings = _warnings.OrderBy(w => w.Line).ToList(),
        };
    }

    // Pass 1: footnote definitions ("⁸ Paras. 67, 68.") come out of the flow, markers out of the text.
    private void SplitFootnotes()
    {
        foreach (var p in Paragraphs.Split(SplitRuns(document.Lines)).SelectMany(SplitGluedParagraphs))
        {
            if (FootnoteMarkers.TryParseDefinition(p.Text, out var number, out var rest))
            {
                var def = new FootnoteDefinition(number, Paragraphs.CollapseSpaces(rest.Trim()), p.Line, p.Last.Number);
                if (!_footnotes.TryAdd(number, def))
                    _warnings.Add(new ParseWarning("footnoteDuplicate", p.Line, $"footnote {number} is defined a second time: {def.Text}"));
                continue;
            }
            var text = Paragraphs.CollapseSpaces(FootnoteMarkers.Strip(p.Text, out var markers).Trim());
            foreach (var m in markers) _markerLines.TryAdd(m, p.Line);
            if (text.Length == 0) continue;
            _pieces.Add(new Piece(text, markers, p));
        }
    }

    /// <summary>Footnote definitions written right under the text, without a blank line, start a paragraph of their own.</summary>
    private static IEnumerable<SourceLine> SplitRuns(IReadOnlyList<SourceLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0 && !lines[i - 1].IsBlank && FootnoteMarkers.TryParseDefinition(lines[i].Text, out _, out _))
                yield return new SourceLine(lines[i].Number, "", lines[i].Hints, lines[i].Page);
            yield return lines[i];
        }
    }

    /// <summary>"67. ..." followed on the next line by "68. ..." without a blank line: two paragraphs.</summary>
    private static IEnumerable<SourceParagraph> SplitGluedParagraphs(SourceParagraph p)
    {
        if (p.Lines.Count < 2 || !ReportText.TryNumbered(p.First.Text.Trim(), out var previous, out _)) return [p];
        var cuts = new List<int>();
        for (var i = 1; i < p.Lines.Count; i++)
            if (ReportText.TryNumbered(p.Lines[i].Text.Trim(), out var n, out _) && n > previous && n <= previous + 5)
            {
                cuts.Add(i);
                previous = n;
            }
        if (cuts.Count == 0) return [p];
        var result = new List<SourceParagraph>();
        var start = 0;
        foreach (var cut in cuts.Append(p.Lines.Count))
        {
            result.AddRange(Paragraphs.Split(p.Lines.Skip(start).Take(cut - start)));
            start = cut;
        }
        return result;
    }

    // Pass 2: chapters, numbered paragraphs, continuations, bold blocks, headings.
    private void Structure(int i)
    {
        var p = _pieces[i];
        if (ReportText.IsPageNumber(p.Text))
        {
            _warnings.Add(new ParseWarning("pageNumber", p.Line, $"page number \"{p.Text}\" set aside"));
            return;
        }
        if (IsChapterStart(p, out var number, out var title, out var explicitWord) && AcceptChapter(number, explicitWord))
        {
            CloseBold();
            CloseParagraph();
            CloseChapter();
            _chapter = new ChapterDraft(new Chapter(number, title, Provenance(p)));
            return;
        }
        if (!p.Heading && ReportText.TryNumbered(p.Text, out var n, out var rest) && AcceptNumber(n))
        {
            CloseBold();
            CloseParagraph();
            _para = new Block(n, rest, p, bold: false);
            _lastNumber = n;
            _seenNumbered = true;
            return;
        }
        if (!p.Heading && (_bold ?? _para) is { } target)
        {
            if (!target.Text.IsTerminated && (!p.BoldStart || target.Bold) && (ReportText.StartsLower(p.Text) || !(ReportText.IsHeadingLike(p.Text) && NextIsStructural(i))))
            {
                Append(target, p, newLine: false);
                return;
            }
            if (ReportText.IsListItem(p.Text) && (target.Text.LastSignificant() is ':' or ';' || target.Text.LastPartIsListItem) && (!p.BoldStart || target.Bold))
            {
                Append(target, p, newLine: true);
                return;
            }
        }
        if (!p.Heading && p.BoldStart)
        {
            CloseBold();
            _bold = new Block(null, p.Text, p, bold: true);
            return;
        }
        CloseBold();
        if (_chapter is null && !_seenNumbered)
        {
            _preamble.Add(p);
            return;
        }
        if (!p.Heading && !ReportText.IsHeadingLike(p.Text) && _para is not null)
        {
            // Text between numbered paragraphs (a quotation, a list after a full stop) belongs to the paragraph above.
            Append(_para, p, newLine: true);
            return;
        }
        _warnings.Add(new ParseWarning("unplacedText", p.Line,
            $"{(ReportText.IsHeadingLike(p.Text) ? "sub-heading" : "unnumbered text")} in chapter {_chapter?.Chapter.Number ?? "I"} has no place in the report model: {p.Text}"));
    }

    private static bool IsChapterStart(Piece p, out string number, out string title, out bool explicitWord)
    {
        number = title = "";
        explicitWord = false;
        // A table of contents without tabs is one paragraph of chapter lines: not a chapter.
        if (p.Source.Lines.Count > 2) return false;
        return ReportText.TryChapter(p.Text, p.Heading, out number, out title, out explicitWord);
    }

    /// <summary>Chapters go up one by one (a gap of two is tolerated); "C. Data" after chapter II is a lettered
    /// sub-heading, not chapter 100. A table of contents written as separate lines gives chapters with nothing in
    /// them: when the numbering starts again, those are set aside with a warning.</summary>
    private bool AcceptChapter(string number, bool explicitWord)
    {
        var value = Roman.ToInt(number);
        var last = _chapter ?? (_chapters.Count > 0 ? _chapters[^1] : null);
        if (last is null) return explicitWord || value <= 30;
        var previous = Roman.ToInt(last.Chapter.Number);
        if (value > previous && (explicitWord || value <= previous + 3)) return true;
        var all = _chapters.Append(_chapter).OfType<ChapterDraft>().ToList();
        if (value <= previous && all.All(c => c.IsEmpty) && _para is null && _bold is null)
        {
            foreach (var c in all)
                _warnings.Add(new ParseWarning("unplacedText", c.Chapter.Provenance?.StartLine ?? 0,
                    $"table of contents entry set aside: {c.Chapter.Number}. {c.Chapter.Title}"));
            _chapters.Clear();
            _chapter = null;
            return true;
        }
        return false;
    }

    private bool AcceptNumber(int n) => !_seenNumbered ? n <= 9999 : n > _lastNumber && n <= _lastNumber + 50;

    private bool NextIsStructural(int i)
    {
        for (var j = i + 1; j < _pieces.Count; j++)
        {
            var next = _pieces[j];
            if (ReportText.IsPageNumber(next.Text)) continue;
            return next.Heading || ReportText.TryNumbered(next.Text, out _, out _) || ReportText.TryChapter(next.Text, next.Heading, out _, out _, out _);
        }
        return true;
    }

    private static void Append(Block target, Piece p, bool newLine)
    {
        target.Text.Append(p.Text, newLine);
        target.Own.Append(p.Text, newLine);
        target.Markers.AddRange(p.Markers);
        target.OwnMarkers.AddRange(p.Markers);
        target.LastLine = p.Source.Last.Number;
    }

    private void CloseBold()
    {
        if (_bold is null) return;
        var bold = _bold;
        _bold = null;
        var text = bold.Text.ToString();
        var isCandidate = IsCandidate(text);
        if (isCandidate) AddCandidate(_para?.Number, text, bold.Markers, bold);
        else if (ReportText.IsHeadingLike(ReportText.StripEmphasis(text)) && (_chapter is not null || _seenNumbered))
        {
            _warnings.Add(new ParseWarning("unplacedText", bold.FirstLine,
                $"sub-heading in chapter {_chapter?.Chapter.Number ?? "I"} has no place in the report model: {text}"));
            return;
        }
        if (_para is not null)
        {
            // The bold block is part of the numbered paragraph above it in the report.
            _para.Text.Append(text, newLine: true);
            _para.Markers.AddRange(bold.Markers);
            _para.LastLine = bold.LastLine;
            return;
        }
        if (isCandidate) return;
        if (_chapter is null && !_seenNumbered)
        {
            _preamble.Add(bold.First with { Text = text });
            return;
        }
        _warnings.Add(new ParseWarning("unplacedText", bold.FirstLine, $"bold text outside any numbered paragraph has no place in the report model: {text}"));
    }

    private void CloseParagraph()
    {
        if (_para is null) return;
        var para = _para;
        _para = null;
        var own = para.Own.ToString();
        if (IsCandidate(own)) AddCandidate(para.Number, own, para.OwnMarkers, para);
        var paragraph = new ReportParagraph(para.Number!.Value, para.Text.ToString(),
            new Provenance(document.FileName, para.FirstLine, Math.Max(para.FirstLine, para.LastLine), para.Page));
        if (_chapter is null) _pending.Add(paragraph);
        else _chapter.Paragraphs.Add(paragraph);
    }

    private void CloseChapter()
    {
        if (_chapter is null) return;
        if (_chapters.Count == 0 && _pending.Count > 0)
        {
            // Numbered paragraphs before the first heading belong to chapter I (the report's own, or an untitled one).
            if (string.Equals(_chapter.Chapter.Number, "I", StringComparison.Ordinal)) _chapter.Paragraphs.InsertRange(0, _pending);
            else _chapters.Add(NewImplicitChapter());
            _pending.Clear();
        }
        _chapters.Add(_chapter);
        _chapter = null;
    }

    private ChapterDraft NewImplicitChapter()
    {
        var draft = new ChapterDraft(new Chapter("I", "", _pending[0].Provenance));
        draft.Paragraphs.AddRange(_pending);
        _pending.Clear();
        return draft;
    }

    private bool IsCandidate(string text) =>
        (_governing?.Find(text) is not null) || (ReportText.ExplicitId(text, out _, out var asLabel) is not null && asLabel);

    private void AddCandidate(int? number, string text, List<int> markers, Block block)
    {
        var chapter = _chapter?.Chapter.Number ?? "I";
        if (_chapter is not null) _chapter.Candidates++;
        _candidates.Add(new Candidate(chapter, number, text, markers.ToList(),
            new Provenance(document.FileName, block.FirstLine, Math.Max(block.FirstLine, block.LastLine), block.Page)));
    }

    // Pass 3: ids (explicit ones first, so generated ones do not take them), strength, addressee, paragraphs.
    private List<Recommendation> Recommendations(Party? party, out Party? namedParty)
    {
        namedParty = null;
        var explicitIds = new HashSet<RecommendationId>();
        var drafts = new List<(Candidate C, RecommendationId? Id, string Text)>();
        foreach (var c in _candidates)
        {
            var id = ReportText.ExplicitId(c.Text, out var label, out var asLabel);
            if (id is not null) explicitIds.Add(id);
            drafts.Add((c, id, asLabel ? label : c.Text));
        }
        var seen = new HashSet<RecommendationId>();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Recommendation>();
        var partyWarned = false;
        foreach (var (c, explicitId, labelText) in drafts)
        {
            var id = explicitId ?? NextId(c.Chapter, counters, explicitIds, seen);
            if (id is null)
            {
                _warnings.Add(new ParseWarning("unplacedText", c.Provenance.StartLine, $"chapter {c.Chapter} has more than 999 recommendations; no id is left for: {c.Text}"));
                continue;
            }
            if (!seen.Add(id))
            {
                _warnings.Add(new ParseWarning("duplicateRecommendation", c.Provenance.StartLine, $"recommendation {id} appears again; the first is kept: {c.Text}"));
                continue;
            }
            var governing = _governing?.Find(c.Text);
            if (governing is null)
                _warnings.Add(new ParseWarning("strengthUnknown", c.Provenance.StartLine,
                    $"recommendation {id} has no sentence where {options.Body.ShortName} speaks with a strength verb ({string.Join(", ", options.Body.Strengths.Strengths.Select(s => s.Key))})"));
            var addressee = governing is not null ? GoverningSentence.AllPartiesIn(governing) : null;
            if (addressee is null)
            {
                var one = party ?? ReportText.PartyFromSentence(governing?.Sentence ?? c.Text);
                namedParty ??= party is null ? one : null;
                if (one is null && !partyWarned)
                {
                    _warnings.Add(new ParseWarning("partyUnknown", c.Provenance.StartLine,
                        "the report does not say which State it evaluates; recommendations to \"the authorities\" are recorded as addressed to all Parties (use --party)"));
                    partyWarned = true;
                }
                addressee = one is not null ? Addressee.OneParty(one) : Addressee.AllParties();
            }
            var paragraphs = new SortedSet<int>();
            if (c.Paragraph is { } own) paragraphs.Add(own);
            foreach (var m in c.Markers)
                if (_footnotes.TryGetValue(m, out var f))
                    paragraphs.UnionWith(Citations.Paragraphs(f.Text));
            var text = Paragraphs.CollapseSpaces(ReportText.StripEmphasis(labelText).Trim());
            result.Add(new Recommendation(id, governing?.Strength, addressee, c.Chapter, paragraphs.ToList(), [], text, c.Provenance));
        }
        return result;
    }

    /// <summary>The next free "chapter-n" id, or null when the chapter has used up the three digits ids allow.</summary>
    private static RecommendationId? NextId(string chapter, Dictionary<string, int> counters, HashSet<RecommendationId> explicitIds, HashSet<RecommendationId> seen)
    {
        counters.TryGetValue(chapter, out var n);
        while (++n <= 999)
        {
            var id = new RecommendationId($"{chapter}-{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (explicitIds.Contains(id) || seen.Contains(id)) continue;
            counters[chapter] = n;
            return id;
        }
        counters[chapter] = n;
        return null;
    }

    private void ReportFootnoteUse()
    {
        foreach (var (marker, line) in _markerLines.OrderBy(kv => kv.Key))
            if (!_footnotes.ContainsKey(marker))
                _warnings.Add(new ParseWarning("footnoteUndefined", line, $"footnote {marker} is used but never defined"));
        foreach (var f in _footnotes.Values.OrderBy(f => f.Number))
            if (!_markerLines.ContainsKey(f.Number))
                _warnings.Add(new ParseWarning("footnoteUnreferenced", f.FirstLine, $"footnote {f.Number} is defined but no text refers to it: {f.Text}"));
    }

    private Provenance Provenance(Piece p) => p.Source.ProvenanceIn(document);
}
