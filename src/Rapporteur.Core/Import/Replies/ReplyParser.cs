using System.Globalization;
using System.Text.RegularExpressions;
using Rapporteur.Core.Import.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Replies;

/// <summary>
/// Reads a Party's reply to a thematic questionnaire: sections ("Prevention"), numbered question groups
/// ("Question 9.  Criminalisation"), questions ("9.7."), their items ("a." to "f."), "→ Please specify" prompts,
/// and the Party's answer under each. A question answered by nothing has an empty answer.
/// </summary>
public sealed partial class ReplyParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Reply;

    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var run = new Run(document);
        run.Execute();

        var party = options.Party
            ?? PartyNames.FromFileName(document.FileName)
            ?? PartyNames.MostMentioned(run.AllText());
        var round = options.Round ?? PartyNames.Round(options.SourcePath ?? document.FileName, run.AllText());
        var questionnaire = new Questionnaire(run.Sections);
        return new ParsedDocument
        {
            Kind = Kind,
            SourceFile = document.FileName,
            Format = document.Format,
            Body = options.Body,
            Party = party,
            Round = round,
            Questionnaire = questionnaire,
            Answers = run.Answers,
            Footnotes = run.Footnotes,
            Reply = party is null ? null : new Model.Reply(party, round, run.Answers, ReplyStatus.Draft),
            Warnings = run.Warnings,
        };
    }

    /// <summary>One parse: the state of the walk over the paragraphs.</summary>
    private sealed class Run(SourceDocument document)
    {
        private readonly List<(string Name, Provenance Provenance, List<Question> Questions)> _sections = [];
        private readonly HashSet<string> _numbers = new(StringComparer.Ordinal);
        private QuestionBuilder? _current;
        private (int Number, string Title, int LastSub)? _group;

        public List<Answer> Answers { get; } = [];
        public List<Footnote> Footnotes { get; } = [];
        public List<ParseWarning> Warnings { get; } = [];
        public List<QuestionnaireSection> Sections => _sections.Select(s => new QuestionnaireSection(s.Name, s.Questions, s.Provenance)).ToList();

        public IEnumerable<string> AllText() =>
            Answers.Select(a => a.Text).Concat(_sections.SelectMany(s => s.Questions).Select(q => q.Text));

        public void Execute()
        {
            IReadOnlyList<SourceLine> lines = document.Lines;
            var glued = new Dictionary<int, IReadOnlyList<int>>();
            var definitions = new List<FootnoteDefinition>();
            if (!document.HasLayout)
            {
                var cleaned = ExtractedText.Clean(lines);
                lines = cleaned.Body;
                glued = cleaned.MarkersByLine.ToDictionary(kv => kv.Key, kv => kv.Value);
                definitions.AddRange(cleaned.Footnotes);
                Warnings.AddRange(cleaned.Warnings);
            }

            var paragraphs = new List<(SourceParagraph Paragraph, string Text)>();
            var usedMarkers = new HashSet<int>(glued.Values.SelectMany(v => v));
            foreach (var p in Paragraphs.Split(lines))
            {
                if (FootnoteMarkers.TryParseDefinition(p.Text, out var number, out var rest))
                {
                    definitions.Add(new FootnoteDefinition(number, rest.Trim(), p.First.Number, p.Last.Number));
                    continue;
                }
                var text = FootnoteMarkers.Strip(p.Text, out var markers);
                foreach (var m in markers) usedMarkers.Add(m);
                paragraphs.Add((p, text.Trim()));
            }

            foreach (var d in definitions.GroupBy(d => d.Number))
            {
                var def = d.First();
                if (d.Count() > 1)
                    Warnings.Add(new ParseWarning("footnoteDuplicate", d.Skip(1).First().FirstLine, $"footnote {def.Number} is defined again: {d.Skip(1).First().Text}"));
                Footnotes.Add(new Footnote(def.Number, def.Text, Citations.Paragraphs(def.Text), Citations.Recommendations(def.Text),
                    new Provenance(document.FileName, def.FirstLine, def.LastLine)));
            }
            foreach (var m in usedMarkers.Where(m => m > 0 && Footnotes.All(f => f.Number != m)).Order())
                Warnings.Add(new ParseWarning("footnoteUndefined", 0, $"footnote marker {m} is used but the footnote is never defined"));

            for (var i = 0; i < paragraphs.Count; i++)
            {
                var next = i + 1 < paragraphs.Count ? paragraphs[i + 1].Text : null;
                Step(paragraphs[i].Paragraph, paragraphs[i].Text, next);
            }
            Finish();
        }

        private void Step(SourceParagraph p, string text, string? next)
        {
            if (text.Length == 0) return;
            if (IsSectionName(text) && next is not null && QuestionHeader().IsMatch(next))
            {
                Finish();
                _sections.Add((text, p.ProvenanceIn(document), []));
                return;
            }
            var header = QuestionHeader().Match(text);
            if (header.Success)
            {
                Finish();
                var n = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
                var title = header.Groups[2].Value.Trim();
                _group = (n, title, 0);
                var firstSub = next is not null ? SubQuestion().Match(next) : Match.Empty;
                var hasSubs = firstSub.Success && int.Parse(firstSub.Groups[1].Value, CultureInfo.InvariantCulture) == n;
                if (!hasSubs) Start(n.ToString(CultureInfo.InvariantCulture), title, "", p);
                return;
            }
            var sub = SubQuestion().Match(text);
            if (sub.Success && _group is { } g
                && int.Parse(sub.Groups[1].Value, CultureInfo.InvariantCulture) == g.Number
                && int.Parse(sub.Groups[2].Value, CultureInfo.InvariantCulture) is var k && k > g.LastSub)
            {
                Finish();
                _group = g with { LastSub = k };
                Start($"{g.Number}.{k}", g.Title, sub.Groups[3].Value.Trim(), p);
                return;
            }

            if (_current is null)
            {
                Warnings.Add(new ParseWarning("unplacedText", p.Line, $"text before the first question: {text}"));
                return;
            }
            foreach (var segment in text.Split('\n'))
                _current.Add(segment.Trim(), p);
        }

        private void Start(string number, string title, string text, SourceParagraph p)
        {
            if (!_numbers.Add(number))
            {
                Warnings.Add(new ParseWarning("duplicateQuestion", p.Line, $"question {number} appears a second time; its text is kept as answer text of the question before"));
                _current?.Add($"{number}. {text}".Trim(), p);
                return;
            }
            if (_sections.Count == 0)
            {
                Warnings.Add(new ParseWarning("noSection", p.Line, $"question {number} comes before any section heading; it is placed in a section named \"Questions\""));
                _sections.Add(("Questions", p.ProvenanceIn(document), []));
            }
            _current = new QuestionBuilder(number, title, text, _sections[^1].Name, p.ProvenanceIn(document));
        }

        private void Finish()
        {
            if (_current is null) return;
            var (question, answer) = _current.Build(document.FileName);
            _sections[^1].Questions.Add(question);
            Answers.Add(answer);
            _current = null;
        }
    }

    private enum Phase { Text, Items, Answer }

    /// <summary>Collects one question's text, items, prompts and answer as its paragraphs arrive.</summary>
    private sealed class QuestionBuilder(string number, string title, string text, string section, Provenance provenance)
    {
        private readonly List<(char Letter, string Text)> _items = [];
        private readonly List<string> _prompts = [];
        private readonly List<string> _answer = [];
        private readonly Dictionary<char, List<string>> _itemAnswers = [];
        private readonly List<char> _awaiting = [];
        private readonly List<(string Prompt, List<string> Text)> _promptAnswers = [];
        private string _text = text;
        private Phase _phase = IsTerminated(text) ? Phase.Items : Phase.Text;
        private bool _interleaved;
        private Provenance _provenance = provenance;

        public void Add(string segment, SourceParagraph p)
        {
            if (segment.Length == 0) return;
            _provenance = _provenance.Through(new Provenance(_provenance.Source, p.First.Number, p.Last.Number));
            if (segment.StartsWith('→'))
            {
                _prompts.Add(segment);
                _promptAnswers.Add((segment, []));
                _phase = Phase.Answer;
                return;
            }
            var item = Item().Match(segment);
            var expected = (char)('a' + _items.Count);
            if (item.Success && item.Groups[1].Value[0] == expected && _prompts.Count == 0 && _items.Count < 26)
            {
                if (_answer.Count > 0) _interleaved = true;
                if (_phase == Phase.Answer) _awaiting.Clear();
                _items.Add((expected, item.Groups[2].Value.Trim()));
                _awaiting.Add(expected);
                _phase = Phase.Items;
                return;
            }
            if (_phase == Phase.Text)
            {
                _text = Paragraphs.JoinText(_text, segment);
                if (IsTerminated(_text)) _phase = Phase.Items;
                return;
            }
            if (_phase == Phase.Items && _items.Count > 0 && !IsTerminated(_items[^1].Text))
            {
                _items[^1] = (_items[^1].Letter, Paragraphs.JoinText(_items[^1].Text, segment));
                return;
            }
            if (_phase == Phase.Answer && _answer.Count > 0 && ContinuesSentence(_answer[^1], segment))
            {
                _answer[^1] = Paragraphs.JoinText(_answer[^1], segment);
                if (_promptAnswers.Count > 0 && _promptAnswers[^1].Text.Count > 0)
                    _promptAnswers[^1].Text[^1] = Paragraphs.JoinText(_promptAnswers[^1].Text[^1], segment);
                foreach (var letter in _awaiting)
                    if (_itemAnswers.TryGetValue(letter, out var list) && list.Count > 0) list[^1] = Paragraphs.JoinText(list[^1], segment);
                return;
            }
            _phase = Phase.Answer;
            _answer.Add(segment);
            if (_promptAnswers.Count > 0) _promptAnswers[^1].Text.Add(segment);
            foreach (var letter in _awaiting)
            {
                if (!_itemAnswers.TryGetValue(letter, out var list)) _itemAnswers[letter] = list = [];
                list.Add(segment);
            }
        }

        public (Question Question, Answer Answer) Build(string source)
        {
            var question = new Question(number, section, string.IsNullOrEmpty(title) ? null : title, _text,
                _items.Select(i => new QuestionItem(i.Letter, i.Text)).ToList(), _prompts, _provenance);
            var itemAnswers = _interleaved
                ? _itemAnswers.ToDictionary(kv => kv.Key, kv => string.Join("\n\n", kv.Value))
                : [];
            var answer = new Answer(number, string.Join("\n\n", _answer), itemAnswers,
                _promptAnswers.Select(p => new PromptAnswer(p.Prompt, string.Join("\n\n", p.Text))).ToList(), _provenance);
            return (question, answer);
        }
    }

    /// <summary>A sentence split by a page break or a blank line: the first part has no end punctuation and the
    /// second starts in lower case.</summary>
    private static bool ContinuesSentence(string previous, string next) =>
        !IsTerminated(previous) && next.Length > 0 && char.IsLower(next[0]) && !previous.EndsWith(':');

    private static bool IsTerminated(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '?' or '.' or ':' or ';' or '!';
    }

    /// <summary>"Prevention", "Protection", "Prosecution", "Partnerships": one to three capitalised words.</summary>
    private static bool IsSectionName(string text) =>
        text.Length <= 40 && SectionName().IsMatch(text);

    [GeneratedRegex(@"^\p{Lu}\p{L}+(?:[ -]\p{L}+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionName();

    // Four digits: a questionnaire may run past question 999 (a 1,500-question reply once kept only 999 answers).
    [GeneratedRegex(@"^Question\s+(\d{1,4})\.?(?:\s+(.*))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex QuestionHeader();

    [GeneratedRegex(@"^(\d{1,4})\.(\d{1,3})\.?(?:\s+(.*))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SubQuestion();

    [GeneratedRegex(@"^([a-z])[.)]\s+(.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Item();
}
