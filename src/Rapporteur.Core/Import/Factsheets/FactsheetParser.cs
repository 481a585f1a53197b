using System.Text.RegularExpressions;
using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Factsheets;

/// <summary>
/// Reads a factsheet (a Party's synthesis of an implementation report, with the boxes the Party added during the
/// compliance procedure): chapters, the Committee's observations, recommendations (their ids come from the footnotes
/// that cite them; strength from the verb of the sentence that carries them; addressee from whom it names), the
/// Party's boxes (follow-up actions, promising practices, clarification notes), the Committee's own "Promising
/// practices" passages, and footnotes (which may sit at page ends, in the middle of a sentence split by a page break).
/// </summary>
public sealed class FactsheetParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Factsheet;

    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var run = new FactsheetRun(document, options);
        return run.Execute();
    }
}

/// <summary>One factsheet parse: three passes over the paragraphs (footnotes out, split sentences joined, structure).</summary>
internal sealed partial class FactsheetRun(SourceDocument document, ImportOptions options)
{
    private readonly List<ParseWarning> _warnings = [];
    private readonly Dictionary<int, FootnoteDraft> _footnotes = [];
    private readonly List<object> _stream = []; // FootnoteDraft or BodyParagraph, in document order
    private readonly List<string> _preamble = [];
    private readonly List<FactsheetChapter> _chapters = [];
    private readonly List<Recommendation> _recommendations = [];
    private readonly List<Box> _boxes = [];
    private readonly HashSet<RecommendationId> _seen = [];
    private readonly HashSet<int> _usedMarkers = [];
    private readonly Dictionary<string, (string? Strength, Addressee Addressee)?> _governed = new(StringComparer.Ordinal);

    private Chapter? _chapter;
    private List<FactsheetBlock> _blocks = [];
    private OpenBox? _box;
    private LeadIn? _leadIn;
    private readonly List<RecommendationId> _group = [];
    private bool _boxClosedInGroup;
    private bool _inCommitteePractice;
    private BodyParagraph? _pendingIntro;
    private Party? _party;

    private sealed record LeadIn(string Text, string? Strength, Addressee Addressee);

    private sealed class OpenBox(BoxType type, string? heading, BodyParagraph label)
    {
        public BoxType Type { get; } = type;
        public string? Heading { get; } = heading;
        public BodyParagraph Label { get; } = label;
        public List<BodyParagraph> Content { get; } = [];
        public bool ByLayout { get; } = label.Boxed;
    }

    public ParsedDocument Execute()
    {
        SplitFootnotes();
        var body = JoinSplitSentences();
        _party = options.Party ?? PartyFromTitle(body) ?? PartyNames.FromFileName(document.FileName) ?? PartyNames.MostMentioned(body.Select(b => b.Text));
        foreach (var b in body) Structure(b);
        CloseChapter();
        ReportFootnoteUse();

        var footnotes = _footnotes.Values.OrderBy(f => f.Number).Select(f => new Footnote(f.Number, f.Text,
            f.CitedParagraphs, f.CitedRecommendations, new Provenance(document.FileName, f.Source.Line, Math.Max(f.Source.Line, f.LastLine)))).ToList();
        var round = options.Round ?? PartyNames.Round(options.SourcePath ?? document.FileName, body.Select(b => b.Text));
        var title = _preamble.FirstOrDefault() ?? "Factsheet";
        var party = _party ?? new Party("Unknown Party");
        if (_party is null) _warnings.Add(new ParseWarning("partyUnknown", 0, "the factsheet does not say which Party it concerns; use --party"));
        var factsheet = new Model.Factsheet(party, round, title, _preamble, _chapters, footnotes);
        return new ParsedDocument
        {
            Kind = DocumentKind.Factsheet,
            SourceFile = document.FileName,
            Format = document.Format,
            Body = options.Body,
            Party = _party,
            Round = round,
            Title = title,
            Chapters = _chapters.Select(c => c.Chapter).ToList(),
            Recommendations = _recommendations,
            Boxes = _boxes,
            Footnotes = footnotes,
            Factsheet = factsheet,
            Warnings = _warnings,
        };
    }

