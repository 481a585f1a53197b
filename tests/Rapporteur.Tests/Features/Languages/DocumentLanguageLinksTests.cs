using System.Net;
using System.Text.RegularExpressions;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>The round, matrix and factsheet pages offer each generated document in English and in French, the
/// reader's language first; the French link gives a French document whatever the interface's language.</summary>
public sealed partial class DocumentLanguageLinksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData("/rounds/Lanzarote/3", "/rounds/Lanzarote/3/compliance-report")]
    [InlineData("/rounds/Lanzarote/3", "/rounds/Lanzarote/3/compilation")]
    [InlineData("/rounds/Lanzarote/3/matrix", "/rounds/Lanzarote/3/compliance-report")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania", "/rounds/Lanzarote/3/factsheets/Ruritania")]
    public async Task Page_OffersEachFormatInBothLanguages_ReadersLanguageFirst(string page, string document)
    {
        await using var web = await WebApp.StartAsync();
        using var reader = web.Client();
        foreach (var (culture, first, second) in new[] { ("en", "en", "fr"), ("fr", "fr", "en") })
        {
            var html = WebUtility.HtmlDecode(await reader.GetStringAsync(U($"{page}?culture={culture}"), Ct));
            var links = DocumentLink().Matches(html).Where(m => m.Groups["path"].Value == document)
                .Select(m => (Format: m.Groups["format"].Value, Language: m.Groups["lang"].Value, Label: m.Groups["label"].Value)).ToList();
            Assert.Equal(6, links.Count);
            Assert.Equal([first, first, first, second, second, second], links.Select(l => l.Language));
            Assert.Equal(["pdf", "docx", "html", "pdf", "docx", "html"], links.Select(l => l.Format));
            // A screen reader hears which document, which format and which language.
            var frenchPdf = links.First(l => l.Language == "fr" && l.Format == "pdf").Label;
            Assert.Contains(culture == "fr" ? "PDF, en français" : "PDF, in French", frenchPdf, StringComparison.Ordinal);
            Assert.Contains("<span lang=\"fr\">Français</span>", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/rounds/Lanzarote/3/compliance-report", "Rapport de conformité", "Compliance report")]
    [InlineData("/rounds/Lanzarote/3/compilation", "Compilation des réponses", "Compilation of replies")]
    public async Task FrenchLink_OnTheEnglishRoundPage_GivesAFrenchDocument(string document, string french, string english)
    {
        await using var web = await WebApp.StartAsync();
        using var reader = web.Client();
        var round = WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3?culture=en"), Ct));
        var link = DocumentLink().Matches(round).Single(m => m.Groups["path"].Value == document && m.Groups["lang"].Value == "fr" && m.Groups["format"].Value == "html");

        var html = WebUtility.HtmlDecode(await reader.GetStringAsync(U(link.Groups["href"].Value), Ct));

        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains(french, html, StringComparison.Ordinal);
        Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        var englishLink = DocumentLink().Matches(round).Single(m => m.Groups["path"].Value == document && m.Groups["lang"].Value == "en" && m.Groups["format"].Value == "html");
        Assert.Contains(english, await reader.GetStringAsync(U(englishLink.Groups["href"].Value), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FactsheetPage_FrenchLinkForAFrenchReader_GivesTheFrenchFactsheet()
    {
        await using var web = await WebApp.StartAsync();
        using var reader = web.Client();
        var page = WebUtility.HtmlDecode(await reader.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Ruritania?culture=en"), Ct));
        var link = DocumentLink().Matches(page).Single(m => m.Groups["lang"].Value == "fr" && m.Groups["format"].Value == "html");

        var html = WebUtility.HtmlDecode(await reader.GetStringAsync(U(link.Groups["href"].Value), Ct));

        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Fiche d'information", html, StringComparison.Ordinal); // the demo's French title
    }

    [GeneratedRegex("""<a href="(?<href>(?<path>/rounds/[^".]+)\.(?<format>pdf|docx|html)\?lang=(?<lang>en|fr))" hreflang="\k<lang>" aria-label="(?<label>[^"]+)">""")]
    private static partial Regex DocumentLink();
}
