using System.Text.RegularExpressions;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;
using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Corpus;

/// <summary>The real documents of the shared corpus: their structure is pinned in snapshot files that hold numbers,
/// ids and counts only (no sentence of the documents), and facts a rapporteur relies on are asserted one by one.</summary>
public partial class CorpusTests
{
    private const string Reply = "lanzarote/round-2/netherlands-reply.txt";
    private const string Factsheet = "lanzarote/round-2/netherlands-factsheet.txt";

    private static ParsedDocument Parse(string relative)
    {
        var result = DocumentImporter.Default.ImportFile(TestPaths.CorpusFile(relative), null, TestContext.Current.CancellationToken);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    [Theory]
    [InlineData(Reply, "netherlands-reply.structure.txt")]
    [InlineData(Factsheet, "netherlands-factsheet.structure.txt")]
    public void Import_CorpusDocument_MatchesStructureSnapshot(string relative, string snapshot)
    {
        var parsed = Parse(relative);
        GoldenFile.Verify(Path.Combine(TestPaths.RepositoryRoot, "tests", "Rapporteur.Core.Tests", "Corpus", snapshot), Snapshot.Structure(parsed));
    }

    [Fact]
    public void Import_Reply_FindsSectionsQuestionsItemsAndParty()
    {
        var d = Parse(Reply);
        Assert.Equal(DocumentKind.Reply, d.Kind);
        Assert.Equal("Netherlands", d.Party?.Name);
        Assert.Equal(2, d.Round);
        Assert.Equal(["Prevention", "Protection", "Prosecution", "Partnerships"], d.Questionnaire!.Sections.Select(s => s.Name));
        var q97 = d.Questionnaire.Questions.Single(q => q.Number == "9.7");
        Assert.Equal("abcdef", string.Concat(q97.Items.Select(i => i.Letter)));
        Assert.Equal("Prosecution", q97.Section);
        Assert.EndsWith(":", q97.Text, StringComparison.Ordinal); // the footnote marker "children:4" is gone
        Assert.All(q97.Items, i => Assert.EndsWith("?", i.Text, StringComparison.Ordinal)); // items split by a blank line are joined
        var q13 = d.Questionnaire.Questions.Single(q => q.Number == "1.3");
        Assert.Equal(2, q13.Prompts.Count);
        Assert.All(q13.Prompts, p => Assert.StartsWith("→", p, StringComparison.Ordinal));
        Assert.Equal(8, d.Footnotes.Count);
        Assert.Equal(Enumerable.Range(1, 8), d.Footnotes.Select(f => f.Number));
    }

    [Fact]
    public void Import_Reply_AnswersAreTheReplysOwnText()
    {
        var d = Parse(Reply);
        var numbers = d.Questionnaire!.Questions.Select(q => q.Number).ToList();
        Assert.Equal(37, numbers.Count);
        Assert.Equal("", d.AnswerTo("9.8")!.Text);   // answered together with 9.9
        Assert.Equal("", d.AnswerTo("16.1")!.Text);  // answered together with 16.2
        Assert.NotEqual("", d.AnswerTo("9.9")!.Text);
        foreach (var q in d.Questionnaire.Questions)
        {
            var answer = d.AnswerTo(q.Number)!.Text;
            Assert.DoesNotContain(q.Text, answer, StringComparison.Ordinal);
            Assert.DoesNotContain("→", answer, StringComparison.Ordinal);
            Assert.False(QuestionStart().IsMatch(answer), $"answer to {q.Number} runs into another question");
        }
        // 8.1 answers item c separately ("No."): the item answers are kept apart.
        Assert.Equal(["a", "b", "c"], d.AnswerTo("8.1")!.ItemAnswers.Keys.Select(k => k.ToString()).Order());
    }

    [Fact]
    public void Import_Reply_SetsAsidePageJunkWithWarnings()
    {
        var d = Parse(Reply);
        Assert.Contains(d.Warnings, w => w.Code == "pageNumber" && w.Line == 712);
        Assert.True(d.Warnings.Count(w => w.Code == "linkTarget") > 40);
        Assert.All(d.Answers, a => Assert.DoesNotContain("scholar.google", a.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Import_Factsheet_FindsChaptersRecommendationsBoxesFootnotes()
    {
        var d = Parse(Factsheet);
        Assert.Equal(DocumentKind.Factsheet, d.Kind);
        Assert.Equal("Netherlands", d.Party?.Name);
        Assert.Equal(2, d.Round);
        Assert.Equal(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"], d.Chapters.Select(c => c.Number));
        Assert.Equal(66, d.Recommendations.Count);

        var ii6 = Rec(d, "II-6");
        Assert.Equal(("request", AddresseeKind.Party, "II"), (ii6.Strength, ii6.Addressee.Kind, ii6.Chapter));
        Assert.True(d.HasFollowUp(ii6.Id));
        var ii1 = Rec(d, "II-1");
        Assert.Equal(("invite", AddresseeKind.All, "Netherlands"), (ii1.Strength, ii1.Addressee.Kind, ii1.Addressee.Party?.Name));
        Assert.False(d.HasFollowUp(ii1.Id));
        Assert.Equal(("require", AddresseeKind.All), (Rec(d, "III-30").Strength, Rec(d, "III-30").Addressee.Kind));
        Assert.Equal(("require", AddresseeKind.Party), (Rec(d, "VI-1").Strength, Rec(d, "VI-1").Addressee.Kind));
        Assert.Equal(("invite", AddresseeKind.Party), (Rec(d, "IV-7").Strength, Rec(d, "IV-7").Addressee.Kind));
        Assert.Equal(("request", AddresseeKind.All), (Rec(d, "IV-9").Strength, Rec(d, "IV-9").Addressee.Kind));
        Assert.Equal(("invite", AddresseeKind.All), (Rec(d, "III-31").Strength, Rec(d, "III-31").Addressee.Kind)); // "It also **invites** all Parties"

        Assert.Equal(3, d.Boxes.Count(b => b.Type == BoxType.ClarificationNote));
        Assert.Contains(d.Boxes, b => b.Type == BoxType.PromisingPractice && b.IsEmpty && b.Chapter == "X");
        Assert.Equal(["II-6"], d.Boxes.First(b => b.Type == BoxType.FollowUp).Recommendations.Select(r => r.Value));
        Assert.Contains(d.Boxes, b => b.Type == BoxType.FollowUp && b.Text.StartsWith("See above", StringComparison.Ordinal) && b.Recommendations.Single().Value == "II-9");
        // The Committee's own "Promising practices" passages are not Party boxes.
        var passages = d.Factsheet!.Chapters.SelectMany(c => c.Blocks).Count(b => b.Kind == BlockKind.CommitteePromisingPractice);
        Assert.Equal(5, passages);
    }

    [Fact]
    public void Import_Factsheet_ReadsFootnotesThatPageBreaksScattered()
    {
        var d = Parse(Factsheet);
        Assert.Equal([67, 68, 73], d.Footnotes.Single(f => f.Number == 1).Paragraphs);
        Assert.Equal(["III-16", "III-18"], d.Footnotes.Single(f => f.Number == 24).Recommendations.Select(r => r.Value));
        Assert.Equal(["V-4", "V-12", "V-15"], d.Footnotes.Single(f => f.Number == 55).Recommendations.Select(r => r.Value));
        // Footnote 5 goes on in the next paragraph; footnote 38's tail sits in the next page's footnote area.
        Assert.True(Snapshot.Words(d.Footnotes.Single(f => f.Number == 5).Text) > 30);
        Assert.True(Snapshot.Words(d.Footnotes.Single(f => f.Number == 38).Text) > 30);
        Assert.DoesNotContain(d.Footnotes, f => f.Number == 108);
        Assert.Contains(d.Warnings, w => w.Code == "footnoteUndefined" && w.Message.Contains("108", StringComparison.Ordinal));
        // Markers never stay in the text.
        Assert.All(d.Recommendations, r => Assert.DoesNotMatch("[⁰¹²³⁴⁵⁶⁷⁸⁹]", r.Text));
    }

    [Theory]
    [InlineData(Reply)]
    [InlineData(Factsheet)]
    public void Import_CorpusDocument_PlacesEveryWordOrWarnsAboutIt(string relative)
    {
        var input = File.ReadAllText(TestPaths.CorpusFile(relative));
        var d = Parse(relative);
        var output = Words(ModelText(d));
        var missing = new List<string>();
        foreach (var (word, count) in Words(input))
            if (output.GetValueOrDefault(word) < count) missing.Add($"{word} ({count} in, {output.GetValueOrDefault(word)} out)");
        Assert.True(missing.Count == 0, "words lost: " + string.Join(", ", missing.Take(30)));
    }

    /// <summary>Every text the model holds, plus the labels that structure stands for.</summary>
    private static string ModelText(ParsedDocument d)
    {
        var parts = new List<string>();
        parts.AddRange(d.Warnings.Select(w => w.Message));
        parts.AddRange(d.Footnotes.Select(f => f.Text));
        if (d.Questionnaire is { } q)
        {
            parts.AddRange(q.Sections.Select(s => s.Name));
            var groups = q.Questions.GroupBy(x => x.Number.Split('.')[0]);
            foreach (var g in groups) parts.Add("Question " + g.First().Title);
            foreach (var x in q.Questions) parts.AddRange([x.Text, .. x.Items.Select(i => $"{i.Letter}. {i.Text}"), .. x.Prompts]);
            parts.AddRange(d.Answers.Select(a => a.Text));
        }
        if (d.Factsheet is { } f)
        {
            parts.AddRange(f.Preamble);
            foreach (var c in f.Chapters)
            {
                parts.Add($"{c.Chapter.Number}. {c.Chapter.Title}");
                foreach (var b in c.Blocks)
                {
                    parts.Add(b.Text);
                    if (b.Box is { } box)
                        parts.Add((box.Type switch { BoxType.FollowUp => "Follow-up actions", BoxType.PromisingPractice => "Promising practices", _ => "Clarification note" }) + " " + box.Heading);
                }
            }
        }
        return string.Join('\n', parts);
    }

    private static Dictionary<string, int> Words(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text))
        {
            var w = m.Value.ToLowerInvariant();
            counts[w] = counts.GetValueOrDefault(w) + 1;
        }
        return counts;
    }

    private static Recommendation Rec(ParsedDocument d, string id) => d.Recommendations.Single(r => r.Id.Value == id);

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"(^|\n)(Question \d|\d{1,2}\.\d{1,2}\.\s+(Does|Are|What|Have|How|Please))", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionStart();
}
