using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Languages;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>A status word agrees with the noun it qualifies in French: a published factsheet is "publiée", a
/// published report "publié"; English has one form.</summary>
public sealed class FrenchAgreementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task PublishedFactsheetAndReport_InFrench_AgreeWithTheirNoun()
    {
        await using var web = await WebApp.StartAsync();
        using var staff = await web.SignedInAsync("secretariat@demo.test");
        await staff.GetStringAsync(U("/rounds/Lanzarote/3/report"), Ct); // the round's report exists once its page is opened
        int reportId;
        await using (var db = web.Store.CreateContext())
        {
            var stored = await db.Reports.SingleAsync(r => r.PartyId == null && db.Rounds.Any(x => x.Id == r.RoundId && x.Number == 3), Ct);
            stored.Status = PublicationStatus.Published;
            await db.SaveChangesAsync(Ct);
            reportId = stored.Id;
        }

        var factsheet = WebUtility.HtmlDecode(await staff.GetStringAsync(U("/rounds/Lanzarote/3/factsheets/Ruritania/edit?culture=fr"), Ct));
        Assert.Contains("\">publiée</span>", factsheet, StringComparison.Ordinal);
        var report = WebUtility.HtmlDecode(await staff.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{reportId}?culture=fr"), Ct));
        Assert.Contains("Statut : publié</span>", report, StringComparison.Ordinal);
        var analysis = WebUtility.HtmlDecode(await staff.GetStringAsync(U("/rounds/Lanzarote/3/report?culture=fr"), Ct));
        Assert.Contains("<th scope=\"row\">Ruritania</th><td>publiée</td>", analysis, StringComparison.Ordinal); // the factsheets' table

        var english = WebUtility.HtmlDecode(await staff.GetStringAsync(U($"/rounds/Lanzarote/3/reports/{reportId}?culture=en"), Ct));
        Assert.Contains("Status: published</span>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ChoosesTheFormByTheNounsGenderAndNumber_FallsBackToTheTerm()
    {
        await using var web = await WebApp.StartAsync(demo: false);
        var localizer = (IStringLocalizer)web.Services.GetService(typeof(IStringLocalizer<Ui>))!;
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr");
            Assert.Equal("publiée", localizer.Status("published", "factsheet"));
            Assert.Equal("publié", localizer.Status(PublicationStatus.Published, "report"));
            Assert.Equal("publiées", localizer.Status("published", "note", plural: true));
            Assert.Equal("mis en œuvre", localizer.Status("implemented", "report"));
            Assert.Equal("projet", localizer.Status("draft", "report")); // no form for the gender: the term
            Assert.Equal("publiée", localizer.Status("published", "unknown-noun"));
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            Assert.Equal("published", localizer.Status("published", "factsheet"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }
}
