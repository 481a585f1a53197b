using System.Net;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>The interface in English and French: ?culture=, the cookie it sets, Accept-Language, and dates.</summary>
public sealed class InterfaceLanguageTests(SharedWebApp app) : IClassFixture<SharedWebApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Home_WithCultureFr_IsInFrenchWithFrenchDates()
    {
        using var client = app.Web.Client();
        var response = await client.GetAsync(U("/?culture=fr"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains(">Cycles</a>", html, StringComparison.Ordinal);
        Assert.Contains(">Se connecter</a>", html, StringComparison.Ordinal);
        Assert.Contains("Cycles de suivi", html, StringComparison.Ordinal);
        Assert.Contains("30 juin 2026", html, StringComparison.Ordinal); // the demo round's reply deadline
        Assert.Contains("Protéger les enfants", html, StringComparison.Ordinal); // the round's French title
        Assert.Contains("hreflang=\"en\"", html, StringComparison.Ordinal); // the way back
        // The choice is remembered.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dfr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_WithoutChoice_IsInEnglish()
    {
        using var client = app.Web.Client();
        var html = await client.GetStringAsync(U("/"), Ct);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(">Rounds</a>", html, StringComparison.Ordinal);
        Assert.Contains("30 June 2026", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?culture=fr\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_WithFrenchAcceptLanguageOrCookie_IsInFrench()
    {
        using var client = app.Web.Client();
        using var byHeader = new HttpRequestMessage(HttpMethod.Get, U("/"));
        byHeader.Headers.AcceptLanguage.ParseAdd("fr-BE,fr;q=0.9,en;q=0.5");
        var html = await (await client.SendAsync(byHeader, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);

        using var byCookie = new HttpRequestMessage(HttpMethod.Get, U("/"));
        byCookie.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr");
        byCookie.Headers.AcceptLanguage.ParseAdd("en");
        html = await (await client.SendAsync(byCookie, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedCulture_FallsBackToEnglish()
    {
        using var client = app.Web.Client();
        var html = await client.GetStringAsync(U("/?culture=de"), Ct);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rounds/Lanzarote/3", "Questionnaire", "Matrice de conformité")]
    [InlineData("/rounds/Lanzarote/3/matrix", "partiellement mise en œuvre", "Filtrer")]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania", "Actions de suivi", "Télécharger")]
    [InlineData("/search?q=sport", "Affiner les résultats", "résultats")]
    [InlineData("/account/login", "Mot de passe", "Se connecter")]
    public async Task PublicPages_WithCultureFr_UseFrenchLabels(string path, string expected, string also)
    {
        using var client = app.Web.Client();
        var html = await client.GetStringAsync(U(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=fr"), Ct);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains(also, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoundPage_WithCultureFr_NamesStatusesAndStrengthsInFrench()
    {
        using var client = app.Web.Client();
        var html = await client.GetStringAsync(U("/rounds/Lanzarote/3?culture=fr"), Ct);
        Assert.Contains("Statut : ouvert", html, StringComparison.Ordinal);
        Assert.Contains(">soumise</span>", html, StringComparison.Ordinal);
        Assert.Contains(">en retard</span>", html, StringComparison.Ordinal);
        Assert.Contains(">exige</span>", html, StringComparison.Ordinal);
        Assert.Contains("15 janvier 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyEditPage_WithCultureFr_IsInFrenchForTheFocalPoint()
    {
        using var client = await app.Web.SignedInAsync("ruritania@demo.test");
        var html = await client.GetStringAsync(U("/rounds/Lanzarote/3/replies/Ruritania/edit?culture=fr"), Ct);
        Assert.Contains("<h1>Réponse de Ruritania</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Fichiers joints", html, StringComparison.Ordinal);
        Assert.Contains(">Historique</a>", html, StringComparison.Ordinal);
    }
}

/// <summary>The demo's French versions: Ruritania's factsheet reads in French, II-3's translation is outdated.</summary>
public sealed class DemoTranslationTests(SharedWebApp app) : IClassFixture<SharedWebApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoFactsheet_InFrench_ReadsInFrench()
    {
        using var client = app.Web.Client();
        var html = await client.GetStringAsync(new Uri("/rounds/Lanzarote/3/factsheets/Ruritania?culture=fr", UriKind.Relative), Ct);
        Assert.Contains("Recrutement sûr", html, StringComparison.Ordinal);
        Assert.Contains("Une loi adoptée en mars 2026", html, StringComparison.Ordinal);
        Assert.Contains("Le Comité demande à la Ruritanie", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoOutdatedTranslation_ShowsInTheEditorWithTheDiff()
    {
        using var client = await app.Web.SignedInAsync("secretariat@demo.test");
        var overview = await client.GetStringAsync(new Uri("/rounds/Lanzarote/3/translations?state=outdated", UriKind.Relative), Ct);
        var link = System.Text.RegularExpressions.Regex.Match(overview, "href=\"(/translations/recommendation/\\d+)\"");
        Assert.True(link.Success, "no outdated recommendation in the overview");
        var editor = await client.GetStringAsync(new Uri(link.Groups[1].Value, UriKind.Relative), Ct);
        Assert.Contains("status-outdated", editor, StringComparison.Ordinal);
        Assert.Contains("volunteers, written with children.</ins>", editor, StringComparison.Ordinal);
        Assert.Contains("<del>coaches.</del>", editor, StringComparison.Ordinal);
        var history = await client.GetAsync(new Uri(link.Groups[1].Value.Replace("/translations/recommendation/", "/history/translation/", StringComparison.Ordinal), UriKind.Relative), Ct);
        // The history page is keyed by the translation's id, not the recommendation's: it exists for some id.
        Assert.NotEqual(System.Net.HttpStatusCode.InternalServerError, history.StatusCode);
    }
}
