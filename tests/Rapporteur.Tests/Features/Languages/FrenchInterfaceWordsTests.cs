using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>The words the working pages print from values — status badges, statuses after "Status:", history actions,
/// the dashboard's bars, messages after a save — and their dates, in French when the interface is.</summary>
public sealed class FrenchInterfaceWordsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<string> PageAsync(HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(U(path), Ct));

    [Fact]
    public async Task WorkingPages_InFrench_NameStatusesActionsBarsAndDatesInFrench()
    {
        await using var web = await WebApp.StartAsync();
        DateOnly deadline;
        await using (var db = web.Store.CreateContext())
            deadline = (await db.Rounds.SingleAsync(r => r.Number == 3, Ct)).ReplyDeadline!.Value;
        var french = deadline.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));

        using var sylvania = await web.SignedInAsync("sylvania@demo.test");
        var editor = await PageAsync(sylvania, "/rounds/Lanzarote/3/replies/Sylvania/edit?saved=draft&culture=fr");
        Assert.Contains("<span class=\"badge status-draft\">projet</span>", editor, StringComparison.Ordinal);
        Assert.Contains("Brouillon enregistré.", editor, StringComparison.Ordinal);
        Assert.Contains(french, editor, StringComparison.Ordinal);
        var work = await PageAsync(sylvania, "/work?culture=fr");
        Assert.Matches("class=\"badge status-[a-z]+\">(projet|en retard|soumise|pas commencée)</span>", work);
        Assert.DoesNotMatch(">(Draft|Late|Submitted|NotStarted)</span>", work);
        Assert.Contains(french, work, StringComparison.Ordinal);

        using var staff = await web.SignedInAsync("secretariat@demo.test");
        var manage = await PageAsync(staff, "/rounds/Lanzarote/3/manage?culture=fr");
        Assert.Contains("Statut : ouvert", manage, StringComparison.Ordinal);
        int translation;
        await using (var db = web.Store.CreateContext())
            translation = await db.Translations.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(Ct);
        var history = await PageAsync(staff, $"/history/translation/{translation}?culture=fr");
        Assert.Contains("<td>traduction</td>", history, StringComparison.Ordinal);
        var dashboard = await PageAsync(staff, "/rounds/Lanzarote/3/dashboard?culture=fr");
        Assert.Contains("pas commencée", dashboard, StringComparison.Ordinal);
        Assert.Contains("rien encore", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(">nothing yet<", dashboard, StringComparison.Ordinal);

        // In English, the same pages keep their English words.
        var english = await PageAsync(staff, "/rounds/Lanzarote/3/dashboard?culture=en");
        Assert.Contains("nothing yet", english, StringComparison.Ordinal);
    }
}
