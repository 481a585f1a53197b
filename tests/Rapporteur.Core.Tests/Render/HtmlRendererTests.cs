using System.Text;

namespace Rapporteur.Core.Tests.Render;

/// <summary>The HTML page stands alone and shows what a reader of the factsheet needs.</summary>
public class HtmlRendererTests
{
    [Fact]
    public void Render_Factsheet_IsOnePageWithBoxesTaggedRecommendationsAndLinkedNotes()
    {
        var source = RenderFixtures.Ruritania();
        var html = Encoding.UTF8.GetString(RenderFixtures.Render(RenderFixtures.Publication(source), "html"));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("<aside class=\"box box-orange\">", html, StringComparison.Ordinal);
        foreach (var r in source.Recommendations)
        {
            Assert.Contains($"id=\"rec-{r.Id.Value}\"", html, StringComparison.Ordinal);
            Assert.Contains($"class=\"strength strength-{r.Strength}\"", html, StringComparison.Ordinal);
        }
        foreach (var f in source.Footnotes)
        {
            Assert.Contains($"<li id=\"fn-{f.Number}\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"#fn-{f.Number}\"", html, StringComparison.Ordinal);
        }
    }
}
