using System.Net;
using System.Text.Json;
using Rapporteur.Features.Languages;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>Messages built with names and numbers — a flash message after a save, a form's error, a ProblemDetails'
/// title and detail — in the reader's language; English for English readers and outside a request (the CLI).</summary>
public sealed class FrenchMessagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task ReportPage_FrenchReader_FlashAndFormErrorInFrench_EnglishReaderInEnglish()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.SignedInAsync("secretariat@demo.test");
        const string report = "/rounds/Lanzarote/3/report";
        Assert.Contains("lang=\"fr\"", await staff.GetStringAsync(U(report + "?culture=fr"), Ct), StringComparison.Ordinal); // the cookie now says French

        async Task<HttpResponseMessage> Post(Dictionary<string, string> fields)
        {
            var form = await WebApp.FormAsync(staff, report);
            fields["__RequestVerificationToken"] = form["__RequestVerificationToken"];
            return await staff.PostAsync(U($"{report}?handler=Recommendation"), new FormUrlEncodedContent(fields), Ct);
        }

        var bad = await Post(new() { ["code"] = "IV-3", ["paragraphs"] = "six", ["text"] = "Text." });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var error = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Les paragraphes sont des numéros séparés par des virgules", error, StringComparison.Ordinal);
        var duplicate = WebUtility.HtmlDecode(await (await Post(new() { ["code"] = "II-1", ["text"] = "Text." })).Content.ReadAsStringAsync(Ct));
        Assert.Contains("Le cycle 3 a déjà une recommandation II-1.", duplicate, StringComparison.Ordinal);

        var added = await Post(new() { ["code"] = "IV-3", ["strength"] = "invite", ["text"] = "The Committee invites every Party to fund helplines." });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var flash = WebUtility.HtmlDecode(await staff.GetStringAsync(added.Headers.Location!, Ct));
        Assert.Contains("Recommandation IV-3 ajoutée.", flash, StringComparison.Ordinal);

        Assert.Contains("lang=\"en\"", await staff.GetStringAsync(U(report + "?culture=en"), Ct), StringComparison.Ordinal);
        var english = await Post(new() { ["code"] = "IV-4", ["text"] = "The Committee invites every Party to train coaches." });
        Assert.Contains("Recommendation IV-4 added.", WebUtility.UrlDecode(english.Headers.Location!.ToString()), StringComparison.Ordinal);
        var englishError = WebUtility.HtmlDecode(await (await Post(new() { ["code"] = "II-1", ["text"] = "Text." })).Content.ReadAsStringAsync(Ct));
        Assert.Contains("Round 3 already has a recommendation II-1.", englishError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR,fr;q=0.9", "Cycle introuvable", "Il n'y a pas de cycle 9 de Lanzarote.")]
    [InlineData("en", "Round not found", "There is no round 9 of Lanzarote.")]
    [InlineData(null, "Round not found", "There is no round 9 of Lanzarote.")]
    public async Task Api_ProblemDetails_InTheReadersLanguage_TypeAndStatusUnchanged(string? acceptLanguage, string title, string detail)
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/api/v1/rounds/Lanzarote/9/recommendations"));
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Api_EditRefusal_FrenchReader_GetsFrenchTitleAndDetailWithTheNames()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.WithTokenAsync("rapporteur@demo.test");
        using var request = new HttpRequestMessage(HttpMethod.Put, U("/api/v1/rounds/Lanzarote/3/assessments/II-9/Freedonia"))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { status = "implemented", assessedOn = "2026-11-20" }),
        };
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr");
        var response = await staff.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Introuvable", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("Le cycle 3 de Lanzarote n'a pas de recommandation II-9.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("fr", "Introuvable")]
    [InlineData("en", "Not Found")]
    public async Task Api_TheFrameworksOwnProblem_TitleInTheReadersLanguage(string language, string title)
    {
        await using var web = await WebApp.StartAsync(demo: false);
        using var client = web.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/api/v1/nothing-here"));
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void Say_OutsideARequest_StaysEnglish_WhateverTheCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr");
            Assert.Equal("Recommendation II-4 added.", Say.Format("Recommendation {0} added.", "II-4"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }
}
