using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Features.Demo;
using Rapporteur.Features.Users;
using Rapporteur.Data.Entities;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Reliability;

/// <summary>Parallel writers on the real SQLite file: on one reply exactly one wins each round and the others get a 409
/// with both versions; on different replies every write goes in, none fails with "database is locked".</summary>
public sealed class ConcurrencyTests
{
    private const string Sylvania = "/api/v1/rounds/Lanzarote/3/replies/Sylvania";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    /// <summary>The reply's version; 0 while the Party has none (404).</summary>
    private static async Task<int> VersionAsync(HttpClient client, string reply)
    {
        using var response = await client.GetAsync(U(reply), Ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return 0;
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("version").GetInt32();
    }

    [Fact]
    public async Task SameReply_EightParallelWriters_ExactlyOneWinsEachRoundAndTheOthersGetBothVersions()
    {
        await using var web = await WebApp.StartAsync();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++) clients.Add(await web.WithTokenAsync("sylvania@demo.test"));
        for (var round = 1; round <= 4; round++)
        {
            var version = await VersionAsync(clients[0], Sylvania);
            using var go = new SemaphoreSlim(0);
            var writes = clients.Select((client, i) => Task.Run(async () =>
            {
                await go.WaitAsync(Ct);
                return (Writer: i, Response: await client.PutAsJsonAsync(U(Sylvania), new { answers = new[] { new { question = "1.2", text = $"<p>round {round} writer {i}</p>" } }, version }, Ct));
            }, Ct)).ToList();
            go.Release(clients.Count);
            var results = await Task.WhenAll(writes);

            var winners = results.Where(r => r.Response.StatusCode == HttpStatusCode.NoContent).ToList();
            Assert.Single(winners);
            foreach (var (_, response) in results.Where(r => r.Response.StatusCode != HttpStatusCode.NoContent))
            {
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                Assert.Equal(version, problem.RootElement.GetProperty("yourVersion").GetInt32());
                Assert.Equal(version + 1, problem.RootElement.GetProperty("currentVersion").GetInt32());
            }
            // Nothing lost: the winner's text is what is stored, as exactly one new version.
            using var stored = JsonDocument.Parse(await clients[0].GetStringAsync(U(Sylvania), Ct));
            Assert.Equal(version + 1, stored.RootElement.GetProperty("version").GetInt32());
            var text = stored.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("question").GetString() == "1.2").GetProperty("text").GetString();
            Assert.Contains($"round {round} writer {winners[0].Writer}<", text, StringComparison.Ordinal);
        }
        await using var db = web.Store.CreateContext();
        var reply = await db.Replies.SingleAsync(r => r.Party!.Name == "Sylvania", Ct);
        Assert.Equal(4, await db.ContentVersions.CountAsync(v => v.EntityType == "reply" && v.EntityId == reply.Id && v.Snapshot.Contains("writer"), Ct));
    }

    [Fact]
    public async Task DifferentReplies_ParallelWriters_AllSucceed()
    {
        await using var web = await WebApp.StartAsync();
        string[] parties = ["Sylvania", "Genovia", "Elbonia"];
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var accounts = ActivatorUtilities.CreateInstance<UserAccounts>(scope.ServiceProvider);
            foreach (var party in parties[1..])
                Assert.Null(await accounts.AddAsync($"{party.ToLowerInvariant()}@demo.test", Roles.FocalPoint, party, null, DemoAccounts.Password));
        }
        const int saves = 10;
        var writers = new List<Task>();
        foreach (var party in parties)
            for (var copy = 0; copy < 2; copy++)
            {
                // Two writers per Party, each on its own question, both retrying on 409: every save must land.
                var client = await web.WithTokenAsync($"{party.ToLowerInvariant()}@demo.test");
                var question = copy == 0 ? "1.1" : "2.1";
                var path = $"/api/v1/rounds/Lanzarote/3/replies/{party}";
                writers.Add(Task.Run(async () =>
                {
                    for (var i = 1; i <= saves; i++)
                    {
                        while (true)
                        {
                            var version = await VersionAsync(client, path);
                            var put = await client.PutAsJsonAsync(U(path), new { answers = new[] { new { question, text = $"<p>{party} {question} save {i}</p>" } }, version }, Ct);
                            if (put.StatusCode == HttpStatusCode.NoContent) break;
                            Assert.True(put.StatusCode == HttpStatusCode.Conflict, $"{party} {question} save {i}: {put.StatusCode} {await put.Content.ReadAsStringAsync(Ct)}");
                        }
                    }
                }, Ct));
            }
        await Task.WhenAll(writers);

        await using var db = web.Store.CreateContext();
        foreach (var party in parties)
        {
            var reply = await db.Replies.Include(r => r.Answers).ThenInclude(a => a.Question).SingleAsync(r => r.Party!.Name == party, Ct);
            Assert.Contains($"{party} 1.1 save {saves}<", reply.Answers.Single(a => a.Question!.Number == "1.1").Text, StringComparison.Ordinal);
            Assert.Contains($"{party} 2.1 save {saves}<", reply.Answers.Single(a => a.Question!.Number == "2.1").Text, StringComparison.Ordinal);
            Assert.Equal(2 * saves, await db.ContentVersions.CountAsync(v => v.EntityType == "reply" && v.EntityId == reply.Id && v.Snapshot.Contains(party + " "), Ct));
        }
    }
}
