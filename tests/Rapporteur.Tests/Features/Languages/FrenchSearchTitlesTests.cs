using System.Net;
using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>A French hit (a translation's copy in the index) is titled in French — "Recommandation II-1 (toutes les
/// Parties)", the factsheet's translated title with the chapter's — in the API's JSON and on the search page; its
/// English source keeps its English title.</summary>
public sealed class FrenchSearchTitlesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<List<(string Title, string Language, string Type, string Id)>> HitsAsync(HttpClient client, string query)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(U("/api/v1/search?limit=50&q=" + Uri.EscapeDataString(query)), Ct));
        return json.RootElement.GetProperty("results").EnumerateArray()
            .Select(h => (h.GetProperty("title").GetString()!, h.GetProperty("language").GetString()!, h.GetProperty("type").GetString()!, h.GetProperty("id").GetString()!)).ToList();
    }

    [Fact]
    public async Task Api_FrenchHits_TitledInFrench_EnglishHitsInEnglish()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();

        var recommendations = await HitsAsync(client, "casier judiciaire");
        var ii1 = Assert.Single(recommendations, h => h.Type == "recommendation" && h.Id == "II-1");
        Assert.Equal(("Recommandation II-1 (toutes les Parties)", "fr"), (ii1.Title, ii1.Language));
        var ii2 = Assert.Single(recommendations, h => h.Type == "recommendation" && h.Id == "II-2");
        Assert.Equal("Recommandation II-2 (Ruritania)", ii2.Title);
        var english = await HitsAsync(client, "criminal record");
        Assert.Contains(english, h => h.Type == "recommendation" && h.Id == "II-1" && h.Title == "Recommendation II-1 (all Parties)" && h.Language == "en");

        var factsheet = await HitsAsync(client, "plusieurs mesures examinées");
        var paragraphs = factsheet.Where(h => h.Type == "paragraph" && h.Language == "fr").ToList();
        Assert.NotEmpty(paragraphs);
        Assert.All(paragraphs, p => Assert.StartsWith("Fiche d'information – Ruritanie, ", p.Title, StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Title.EndsWith(". Recrutement sûr", StringComparison.Ordinal)); // the chapter's French title
    }

    [Fact]
    public async Task SearchPage_FrenchHit_ShowsTheFrenchTitleMarkedFrench()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(U("/search?q=casier+judiciaire&culture=fr"), Ct));

        Assert.Contains("lang=\"fr\">Recommandation II-1 (toutes les Parties)</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Recommendation II-1", html, StringComparison.Ordinal);
    }
}
