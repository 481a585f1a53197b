using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Notifications;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>The Secretariat runs a round: creates it, builds its questionnaire, opens it (focal points are told),
/// publishes Parties' boxes, moderates comments; reminders follow the deadlines on the injected clock.</summary>
public sealed class SecretariatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_round_is_created_built_and_opened_and_the_focal_points_are_notified()
    {
        await using var web = await WebApp.StartAsync();
        using var secretariat = await web.WithTokenAsync("secretariat@demo.test");
        using var focal = await web.WithTokenAsync("ruritania@demo.test");
        using var anonymous = web.Client();
        var round = new { body = "Lanzarote", number = 4, theme = "Online safety", titleEn = "Children in the digital environment", titleFr = "Les enfants dans l'environnement numérique", opens = "2027-01-10", replyDeadline = "2027-05-31", followUpDeadline = "2028-05-31" };

        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync(U("/api/v1/rounds"), round, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await secretariat.PostAsJsonAsync(U("/api/v1/rounds"), round, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostAsJsonAsync(U("/api/v1/rounds"), round, Ct)).StatusCode);
        // In preparation, the round is not public.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(U("/rounds/Lanzarote/4"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await secretariat.PostAsJsonAsync(U("/api/v1/rounds/Lanzarote/4/status"), new { status = "Open" }, Ct)).StatusCode);

        var question = new { section = "Prevention", number = "1.1", text = "Which rules apply to online platforms?", items = new[] { "a) in law", "b) in self-regulation" }, prompts = new[] { "→ Please specify the sources." } };
        Assert.Equal(HttpStatusCode.NoContent, (await secretariat.PostAsJsonAsync(U("/api/v1/rounds/Lanzarote/4/questions"), question, Ct)).StatusCode);
        var bad = await secretariat.PostAsJsonAsync(U("/api/v1/rounds/Lanzarote/4/questions"), question with { number = "one" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("is not a question number", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await secretariat.PostAsJsonAsync(U("/api/v1/rounds/Lanzarote/4/status"), new { status = "Open" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(U("/rounds/Lanzarote/4"), Ct)).StatusCode);

        await using var db = web.Store.CreateContext();
        var messages = await db.Outbox.Where(m => m.Key.StartsWith("round-open:")).ToListAsync(Ct);
        Assert.Equal(["ruritania@demo.test", "sylvania@demo.test"], messages.Select(m => m.To).Order());
        Assert.All(messages, m => Assert.Contains("31 May 2027", m.Body, StringComparison.Ordinal));
        var round4 = await db.Rounds.SingleAsync(r => r.Number == 4, Ct);
        var question11 = await db.Questions.Include(q => q.Items).SingleAsync(q => q.Number == "1.1" && q.RoundId == round4.Id, Ct);
        Assert.Equal(["a", "b"], question11.Items.Select(i => i.Letter).Order());
    }

    [Fact]
    public async Task Reminders_follow_the_deadline_on_the_injected_clock_and_are_queued_once()
    {
        var store = await TestData.NewStoreAsync();
        await Rapporteur.Features.Demo.DemoData.SeedAsync(store, TimeProvider.System, Ct);
        await using (var db = store.CreateContext())
        {
            var party = await db.Parties.SingleAsync(p => p.Name == "Sylvania", Ct);
            db.Users.Add(new User { UserName = "s@x.test", Email = "s@x.test", PartyId = party.Id });
            await db.SaveChangesAsync(Ct);
        }
        // The demo round's replies are due on 30 June 2026.
        async Task<List<OutboxMessage>> At(DateTimeOffset now)
        {
            await using var db = store.CreateContext();
            await new Reminders(db, new FixedClock(now)).QueueDueAsync(Ct);
            return await db.Outbox.OrderBy(m => m.Id).ToListAsync(Ct);
        }
        Assert.Empty(await At(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero)));
        var first = await At(new DateTimeOffset(2026, 6, 20, 8, 0, 0, TimeSpan.Zero));
        Assert.Single(first);
        Assert.Contains("10 days left", first[0].Subject, StringComparison.Ordinal);
        Assert.Single(await At(new DateTimeOffset(2026, 6, 21, 8, 0, 0, TimeSpan.Zero))); // same step: not again
        Assert.Equal(2, (await At(new DateTimeOffset(2026, 6, 24, 8, 0, 0, TimeSpan.Zero))).Count); // 7 days
        var all = await At(new DateTimeOffset(2026, 7, 2, 8, 0, 0, TimeSpan.Zero));
        Assert.Contains("overdue", all[^1].Subject, StringComparison.Ordinal);
        Assert.Equal(3, all.Count); // the 1-day step was never reached on a day the job ran: it is skipped, not sent late
    }

    [Fact]
    public async Task A_Partys_box_waits_for_the_Secretariat_then_appears_in_the_factsheet_and_the_matrix()
    {
        await using var web = await WebApp.StartAsync();
        using var focal = await web.SignedInAsync("ruritania@demo.test");
        using var other = await web.SignedInAsync("sylvania@demo.test");
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        using var anonymous = web.Client();
        const string page = "/rounds/Lanzarote/3/follow-up/Ruritania";

        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(U(page), Ct)).StatusCode); // access denied
        var form = await WebApp.FormAsync(focal, page);
        form["recommendation"] = "III-3";
        form["type"] = "PromisingPractice";
        form["text"] = "Every club now names a welfare officer trained by the federation.";
        Assert.Equal(HttpStatusCode.Redirect, (await focal.PostAsync(U(page), new FormUrlEncodedContent(form), Ct)).StatusCode);

        var factsheet = "/rounds/Lanzarote/3/factsheets/Ruritania";
        Assert.DoesNotContain("welfare officer trained", await anonymous.GetStringAsync(U(factsheet), Ct), StringComparison.Ordinal);
        Assert.Contains("waiting for the Secretariat", await focal.GetStringAsync(U(page), Ct), StringComparison.Ordinal);

        int boxId;
        await using (var db = web.Store.CreateContext())
            boxId = (await db.Boxes.SingleAsync(b => b.Status == PublicationStatus.Draft, Ct)).Id;
        var publish = await WebApp.FormAsync(secretariat, page);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = publish["__RequestVerificationToken"], ["box"] = boxId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync(U(page + "?handler=Publish"), new FormUrlEncodedContent(fields), Ct)).StatusCode);

        Assert.Contains("welfare officer trained", await anonymous.GetStringAsync(U(factsheet), Ct), StringComparison.Ordinal);
        using var matrix = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync(U("/api/v1/rounds/Lanzarote/3/matrix?party=Ruritania"), Ct));
        var row = matrix.RootElement.GetProperty("recommendations").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "III-3");
        Assert.Equal("promisingPractice", row.GetProperty("evidence").GetProperty("Ruritania").GetString());
    }

    [Fact]
    public async Task Comments_are_public_only_after_moderation()
    {
        await using var web = await WebApp.StartAsync();
        using var ngo = await web.SignedInAsync("ngo@demo.test");
        using var secretariat = await web.SignedInAsync("secretariat@demo.test");
        using var anonymous = web.Client();
        const string reply = "/rounds/Lanzarote/3/replies/Ruritania";
        var form = await WebApp.FormAsync(ngo, reply);
        form["organisation"] = "Children First Network";
        form["text"] = "<p>The helpline is open only on weekdays.</p><img src=x onerror=alert(1)>";
        Assert.Equal(HttpStatusCode.Redirect, (await ngo.PostAsync(U("/rounds/Lanzarote/3/comments/Ruritania"), new FormUrlEncodedContent(form), Ct)).StatusCode);
        Assert.DoesNotContain("only on weekdays", await anonymous.GetStringAsync(U(reply), Ct), StringComparison.Ordinal);
        Assert.Contains("waiting for moderation", await ngo.GetStringAsync(U(reply), Ct), StringComparison.Ordinal);

        var queue = await secretariat.GetStringAsync(U("/admin/comments"), Ct);
        Assert.Contains("only on weekdays", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", queue, StringComparison.Ordinal);
        var moderate = await WebApp.FormAsync(secretariat, "/admin/comments");
        moderate["approve"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync(U("/admin/comments"), new FormUrlEncodedContent(moderate), Ct)).StatusCode);
        Assert.Contains("only on weekdays", await anonymous.GetStringAsync(U(reply), Ct), StringComparison.Ordinal);

        // Others cannot comment or moderate.
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(U("/admin/comments"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_draws_charts_for_the_round_and_for_one_Party()
    {
        await using var web = await WebApp.StartAsync();
        using var client = web.Client();
        var all = await client.GetStringAsync(U("/rounds/Lanzarote/3/dashboard"), Ct);
        Assert.Contains("<svg class=\"chart\"", all, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Replies by status: submitted: 2", all, StringComparison.Ordinal);
        var one = await client.GetStringAsync(U("/rounds/Lanzarote/3/dashboard?party=Ruritania"), Ct);
        Assert.Contains("implemented: 1", one, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(U("/rounds/Lanzarote/3/dashboard?party=Atlantis"), Ct)).StatusCode);
    }
}
