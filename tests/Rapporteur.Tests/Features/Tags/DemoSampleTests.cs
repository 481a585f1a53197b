using System.Net.Http.Json;
using System.Text.Json;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Tags;

/// <summary><c>serve --demo</c> loads the tagging sample (72 tagged recommendations, a closed round 2) beside the demo
/// round, which stays as the tests know it; <c>tags evaluate</c> then runs on the demo's data folder.</summary>
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
        }

        var (code, output, error) = RapporteurProcess.Run("tags", "evaluate", "--data", data);
        Assert.True(code == 0, error);
        Assert.Contains("evaluated on", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("learned", StringComparison.Ordinal) && l.Contains("sdg", StringComparison.Ordinal));
    }
}
