using System.Net;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>Rapporteurs compare answers; the Committee drafts recommendations, adopts the report; the Secretariat
/// generates and publishes factsheets from it.</summary>
public sealed class AnalysisTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Compilation_shows_every_Partys_answer_and_drafts_only_to_staff()
    {
        await using var web = await WebApp.StartAsync();
        using var anonymous = web.Client();
        using var staff = await web.SignedInAsync("rapporteur@demo.test");
        var open = await anonymous.GetStringAsync(U("/rounds/Lanzarote/3/compilation/1.1"), Ct);
        Assert.Contains("id=\"party-Ruritania\"", open, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"party-Sylvania\"", open, StringComparison.Ordinal); // its reply is a draft
        var inside = await staff.GetStringAsync(U("/rounds/Lanzarote/3/compilation/1.1"), Ct);
        Assert.Contains("id=\"party-Sylvania\"", inside, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U("/rounds/Lanzarote/3/compilation/99.9"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Report_recommendations_adoption_and_factsheets()
    {
        await using var web = await WebApp.StartAsync();
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        using var anonymous = web.Client();
        const string report = "/rounds/Lanzarote/3/report";

        async Task<HttpResponseMessage> Post(string handler, Dictionary<string, string> fields)
        {
            var form = await WebApp.FormAsync(secretariat, report);
            fields["__RequestVerificationToken"] = form["__RequestVerificationToken"];
            return await secretariat.PostAsync(U($"{report}?handler={handler}"), new FormUrlEncodedContent(fields), Ct);
        }

        var bad = await Post("Recommendation", new() { ["code"] = "IV-3", ["strength"] = "urges", ["text"] = "Text." });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("is not a strength of this body", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("Recommendation", new() { ["code"] = "IV-3", ["strength"] = "invite", ["party"] = "Genovia", ["chapter"] = "IV", ["paragraphs"] = "88, 89", ["text"] = "The Committee invites Genovia to fund helplines run by sports federations." })).StatusCode);
        Assert.DoesNotContain("IV-3", await anonymous.GetStringAsync(U(report), Ct), StringComparison.Ordinal);

        // Factsheets come from the adopted report only.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post("Factsheet", new() { ["party"] = "Genovia", ["publish"] = "false" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("Adopt", [])).StatusCode);
        Assert.Contains("IV-3", await anonymous.GetStringAsync(U(report), Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("Factsheet", new() { ["party"] = "Genovia", ["publish"] = "false" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U("/rounds/Lanzarote/3/factsheets/Genovia"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("Factsheet", new() { ["party"] = "Genovia", ["publish"] = "true" })).StatusCode);
        var factsheet = await anonymous.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Genovia"), Ct);
        Assert.Contains("fund helplines run by sports federations", factsheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recommendation_edit_is_a_version_with_a_diff_and_can_be_restored()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.SignedInAsync("rapporteur@demo.test");
        const string page = "/rounds/Lanzarote/3/recommendations/IV-2";

        async Task Edit(string text, int version)
        {
            var form = await WebApp.FormAsync(staff, page);
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = form["__RequestVerificationToken"], ["strength"] = "invite", ["party"] = "Grand Fenwick", ["chapter"] = "IV", ["text"] = text, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(U(page + "?handler=Edit"), new FormUrlEncodedContent(fields), Ct)).StatusCode);
        }
        await Edit("The Committee invites Grand Fenwick to involve athletes in prevention campaigns.", 0);
        await Edit("The Committee invites Grand Fenwick to involve young athletes in prevention campaigns.", 1);

        int id;
        await using (var db = web.Store.CreateContext())
            id = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Recommendations, r => r.Code == "IV-2", Ct)).Id;
        var history = await staff.GetStringAsync(U($"/history/recommendation/{id}"), Ct);
        Assert.Contains("<del>- text: The Committee invites Grand Fenwick to involve athletes", history, StringComparison.Ordinal);
        Assert.Contains("<ins>+ text: The Committee invites Grand Fenwick to involve young athletes", history, StringComparison.Ordinal);

        var form = await WebApp.FormAsync(staff, $"/history/recommendation/{id}");
        var restore = new Dictionary<string, string> { ["__RequestVerificationToken"] = form["__RequestVerificationToken"], ["version"] = "1" };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(U($"/history/recommendation/{id}?handler=Restore"), new FormUrlEncodedContent(restore), Ct)).StatusCode);
        Assert.Contains("involve athletes in prevention", await staff.GetStringAsync(U(page), Ct), StringComparison.Ordinal);

        using var anonymous = web.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(U($"/history/recommendation/{id}"), Ct)).StatusCode);
    }
}