    // Pass 1: footnote definitions ("⁴ Recommendation II-6.") come out of the flow, markers out of the text.
    private void SplitFootnotes()
    {
        var paragraphs = Paragraphs.Split(document.Lines).SelectMany(SplitMarkedBullets).ToList();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            if (FootnoteMarkers.TryParseDefinition(p.Text, out var number, out var rest))
            {
                var draft = new FootnoteDraft(number, rest.Trim(), p);
                // "⁵ Article 252:" goes on in the next paragraph.
                while (draft.Text.TrimEnd().EndsWith(':') && i + 1 < paragraphs.Count
                       && !FootnoteMarkers.TryParseDefinition(paragraphs[i + 1].Text, out _, out _) && !IsStructural(paragraphs[i + 1].Text))
                {
                    i++;
                    draft.Text = Paragraphs.JoinText(draft.Text, FootnoteMarkers.Strip(paragraphs[i].Text, out _).Trim());
                    draft.LastLine = paragraphs[i].Last.Number;
                }
                if (!_footnotes.TryAdd(number, draft))
                    _warnings.Add(new ParseWarning("footnoteDuplicate", p.Line, $"footnote {number} is defined a second time: {rest.Trim()}"));
                _stream.Add(draft);
                continue;
            }
            var text = FootnoteMarkers.Strip(p.Text, out var markers).Trim();
            if (text.Length == 0 && markers.Count == 0) continue;
            _stream.Add(new BodyParagraph(text, markers.ToList(), p));
        }
    }

    /// <summary>A list whose bullets each end with their own footnote marker is one recommendation per bullet.</summary>
    private static IEnumerable<SourceParagraph> SplitMarkedBullets(SourceParagraph p)
    {
        if (p.Lines.Count < 2) return [p];
        var segments = new List<List<SourceLine>>();
        foreach (var line in p.Lines)
        {
            var t = line.Text.TrimStart();
            if (segments.Count == 0 || FactsheetText.IsBullet(t)) segments.Add([]);
            segments[^1].Add(line);
        }
        // Sub-bullets that complete one sentence carry the marker on the last bullet only: those stay together.
        var markedBeforeLast = segments.Take(segments.Count - 1)
            .Any(seg => seg.Any(l => l.Text.AsSpan().ContainsAny(Superscript.DigitValues) || l.Text.Contains("^{", StringComparison.Ordinal)));
        return segments.Count > 1 && markedBeforeLast ? segments.SelectMany(seg => Paragraphs.Split(seg)) : [p];
    }

    // Pass 2: a sentence split by a page break (footnotes in between) or a blank line is joined again.
    private List<BodyParagraph> JoinSplitSentences()
    {
        var body = new List<BodyParagraph>();
        var footnotesSince = false;
        for (var i = 0; i < _stream.Count; i++)
        {
            if (_stream[i] is FootnoteDraft)
            {
                footnotesSince = true;
                continue;
            }
            var b = (BodyParagraph)_stream[i];
            var a = body.Count > 0 ? body[^1] : null;
            var nextIsFootnote = i + 1 < _stream.Count && _stream[i + 1] is FootnoteDraft;
            var lower = FactsheetText.StartsLower(b.Text);

            // The tail of a footnote that started on the previous page sits in the next page's footnote area.
            if (lower && b.Markers.Count == 0 && nextIsFootnote && NearestOpenFootnote(b.Line) is { } open)
            {
                open.Text = Paragraphs.JoinText(open.Text, b.Text);
                continue;
            }
            if (a is not null && CanJoin(a, b, lower, footnotesSince))
            {
                a.Text = Paragraphs.JoinText(a.Text, b.Text);
                a.Markers.AddRange(b.Markers);
                a.Extra.Add(b.Source);
                a.Extra.AddRange(b.Extra);
                continue;
            }
            body.Add(b);
            footnotesSince = false;
        }
        return body;
    }

    private bool CanJoin(BodyParagraph a, BodyParagraph b, bool lower, bool footnotesSince)
    {
        if (FactsheetText.IsTerminated(a.Text) || IsStructural(a.Text) || IsStructural(b.Text)) return false;
        if (document.HasLayout && a.Boxed != b.Boxed) return false;
        if (FactsheetText.IsBullet(b.Text) || b.Text.Length == 0) return false;
        if (lower) return true;
        var longSentence = a.Text.Length >= 120 || a.Text.Contains(". ", StringComparison.Ordinal);
        return (footnotesSince && longSentence) || FactsheetText.EndsWithFunctionWord(a.Text);
    }

    private FootnoteDraft? NearestOpenFootnote(int line) =>
        _footnotes.Values.Where(f => !f.Terminated).OrderBy(f => Math.Abs(f.Source.Line - line)).FirstOrDefault();

    private static bool IsStructural(string text) =>
        FactsheetText.BoxLabel(text).Success || FactsheetText.IsCommitteePromisingPractice(text) || FactsheetText.IsKnownHeading(text)
        || (FactsheetText.Chapter(text).Success && !text.Contains('\t', StringComparison.Ordinal));

    // Pass 3: chapters, blocks, recommendations and boxes.
    private void Structure(BodyParagraph b)
    {
        foreach (var m in b.Markers) _usedMarkers.Add(m);
        var chapter = FactsheetText.Chapter(b.Text);
        if (chapter.Success && !b.Source.First.Text.Contains('\t', StringComparison.Ordinal) && Roman.IsNumeral(chapter.Groups[1].Value)
            && !b.Text.Contains('\n', StringComparison.Ordinal))
        {
            CloseChapter();
            _chapter = new Chapter(chapter.Groups[1].Value, chapter.Groups[2].Value.Trim(), Provenance(b));
            return;
        }
        if (_chapter is null)
        {
            _preamble.Add(b.Text);
            return;
        }

        if (_box is not null)
        {
            if (!EndsBox(b))
            {
                _box.Content.Add(b);
                return;
            }
            CloseBox(retractHeadings: b.IsCommitteeText || IsLeadIn(b));
        }

        var label = FactsheetText.BoxLabel(b.Text);
        if (label.Success)
        {
            FlushIntro();
            var type = label.Groups[1].Value.ToUpperInvariant() switch
            {
                var t when t.StartsWith("FOLLOW", StringComparison.Ordinal) => BoxType.FollowUp,
                var t when t.StartsWith("PROMISING", StringComparison.Ordinal) => BoxType.PromisingPractice,
                _ => BoxType.ClarificationNote,
            };
            var heading = label.Groups["heading"].Success ? label.Groups["heading"].Value.Trim() : null;
            _box = new OpenBox(type, heading, b);
            var rest = label.Groups["rest"].Success ? label.Groups["rest"].Value.Trim() : "";
            if (rest.Length > 0) _box.Content.Add(new BodyParagraph(rest, [], b.Source));
            return;
        }
        if (FactsheetText.IsCommitteePromisingPractice(b.Text))
        {
            FlushIntro();
            _inCommitteePractice = true;
            Add(new FactsheetBlock(BlockKind.CommitteePromisingPractice, b.Text, b.Markers, provenance: Provenance(b)));
            return;
        }

        var ids = RecommendationsCitedBy(b);
        if (ids.Count > 0)
        {
            AddRecommendation(b, ids);
            return;
        }
        if (IsLeadIn(b))
        {
            FlushIntro();
            var (strength, addressee) = Govern(b.Text)!.Value;
            _leadIn = new LeadIn(b.Text, strength, addressee);
            NewGroup();
            Add(new FactsheetBlock(BlockKind.LeadIn, b.Text, b.Markers, provenance: Provenance(b)));
            return;
        }
        if (FactsheetText.IsBullet(b.Text) && b.Text.EndsWith(':') && b.Markers.Count == 0)
        {
            FlushIntro();
            _pendingIntro = b;
            return;
        }
        FlushIntro();
        if (FactsheetText.IsKnownHeading(b.Text) || (FactsheetText.IsHeadingLike(b.Text) && b.Markers.Count == 0))
        {
            // A topic heading ends the lead-in; only the Committee's part headings start a new group of recommendations.
            _leadIn = null;
            if (FactsheetText.IsKnownHeading(b.Text)) NewGroup();
            Add(new FactsheetBlock(BlockKind.Heading, b.Text, b.Markers, provenance: Provenance(b)));
            return;
        }
        // The Committee's own words inside its "Promising practices" passage do not start a new group: the Party's
        // boxes that follow still answer the recommendations before the passage.
        if (b.IsCommitteeText && !_inCommitteePractice)
        {
            _leadIn = null;
            NewGroup();
        }
        Add(new FactsheetBlock(BlockKind.Paragraph, b.Text, b.Markers, provenance: Provenance(b)));
    }

    private bool EndsBox(BodyParagraph b)
    {
        if (_box!.ByLayout && document.HasLayout) return !b.Boxed || FactsheetText.BoxLabel(b.Text).Success;
        return FactsheetText.BoxLabel(b.Text).Success
            || FactsheetText.IsCommitteePromisingPractice(b.Text)
            || FactsheetText.IsKnownHeading(b.Text)
            || RecommendationsCitedBy(b).Count > 0
            || b.IsCommitteeText
            || IsLeadIn(b);
    }

    private void CloseBox(bool retractHeadings)
    {
        var box = _box!;
        _box = null;
        var trailing = new List<BodyParagraph>();
        if (retractHeadings)
            // Only the Committee's sub-heading right before its own text; "See above" stays in the box.
            if (box.Content.Count > 1 && FactsheetText.IsHeadingLike(box.Content[^1].Text) && box.Content[^1].Markers.Count == 0
                && !SeeReference().IsMatch(box.Content[^1].Text))
            {
                trailing.Insert(0, box.Content[^1]);
                box.Content.RemoveAt(box.Content.Count - 1);
            }
        var text = string.Join("\n\n", box.Content.Select(c => c.Text));
        var markers = box.Content.SelectMany(c => c.Markers).ToList();
        var last = box.Content.Count > 0 ? box.Content[^1] : box.Label;
        var provenance = new Provenance(document.FileName, box.Label.Line, Math.Max(box.Label.Line, last.LastLine));
        var model = new Box(box.Type, _chapter?.Number, _group.ToList(), text, box.Heading, provenance);
        _boxes.Add(model);
        _boxClosedInGroup = true;
        Add(new FactsheetBlock(BlockKind.Box, text, markers, model.Recommendations, model, provenance));
        foreach (var h in trailing)
        {
            _leadIn = null;
            Add(new FactsheetBlock(BlockKind.Heading, h.Text, h.Markers, provenance: Provenance(h)));
        }
    }

    private void AddRecommendation(BodyParagraph b, List<RecommendationId> ids)
    {
        var own = Govern(b.Text);
        var intro = _pendingIntro;
        _pendingIntro = null;
        var blockText = intro is null ? b.Text : Paragraphs.JoinText(intro.Text, b.Text, "\n");
        if (own is not null) _leadIn = null;
        var strength = own?.Strength ?? _leadIn?.Strength;
        var addressee = own?.Addressee ?? _leadIn?.Addressee ?? DefaultAddressee();
        var text = own is null && _leadIn is not null ? _leadIn.Text + "\n" + blockText : blockText;
        if (own is not null || _boxClosedInGroup) NewGroup();
        var paragraphs = b.Markers.Where(_footnotes.ContainsKey).SelectMany(m => _footnotes[m].CitedParagraphs).Distinct().ToList();
        var provenance = intro is null ? Provenance(b) : new Provenance(document.FileName, intro.Line, Math.Max(intro.Line, b.LastLine));
        var fresh = new List<RecommendationId>();
        foreach (var id in ids)
        {
            if (!_seen.Add(id))
            {
                _warnings.Add(new ParseWarning("duplicateRecommendation", b.Line, $"recommendation {id} is cited again; the first place it is cited is kept"));
                continue;
            }
            fresh.Add(id);
            _recommendations.Add(new Recommendation(id, strength, addressee, _chapter?.Number, paragraphs, [], text, provenance));
        }
        if (strength is null)
            _warnings.Add(new ParseWarning("strengthUnknown", b.Line, $"no strength verb ({string.Join(", ", options.Body.Strengths.Strengths.Select(s => s.Key))}) governs recommendation {string.Join(", ", ids)}"));
        _group.AddRange(fresh);
        Add(new FactsheetBlock(BlockKind.Recommendation, blockText, b.Markers, ids, provenance: provenance));
    }

    private void FlushIntro()
    {
        if (_pendingIntro is null) return;
        var p = _pendingIntro;
        _pendingIntro = null;
        Add(new FactsheetBlock(BlockKind.Paragraph, p.Text, p.Markers, provenance: Provenance(p)));
    }

    private void NewGroup()
    {
        _inCommitteePractice = false;
        _group.Clear();
        _boxClosedInGroup = false;
    }

    private void Add(FactsheetBlock block) => _blocks.Add(block);

    private void CloseChapter()
    {
        if (_box is not null) CloseBox(retractHeadings: false);
        FlushIntro();
        if (_chapter is not null) _chapters.Add(new FactsheetChapter(_chapter, _blocks));
        _blocks = [];
        _leadIn = null;
        NewGroup();
    }

    private List<RecommendationId> RecommendationsCitedBy(BodyParagraph b)
    {
        var ids = new List<RecommendationId>();
        foreach (var m in b.Markers)
            if (_footnotes.TryGetValue(m, out var f))
                foreach (var id in f.CitedRecommendations)
                    if (!ids.Contains(id)) ids.Add(id);
        return ids;
    }

    private bool IsLeadIn(BodyParagraph b) =>
        b.Text.TrimEnd().EndsWith(':') && Govern(b.Text) is not null && RecommendationsCitedBy(b).Count == 0;

    /// <summary>The strength and addressee of the sentence where the Committee speaks, if it does with a strength verb.</summary>
    private (string? Strength, Addressee Addressee)? Govern(string text)
    {
        if (_governed.TryGetValue(text, out var cached)) return cached;
        var result = GovernUncached(text);
        _governed[text] = result;
        return result;
    }

    private (string? Strength, Addressee Addressee)? GovernUncached(string text)
    {
        var plain = FactsheetText.StripEmphasis(text);
        var subject = Subject().Match(plain);
        if (!subject.Success) return null;
        var rest = plain[subject.Index..];
        var verbs = StrengthVerbs.For(options.Body.Strengths);
        if (verbs is null) return null;
        var m = verbs.Pattern.Match(rest);
        if (!m.Success) return null;
        return (verbs.StrengthOf(m.Groups["verb"].Value), AddresseeOf(rest));
    }

    private Addressee AddresseeOf(string governing)
    {
        if (AllParties().IsMatch(governing))
        {
            var including = Including().Match(governing);
            return Addressee.AllParties(including.Success ? new Party(PartyNames.Normalize(including.Groups[1].Value)) : null);
        }
        return DefaultAddressee();
    }

    private Addressee DefaultAddressee() => _party is not null ? Addressee.OneParty(_party) : Addressee.AllParties();

    private static Party? PartyFromTitle(List<BodyParagraph> body)
    {
        foreach (var b in body.Take(10))
        {
            var m = TitleParty().Match(b.Text);
            if (m.Success) return new Party(PartyNames.Normalize(m.Groups[1].Value));
        }
        return null;
    }

    private void ReportFootnoteUse()
    {
        foreach (var m in _usedMarkers.Order())
            if (!_footnotes.ContainsKey(m))
            {
                var line = _stream.OfType<BodyParagraph>().FirstOrDefault(b => b.Markers.Contains(m))?.Line ?? 0;
                _warnings.Add(new ParseWarning("footnoteUndefined", line, $"footnote {m} is used but never defined"));
            }
        foreach (var f in _footnotes.Values.OrderBy(f => f.Number))
            if (!_usedMarkers.Contains(f.Number))
                _warnings.Add(new ParseWarning("footnoteUnreferenced", f.Source.Line, $"footnote {f.Number} is defined but no text refers to it: {f.Text}"));
    }

    private Provenance Provenance(BodyParagraph b) => new(document.FileName, b.Line, Math.Max(b.Line, b.LastLine), b.Source.First.Page);

    [GeneratedRegex(@"\b(?:[Tt]he Committee|It|Le Comité|Il)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Subject();

    [GeneratedRegex(@"\b(?:all\s+(?:States\s+)?Parties|Parties|tous les États parties|toutes les Parties|les Parties)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AllParties();

    [GeneratedRegex(@"\bincluding\s+(?:the\s+)?(\p{Lu}[\p{L}]+(?:\s+(?:of\s+)?\p{Lu}[\p{L}]+){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex Including();

    [GeneratedRegex(@"^See (above|below)\.?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SeeReference();

    [GeneratedRegex(@"^FACTSHEET\s*[–—:-]\s*(.+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TitleParty();
}
