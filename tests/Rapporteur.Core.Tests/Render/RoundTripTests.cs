using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Render;

/// <summary>Publishing to DOCX and PDF and reading the result back keeps every recommendation (id, strength,
/// addressee), every box (type, the recommendations it follows) and every footnote (number, text).</summary>
public class RoundTripTests
{
    [Theory]
    [InlineData("docx")]
    [InlineData("pdf")]
    public void Render_CorpusFactsheet_ReadsBackTheSameRecommendationsBoxesAndFootnotes(string format)
    {
        var source = RenderFixtures.Import(TestPaths.CorpusFile(RenderFixtures.CorpusFactsheet));

        var back = RenderFixtures.RoundTrip(source, format);

        Assert.Equal(RenderFixtures.Essentials(source), RenderFixtures.Essentials(back));
        Assert.Equal(source.Party, back.Party);
        Assert.Equal(source.Chapters.Select(c => $"{c.Number}. {c.Title}"), back.Chapters.Select(c => $"{c.Number}. {c.Title}"));
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("pdf")]
    public void Render_FixtureFactsheet_ReadsBackTheSameRecommendationsBoxesAndFootnotes(string format)
    {
        var source = RenderFixtures.Ruritania();

        var back = RenderFixtures.RoundTrip(source, format);

        Assert.Equal(RenderFixtures.Essentials(source), RenderFixtures.Essentials(back));
        // What the source says of its text (a marker without a note), the output says too, and nothing more.
        string[] codes = ["unplacedText", "footnoteUndefined", "footnoteUnreferenced", "footnoteDuplicate", "duplicateRecommendation", "strengthUnknown"];
        Assert.Equal(source.Warnings.Where(w => codes.Contains(w.Code)).Select(w => w.Message), back.Warnings.Where(w => codes.Contains(w.Code)).Select(w => w.Message));
    }
}
