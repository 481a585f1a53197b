using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Tests.Reports;

public class ReportParserTests
{
    private static ParsedDocument Parse(string text, TreatyBody? body = null, Party? party = null)
    {
        var result = DocumentImporter.Default.ImportText("report.txt", text,
            new ImportOptions { Kind = DocumentKind.Report, Body = body ?? TreatyBody.Lanzarote, Party = party });
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    private static string Report(params string[] paragraphs) =>
        "Evaluation report on Ruritania\n\nII. Policies\n\n" + string.Join("\n\n", paragraphs) + "\n";

    [Theory]
    [InlineData("GREVIO strongly encourages the authorities to act.", "strongly-encourage")]
    [InlineData("GREVIO encourages the authorities to act.", "encourage")]
    [InlineData("GREVIO urges the authorities to act.", "urge")]
    [InlineData("GREVIO further strongly encourages the authorities to act.", "strongly-encourage")]
    [InlineData("GREVIO encourage vivement les autorités à agir.", "strongly-encourage")]
    [InlineData("GREVIO encourage les autorités à agir.", "encourage")]
    public void Parse_GrevioVerbs_MatchLongestVerbFirst(string sentence, string strength)
    {
        var d = Parse(Report("12. " + sentence), TreatyBody.Grevio);
        Assert.Equal(strength, Assert.Single(d.Recommendations).Strength);
    }

    [Fact]
    public void Parse_FrenchLanzaroteVerb_GivesStrengthAndAllParties()
    {
        var r = Assert.Single(Parse(Report("5. Le Comité demande aux Parties de protéger les enfants.")).Recommendations);
        Assert.Equal("request", r.Strength);
        Assert.Equal(AddresseeKind.All, r.Addressee.Kind);
    }

    [Fact]
    public void Parse_StrengthVerbWithoutTheBodyAsSubject_IsNotARecommendation()
    {
        var d = Parse(Report("5. Several Parties require coaches to be vetted.", "6. The Committee notes that Parties invite experts."));
        Assert.Empty(d.Recommendations);
    }

    [Fact]
    public void Parse_GretaConsidersWithoutShould_IsAnObservationNotARecommendation()
    {
        var d = Parse(Report("5. GRETA considers that the framework is adequate.", "6. GRETA considers that the authorities should act."), TreatyBody.Greta);
        var r = Assert.Single(d.Recommendations);
        Assert.Equal("consider", r.Strength);
        Assert.Equal([6], r.Paragraphs);
    }

    [Theory]
    [InlineData("7. The Committee requests Parties to act (R II-6).", "II-6")]
    [InlineData("7. The Committee requests Parties to act [II-6].", "II-6")]
    [InlineData("7. The Committee requests Parties to act (II-6).", "II-6")]
    [InlineData("7. Recommendation II-6: The Committee requests Parties to act.", "II-6")]
    [InlineData("7. The Committee requests Parties to act. Recommendation II-6.", "II-6")]
    [InlineData("7. The Committee requests Parties to act.", "II-1")]
    public void Parse_RecommendationId_ExplicitOrGeneratedInChapter(string paragraph, string id)
    {
        var r = Assert.Single(Parse(Report(paragraph)).Recommendations);
        Assert.Equal(id, r.Id.Value);
        Assert.Equal("The Committee requests Parties to act.", r.Text);
    }

    [Fact]
    public void Parse_LabelledParagraphWithoutStrengthVerb_IsARecommendationWithUnknownStrength()
    {
        var d = Parse(Report("7. Recommendation II-6: Parties should act."));
        var r = Assert.Single(d.Recommendations);
        Assert.Equal("II-6", r.Id.Value);
        Assert.Null(r.Strength);
        Assert.Contains(d.Warnings, w => w.Code == "strengthUnknown" && w.Line == 5);
    }

    [Fact]
    public void Parse_MarkdownHeadings_GiveChaptersAndWarnedSubHeadings()
    {
        var result = DocumentImporter.Default.ImportText("report.md", "# Report on Ruritania\n\n## II. Policies\n\n### Data collection\n\n3. The Committee requests Parties to act.\n",
            new ImportOptions { Kind = DocumentKind.Report });
        var d = result.Value!;
        Assert.Equal("Report on Ruritania", d.Title);
        Assert.Equal(["II"], d.Chapters.Select(c => c.Number));
        Assert.Equal("II-1", Assert.Single(d.Recommendations).Id.Value);
        Assert.Contains(d.Warnings, w => w.Code == "unplacedText" && w.Line == 5);
    }

    [Fact]
    public void Parse_GeneratedIds_SkipExplicitOnesOfTheSameChapter()
    {
        var d = Parse(Report("7. The Committee requests Parties to act (R II-1).", "8. The Committee invites Parties to act.", "9. The Committee requires Parties to act."));
        Assert.Equal(["II-1", "II-2", "II-3"], d.Recommendations.Select(r => r.Id.Value));
    }

    [Fact]
    public void Parse_NoChapter_GeneratesIdsInChapterI()
    {
        var d = Parse("Report on Ruritania\n\n1. The Committee requests Parties to act.\n");
        var r = Assert.Single(d.Recommendations);
        Assert.Equal("I-1", r.Id.Value);
        Assert.Equal("I", r.Chapter);
        Assert.Equal([1], Assert.Single(d.Report!.Chapters).Paragraphs.Select(p => p.Number));
    }

    [Theory]
    [InlineData("The Committee requests Parties to act.", AddresseeKind.All, null)]
    [InlineData("The Committee requests all States Parties to act.", AddresseeKind.All, null)]
    [InlineData("The Committee invites all Parties, including Ruritania, to act.", AddresseeKind.All, "Ruritania")]
    [InlineData("The Committee requests Ruritania to act.", AddresseeKind.Party, "Ruritania")]
    [InlineData("The Committee requests the authorities to act and to tell other Parties.", AddresseeKind.Party, "Ruritania")]
    public void Parse_Addressee_AllPartiesOrTheStateUnderEvaluation(string sentence, AddresseeKind kind, string? party)
    {
        var r = Assert.Single(Parse(Report("3. " + sentence)).Recommendations);
        Assert.Equal(kind, r.Addressee.Kind);
        Assert.Equal(party, r.Addressee.Party?.Name);
    }

    [Theory]
    [InlineData("Evaluation report RURITANIA", "Ruritania")]
    [InlineData("Report on the Republic of Ruritania", "Republic of Ruritania")]
    [InlineData("Report concerning the implementation of the Convention by the Grand Duchy of Fenwick", "Grand Duchy of Fenwick")]
    public void Parse_Title_GivesTheStateUnderEvaluation(string title, string party)
    {
        var d = Parse(title + "\n\nII. Policies\n\n3. GRETA urges the authorities to act.\n", TreatyBody.Greta);
        Assert.Equal(party, d.Party?.Name);
        Assert.Equal(party, Assert.Single(d.Recommendations).Addressee.Party?.Name);
    }

    [Fact]
    public void Parse_NoStateInTitle_TakesTheOneTheSentenceNames()
    {
        var d = Parse("Evaluation\n\nII. Policies\n\n3. GRETA urges the authorities of Freedonia to act.\n", TreatyBody.Greta);
        Assert.Equal("Freedonia", Assert.Single(d.Recommendations).Addressee.Party?.Name);
        Assert.Equal("Freedonia", d.Party?.Name);
    }

    [Fact]
    public void Parse_PartyOption_WinsOverTheTitle()
    {
        var d = Parse(Report("3. GRETA urges the authorities to act."), TreatyBody.Greta, new Party("Freedonia"));
        Assert.Equal("Freedonia", Assert.Single(d.Recommendations).Addressee.Party?.Name);
    }

    [Fact]
    public void Parse_BoldParagraph_IsARecommendationOfTheParagraphAbove()
    {
        var d = Parse(Report("4. Interpreters are scarce.", "**GRETA urges the authorities to hire interpreters.**"), TreatyBody.Greta);
        var r = Assert.Single(d.Recommendations);
        Assert.Equal("GRETA urges the authorities to hire interpreters.", r.Text);
        Assert.Equal([4], r.Paragraphs);
        Assert.Contains("hire interpreters", d.Report!.Chapters.Single().Paragraphs.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FootnotesCitingParagraphs_AddThemToTheRecommendation()
    {
        var d = Parse(Report("9. The Committee requests Parties to act,¹ in law.²", "¹ Paras. 3, 4.", "² paras 6-8."));
        Assert.Equal([3, 4, 6, 7, 8, 9], Assert.Single(d.Recommendations).Paragraphs);
        Assert.Equal("The Committee requests Parties to act, in law.", d.Report!.Chapters.Single().Paragraphs.Single().Text);
        Assert.Equal(["II-6", "III-16", "III-18"],
            Parse(Report("9. Text.¹", "¹ Recommendations II-6, III-16 and III-18.")).Footnotes.Single().Recommendations.Select(r => r.Value));
    }

    [Fact]
    public void Parse_UndefinedAndUnreferencedFootnotes_Warn()
    {
        var d = Parse(Report("9. Text of the paragraph.³", "⁴ A note nobody cites."));
        Assert.Contains(d.Warnings, w => w.Code == "footnoteUndefined" && w.Line == 5 && w.Message.Contains("footnote 3", StringComparison.Ordinal));
        Assert.Contains(d.Warnings, w => w.Code == "footnoteUnreferenced" && w.Line == 7);
    }

    [Fact]
    public void Parse_ParagraphSplitByPageBreak_IsJoined()
    {
        var d = Parse(Report("9. The figures sent by the Parties show that", "14", "cases rarely reach a court.", "10. Next."));
        var paragraphs = d.Report!.Chapters.Single().Paragraphs;
        Assert.Equal("The figures sent by the Parties show that cases rarely reach a court.", paragraphs[0].Text);
        Assert.Equal([9, 10], paragraphs.Select(p => p.Number));
        Assert.Contains(d.Warnings, w => w.Code == "pageNumber");
    }

    [Fact]
    public void Parse_SubHeadingAndExtraTitleText_AreWarnedNotDropped()
    {
        var d = Parse("Report on Ruritania\n\nAdopted in 2031\n\nII. Policies\n\nData collection\n\n3. Text.\n");
        Assert.Equal("Report on Ruritania", d.Title);
        Assert.Contains(d.Warnings, w => w.Code == "unplacedText" && w.Line == 3 && w.Message.Contains("Adopted in 2031", StringComparison.Ordinal));
        Assert.Contains(d.Warnings, w => w.Code == "unplacedText" && w.Line == 7 && w.Message.Contains("Data collection", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ChapterForms_AreAllChapters()
    {
        var d = Parse("Report\n\nChapter I – Scope\n\n1. Text.\n\nCHAPTER II: Policies\n\n2. Text.\n\nIII. Data\n\n3. Text.\n\nC. Lettered sub-heading\n\n4. Text.\n");
        Assert.Equal(["I", "II", "III"], d.Chapters.Select(c => c.Number));
        Assert.Equal(["Scope", "Policies", "Data"], d.Chapters.Select(c => c.Title));
        Assert.Equal([3, 4], d.Report!.Chapters[2].Paragraphs.Select(p => p.Number));
    }

    [Fact]
    public void Parse_TableOfContentsAsSeparateLines_IsSetAsideWhenNumberingStartsAgain()
    {
        var d = Parse("Report\n\nI. Scope\n\nII. Policies\n\nI. Scope\n\n1. Text.\n\nII. Policies\n\n2. Text.\n");
        Assert.Equal(["I", "II"], d.Chapters.Select(c => c.Number));
        Assert.Equal([1, 2], d.Report!.Chapters.SelectMany(c => c.Paragraphs).Select(p => p.Number));
        Assert.Equal(2, d.Warnings.Count(w => w.Code == "unplacedText" && w.Message.Contains("table of contents", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Report (2nd monitoring round)", 2)]
    [InlineData("Report, second round", 2)]
    [InlineData("Report, round 3", 3)]
    [InlineData("Report, third evaluation round", 3)]
    [InlineData("Report", null)]
    public void Parse_Title_GivesTheRound(string title, int? round) =>
        Assert.Equal(round, Parse(title + "\n\nI. Scope\n\n1. Text.\n").Round);

    [Fact]
    public void Parse_NoRecommendations_ReturnsNoneAndNoCrash()
    {
        var d = Parse(Report("1. The Committee notes progress.", "2. Several Parties have laws."));
        Assert.Equal(DocumentKind.Report, d.Kind);
        Assert.Empty(d.Recommendations);
        Assert.Equal(2, d.Report!.Chapters.Single().Paragraphs.Count);
    }

    [Fact]
    public void Parse_OnlyATitle_ReturnsAnEmptyReport()
    {
        var d = Parse("Just a title\n");
        Assert.Equal("Just a title", d.Title);
        Assert.Empty(d.Recommendations);
        Assert.Empty(d.Report!.Chapters);
    }

    [Fact]
    public void Parse_UprBodyWithoutVocabulary_FindsNoStrengthRecommendations()
    {
        var d = Parse(Report("1. The Committee requests Parties to act."), TreatyBody.Upr);
        Assert.Empty(d.Recommendations);
    }
}
