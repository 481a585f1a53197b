using System.Net.Http.Json;
using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Tags;

/// <summary><c>serve --demo</c> loads the tagging sample (72 tagged recommendations, a closed round 2, marked as a
/// sample) beside the demo round, which stays as the tests know it; <c>tags evaluate</c> then runs on the demo's data folder.</summary>
public sealed class DemoSampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task ServeDemo_LoadsTheTaggingSample_AndTheDemoRoundIsUnchanged()
    {
        var data = Directory.CreateTempSubdirectory("rapporteur-demo-sample-").FullName;
        await using (var server = await ServerProcess.StartAsync(data, demo: true))
        {
            Assert.Contains("tagging sample", server.Output, StringComparison.Ordinal);
            var sample = await server.Client.GetFromJsonAsync<JsonElement>(U("/api/v1/rounds/Lanzarote/2/recommendations?limit=1000"), Ct);
            Assert.Equal(72, sample.GetProperty("total").GetInt32());
            var demo = await server.Client.GetFromJsonAsync<JsonElement>(U("/api/v1/rounds/Lanzarote/3/recommendations"), Ct);
            Assert.Equal(8, demo.GetProperty("total").GetInt32());
            var training = await server.Client.GetFromJsonAsync<JsonElement>(U("/api/v1/rounds/Lanzarote/2/matrix?tag=themes:training"), Ct);
            Assert.True(training.GetProperty("recommendations").GetArrayLength() >= 5);

            // The sample says what it is, and is kept out of what it never has: no Parties' replies, no compliance
            // dashboard, no "0 of 6 Parties replied" on the home page; the demo round keeps all of it.
            var home = System.Net.WebUtility.HtmlDecode(await server.Client.GetStringAsync(U("/"), Ct));
            Assert.Contains("tagging sample", home, StringComparison.Ordinal);
            Assert.Contains("72 recommendations with the tags people accepted", home, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(home, "of 6 Parties replied"));
            var round = System.Net.WebUtility.HtmlDecode(await server.Client.GetStringAsync(U("/rounds/Lanzarote/2"), Ct));
            Assert.Contains("This round is the tagging sample, not a monitoring round", round, StringComparison.Ordinal);
            Assert.DoesNotContain("not started", round, StringComparison.Ordinal);
            Assert.DoesNotContain("/rounds/Lanzarote/2/matrix", round, StringComparison.Ordinal);
            Assert.DoesNotContain("/rounds/Lanzarote/2/dashboard", round, StringComparison.Ordinal);
            Assert.Contains("Recommendations (72)", round, StringComparison.Ordinal);
            var dashboard = System.Net.WebUtility.HtmlDecode(await server.Client.GetStringAsync(U("/rounds/Lanzarote/2/dashboard"), Ct));
            Assert.Contains("so there is no dashboard", dashboard, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg", dashboard, StringComparison.Ordinal);
            var demoRound = System.Net.WebUtility.HtmlDecode(await server.Client.GetStringAsync(U("/rounds/Lanzarote/3"), Ct));
            Assert.DoesNotContain("tagging sample", demoRound, StringComparison.Ordinal);
            Assert.Contains("/rounds/Lanzarote/3/dashboard", demoRound, StringComparison.Ordinal);
            Assert.Contains("<svg", await server.Client.GetStringAsync(U("/rounds/Lanzarote/3/dashboard"), Ct), StringComparison.Ordinal);

            // Exports without a round number cover the monitoring rounds; the sample comes when asked for by number.
            var everything = await server.Client.GetFromJsonAsync<JsonElement>(U("/api/v1/export/recommendations.json"), Ct);
            Assert.Equal(8, everything.GetArrayLength());
            var sampleOnly = await server.Client.GetFromJsonAsync<JsonElement>(U("/api/v1/export/recommendations.json?round=2"), Ct);
            Assert.Equal(72, sampleOnly.GetArrayLength());
            // A sample recommendation's page shows its text and tags, and no Parties' follow-up or assessment.
            var sampleCode = sampleOnly[0].GetProperty("recommendation").GetString();
            var page = System.Net.WebUtility.HtmlDecode(await server.Client.GetStringAsync(U($"/rounds/Lanzarote/2/recommendations/{sampleCode}"), Ct));
            Assert.Contains("belongs to the tagging sample", page, StringComparison.Ordinal);
            Assert.DoesNotContain("not assessed", page, StringComparison.Ordinal);
        }

        var (code, output, error) = RapporteurProcess.Run("tags", "evaluate", "--data", data);
        Assert.True(code == 0, error);
        Assert.Contains("evaluated on", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("learned", StringComparison.Ordinal) && l.Contains("sdg", StringComparison.Ordinal));
    }
}
