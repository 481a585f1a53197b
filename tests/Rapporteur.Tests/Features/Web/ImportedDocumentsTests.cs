using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapporteur.Core.Import;
using Rapporteur.Features.Import;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>Documents imported with <c>rapporteur import</c> appear on the site where they belong.</summary>
public sealed partial class ImportedDocumentsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<Rapporteur.Data.DataStore, Task> Import(bool draft) => async store =>
    {
        await using var db = store.CreateContext();
        var handler = new ImportHandler(db, TimeProvider.System) { Draft = draft };
        foreach (var file in new[] { "netherlands-reply.txt", "netherlands-factsheet.txt" })
        {
            var parsed = DocumentImporter.Default.ImportFile(TestData.CorpusFile(file), null, Ct);
            Assert.True((await handler.ImportAsync(parsed.Value!, file, replace: false, Ct)).Success);
        }
    };

    [Fact]
    public async Task Corpus_reply_factsheet_and_recommendations_are_public_after_import()
    {
        await using var web = await WebApp.StartAsync(demo: false, before: Import(draft: false));
        using var client = web.Client();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains("/rounds/Lanzarote/2", home, StringComparison.Ordinal);

        var reply = await client.GetStringAsync(new Uri("/rounds/Lanzarote/2/replies/Netherlands", UriKind.Relative), Ct);
        Assert.Contains("9.7", reply, StringComparison.Ordinal);

        var factsheet = await client.GetStringAsync(new Uri("/rounds/Lanzarote/2/factsheets/Netherlands", UriKind.Relative), Ct);
        Assert.Equal(29, BoxPattern().Count(factsheet));
        Assert.Equal(110, NotePattern().Count(factsheet));

        using var matrix = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/rounds/Lanzarote/2/matrix", UriKind.Relative), Ct));
        Assert.Equal(66, matrix.RootElement.GetProperty("recommendations").GetArrayLength());
        Assert.Contains("Netherlands", matrix.RootElement.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Draft_import_stays_off_the_public_site()
    {
        await using var web = await WebApp.StartAsync(demo: false, before: Import(draft: true));
        using var client = web.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/rounds/Lanzarote/2/replies/Netherlands", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/rounds/Lanzarote/2/factsheets/Netherlands", UriKind.Relative), Ct)).StatusCode);
    }

    [GeneratedRegex("<aside class=\"box ")]
    private static partial Regex BoxPattern();

    [GeneratedRegex("<li id=\"fn-")]
    private static partial Regex NotePattern();
}
