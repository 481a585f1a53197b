using System.Globalization;
using System.Text.RegularExpressions;
using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Reports;

/// <summary>
/// Reads a numbered list of recommendations in the UPR shape: lead paragraphs ("116. The following recommendations
/// will be examined by Ruritania ...") name the State under review; items ("116.1 Ratify ... (Chile);") give the id,
/// the text and, in the final parentheses, the recommending States. Items may span lines, blank lines and page breaks.
/// </summary>
public sealed class RecommendationListParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Recommendations;

    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return new RecommendationListRun(document, options).Execute();
    }
}

/// <summary>One list parse, line by line: the list's items are often not separated by blank lines.</summary>
internal sealed partial class RecommendationListRun(SourceDocument document, ImportOptions options)
{
    private readonly List<ParseWarning> _warnings = [];
    private readonly List<Recommendation> _recommendations = [];
    private readonly HashSet<RecommendationId> _seen = [];
    private readonly List<(string Text, int Line)> _preamble = [];
    private readonly GoverningSentence? _governing = GoverningSentence.For(options.Body);

    private Open? _item;
    private Open? _lead;
    private Open? _other;
    private Party? _leadState;
    private Party? _firstLeadState;
    private Party? _titleParty;
    private bool _seenList;
    private bool _partyWarned;

    private sealed class Open(string text, SourceLine first, string? id = null, int? number = null)
    {
        public string? Id { get; } = id;
        public int? Number { get; } = number;
        public TextJoiner Text { get; } = new(text);
        public SourceLine First { get; } = first;
        public int LastLine { get; set; } = first.Number;
    }

    public ParsedDocument Execute()
    {
        var blank = false;
        foreach (var line in document.Lines)
        {
            var t = Paragraphs.CollapseSpaces(line.Text.Trim());
            if (t.Length == 0)
            {
                blank = true;
                CloseLead();
                CloseOther();
                continue;
            }
            Read(line, t, blank);
            blank = false;
        }
        CloseItem();
        CloseLead();
        CloseOther();

        var title = _preamble.Count > 0 ? _preamble[0].Text : null;
        foreach (var (text, line) in _preamble.Skip(1))
            _warnings.Add(new ParseWarning("unplacedText", line, $"text before the list, kept out of the title: {text}"));
        var round = options.Round ?? ReportText.Round(_preamble.Select(p => p.Text)) ?? PartyNames.Round(options.SourcePath ?? document.FileName, []);
        return new ParsedDocument
        {
            Kind = DocumentKind.Recommendations,
            SourceFile = document.FileName,
            Format = document.Format,
            Body = options.Body,
            Party = options.Party ?? _firstLeadState ?? _titleParty,
            Round = round,
            Title = title,
            Recommendations = _recommendations,
            Warnings = _warnings.OrderBy(w => w.Line).ToList(),
        };
    }

