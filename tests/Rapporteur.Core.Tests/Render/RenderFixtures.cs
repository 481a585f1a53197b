using Rapporteur.Core.Import;
using Rapporteur.Core.Render;
using Rapporteur.Core.Render.Documents;
using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Render;

/// <summary>Documents to render: the fictional Ruritania factsheet of the fixtures, the corpus factsheet, and what
/// a round trip compares (ids with strength and addressee, boxes with their type and recommendations, footnotes).</summary>
internal static class RenderFixtures
{
    public const string CorpusFactsheet = "lanzarote/round-2/netherlands-factsheet.txt";

    public static ParsedDocument Ruritania() => Import(Path.Combine(TestPaths.Fixtures, "factsheets", "ruritania-factsheet.txt"));

    public static ParsedDocument Import(string path, ImportOptions? options = null)
    {
        var result = DocumentImporter.Default.ImportFile(path, options, TestContext.Current.CancellationToken);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    public static Publication Publication(ParsedDocument d) => FactsheetDocument.From(d.Factsheet!, d.Recommendations, d.Body);

    public static byte[] Render(Publication publication, string format)
    {
        using var output = new MemoryStream();
        var notes = PublicationRenderers.For(format)!.Render(publication, output);
        Assert.Empty(notes);
        return output.ToArray();
    }

    /// <summary>Renders, then reads the output back with the importer.</summary>
    public static ParsedDocument RoundTrip(ParsedDocument source, string format)
    {
        var bytes = Render(Publication(source), format);
        var result = DocumentImporter.Default.Import(new MemoryStream(bytes), "factsheet." + format, null, TestContext.Current.CancellationToken);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    /// <summary>One line per recommendation, box and footnote: what must survive publishing.</summary>
    public static List<string> Essentials(ParsedDocument d) =>
    [
        .. d.Recommendations.Select(r => $"recommendation {r.Id} {r.Strength} {r.Addressee.Kind} {r.Addressee.Party?.Name}"),
        .. d.Boxes.Select(b => $"box {b.Type} [{string.Join(", ", b.Recommendations)}]"),
        .. d.Footnotes.Select(f => $"footnote {f.Number}: {f.Text}"),
    ];
}