    private void Read(SourceLine line, string t, bool blank)
    {
        if (Furniture().IsMatch(t))
        {
            _warnings.Add(new ParseWarning("pageFurniture", line.Number, $"page number or document symbol set aside: {t}"));
            return;
        }
        var heading = (line.Hints & LineHints.Heading) != 0 || ReportText.TryChapter(t, false, out _, out _, out _);
        var item = Item().Match(t);
        if (!heading && item.Success)
        {
            CloseItem();
            CloseLead();
            CloseOther();
            _item = new Open(item.Groups["text"].Value, line, item.Groups["id"].Value);
            _seenList = true;
            return;
        }
        var lead = Lead().Match(t);
        if (!heading && lead.Success && int.TryParse(lead.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            CloseItem();
            CloseLead();
            CloseOther();
            _lead = new Open(t, line, number: number);
            return;
        }
        if (!heading && _item is not null && Continues(_item.Text.ToString(), t, blank))
        {
            _item.Text.Append(t);
            _item.LastLine = line.Number;
            return;
        }
        CloseItem();
        if (!heading && !blank && (_lead ?? _other) is { } open)
        {
            open.Text.Append(t);
            open.LastLine = line.Number;
            return;
        }
        CloseLead();
        CloseOther();
        _other = new Open(t, line);
    }

    /// <summary>An item goes on while its sentence is not finished: after a blank line or page break too, unless it
    /// already ends with its States' parentheses and a semicolon or full stop.</summary>
    private static bool Continues(string item, string next, bool blank)
    {
        if (ReportText.StartsLower(next)) return true;
        var last = item.AsSpan().TrimEnd();
        if (last.Length == 0) return true;
        return last[^1] switch
        {
            ';' or '.' => false,
            ')' => !blank,
            _ => true,
        };
    }

    private void CloseItem()
    {
        if (_item is null) return;
        var item = _item;
        _item = null;
        var raw = item.Text.ToString();
        var states = RecommendingStates.Split(raw, out var text);
        var idText = item.Id!.TrimEnd('.');
        if (!RecommendationId.TryParse(idText, out var id) || id is null)
        {
            _warnings.Add(new ParseWarning("unplacedText", item.First.Number, $"item number {item.Id} is not a recommendation id: {raw}"));
            return;
        }
        if (!_seen.Add(id))
        {
            _warnings.Add(new ParseWarning("duplicateRecommendation", item.First.Number, $"recommendation {id} appears again; the first is kept: {raw}"));
            return;
        }
        if (states.Count == 0)
            _warnings.Add(new ParseWarning("recommendedByMissing", item.First.Number, $"recommendation {id} does not end with the recommending State(s) in parentheses"));
        var parent = int.Parse(idText[..idText.IndexOf('.', StringComparison.Ordinal)], NumberStyles.None, CultureInfo.InvariantCulture);
        var party = options.Party ?? _leadState ?? _titleParty;
        if (party is null && !_partyWarned)
        {
            _warnings.Add(new ParseWarning("partyUnknown", item.First.Number,
                "the list does not say which State is under review; its recommendations are recorded as addressed to all Parties (use --party)"));
            _partyWarned = true;
        }
        var addressee = party is not null ? Addressee.OneParty(party) : Addressee.AllParties();
        var strength = _governing?.LeadingVerb(text);
        IReadOnlyList<int> paragraphs = parent >= 1 ? [parent] : [];
        _recommendations.Add(new Recommendation(id, strength, addressee, null, paragraphs, states, text,
            new Provenance(document.FileName, item.First.Number, Math.Max(item.First.Number, item.LastLine), item.First.Page)));
    }

    private void CloseLead()
    {
        if (_lead is null) return;
        var lead = _lead;
        _lead = null;
        var text = lead.Text.ToString();
        var state = LeadState().Match(text);
        if (state.Success && ReportText.AsParty(state.Groups["name"].Value) is { } party)
        {
            _leadState = party;
            _firstLeadState ??= party;
            _warnings.Add(new ParseWarning("unplacedText", lead.First.Number,
                $"lead paragraph {lead.Number} read for the State under review ({party.Name}); its wording has no place in the model: {text}"));
        }
        else
        {
            _warnings.Add(new ParseWarning("unplacedText", lead.First.Number, $"numbered paragraph {lead.Number} outside the list has no place in the model: {text}"));
        }
        _seenList = true;
    }

    private void CloseOther()
    {
        if (_other is null) return;
        var other = _other;
        _other = null;
        var text = other.Text.ToString();
        if (!_seenList)
        {
            _preamble.Add((text, other.First.Number));
            _titleParty ??= TitleParty();
        }
        else
        {
            _warnings.Add(new ParseWarning("unplacedText", other.First.Number, $"text outside the list's items has no place in the model: {text}"));
        }
    }

    /// <summary>"Report of the Working Group on the Universal Periodic Review" followed by the State's name, or a
    /// "Report on Ruritania" title.</summary>
    private Party? TitleParty()
    {
        for (var i = 0; i < _preamble.Count; i++)
        {
            var m = UprTitle().Match(_preamble[i].Text);
            if (!m.Success) continue;
            if (m.Groups["name"].Success) return ReportText.AsParty(m.Groups["name"].Value);
            if (i + 1 < _preamble.Count && StateLine().IsMatch(_preamble[i + 1].Text)) return ReportText.AsParty(_preamble[i + 1].Text);
        }
        return ReportText.PartyFromTitle(_preamble.Select(p => p.Text).ToList());
    }

    [GeneratedRegex(@"^(?<id>\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)\.?\s+(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Item();

    [GeneratedRegex(@"^(?<n>\d{1,4})\.\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex Lead();

    [GeneratedRegex(@"^(?:\d{1,4}|GE\.\d{2}-\d+.*|A/HRC/\S+|\d{1,4}\s*/\s*\d{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Furniture();

    [GeneratedRegex(@"\b(?:(?:examined|noted|supported|accepted|considered|rejected)\s+by|(?:the\s+)?support\s+of)\s+(?:the\s+)?(?<name>\p{Lu}[\p{L}'’-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+)?(?:\p{Lu}[\p{L}'’-]*|\([\p{L} ]+\))){0,4})",
        RegexOptions.CultureInvariant)]
    private static partial Regex LeadState();

    [GeneratedRegex(@"Universal\s+Periodic\s+Review\*?\s*(?:[:–—-]\s*(?:the\s+)?(?<name>\p{Lu}[\p{L}'’ -]{1,60}?))?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UprTitle();

    [GeneratedRegex(@"^(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+)?(?:\p{Lu}[\p{L}'’-]*|\([\p{L} ]+\))){0,4}\*?$", RegexOptions.CultureInvariant)]
    private static partial Regex StateLine();
}

/// <summary>The recommending States in an item's final parentheses: "(Chile)", "(Brazil) (France)", "(Brazil, France)",
/// "(Bolivia (Plurinational State of))". Parentheses that hold something else ("(CEDAW)", "(art. 5)") end the scan.</summary>
internal static class RecommendingStates
{
    public static IReadOnlyList<string> Split(string item, out string text)
    {
        var s = item.TrimEnd().TrimEnd(';', '.', ',').TrimEnd();
        var groups = new List<string>();
        while (s.Length > 0 && s[^1] == ')')
        {
            var open = MatchingOpen(s);
            if (open < 0) break;
            var inner = s[(open + 1)..^1];
            var names = Names(inner);
            if (names is null) break;
            groups.InsertRange(0, names);
            s = s[..open].TrimEnd();
        }
        text = s.TrimEnd(';', ',').TrimEnd();
        return groups;
    }

    private static int MatchingOpen(string s)
    {
        var depth = 0;
        for (var i = s.Length - 1; i >= 0; i--)
        {
            if (s[i] == ')') depth++;
            else if (s[i] == '(' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>The names in one group, split at commas and semicolons outside nested parentheses; null when the group
    /// does not read as a list of State names (a lower-case start, digits, an acronym).</summary>
    private static List<string>? Names(string inner)
    {
        var names = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= inner.Length; i++)
        {
            var c = i < inner.Length ? inner[i] : ',';
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c is ',' or ';' && depth == 0)
            {
                var name = inner[start..i].Trim();
                if (name.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) name = name[4..].TrimStart();
                if (!LooksLikeState(name)) return null;
                names.Add(name);
                start = i + 1;
            }
        }
        return names.Count > 0 ? names : null;
    }

    private static bool LooksLikeState(string name) =>
        name.Length is > 1 and <= 80 && char.IsUpper(name[0]) && !name.Any(char.IsDigit)
        && (name.Any(char.IsLower) || PartyNames.Known.Contains(name, StringComparer.OrdinalIgnoreCase));
}
