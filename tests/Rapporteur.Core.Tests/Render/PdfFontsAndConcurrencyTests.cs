using Rapporteur.Core.Render.Pdf;
using UglyToad.PdfPig;

namespace Rapporteur.Core.Tests.Render;

/// <summary>The PDF embeds only the glyphs a document uses, every character still reads back, and many documents
/// render at once without sharing anything that is not safe to share.</summary>
public class PdfFontsAndConcurrencyTests
{
    [Fact]
    public void Render_SmallFactsheet_EmbedsReducedFontsAndKeepsEveryCharacter()
    {
        // French accents and quotes, a Dutch ĳ, an em dash, and Cyrillic (outside Latin: still in DejaVu).
        const string title = "Fiche d’information – État « Ruritanie » : élève, garçon, cœur, ĳs — Жюри";
        var publication = RenderFixtures.Publication(RenderFixtures.Ruritania()) with { Title = title };

        var bytes = RenderFixtures.Render(publication, "pdf");

        // Three whole DejaVu faces are about 1.1 MB deflated; reduced to this document's glyphs they are a few KB each.
        Assert.InRange(bytes.Length, 1, 150_000);
        using var pdf = PdfDocument.Open(bytes);
        var cover = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));
        Assert.Contains(title.Replace(" ", "", StringComparison.Ordinal), cover.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(title, pdf.Information.Title);
    }

    [Fact]
    public void Create_KeepsGlyphIdsAndOnlyTheOutlinesAskedFor()
    {
        var font = File.ReadAllBytes(Path.Combine(PdfFonts.DefaultFolder, "DejaVuSans.ttf"));

        var subset = TrueTypeSubset.Create(font, [36, 37, 38]);

        Assert.NotNull(subset);
        Assert.InRange(subset.Length, 1, font.Length / 4);
        using var data = SkiaSharp.SKData.CreateCopy(subset);
        using var face = SkiaSharp.SKTypeface.FromData(data);
        using var whole = SkiaSharp.SKTypeface.FromData(SkiaSharp.SKData.CreateCopy(font));
        Assert.Equal(whole.GlyphCount, face.GlyphCount);
        using var a = new SkiaSharp.SKFont(face, 10);
        using var b = new SkiaSharp.SKFont(whole, 10);
        Assert.Equal(b.GetGlyphs("ABCé"), a.GetGlyphs("ABCé"));
        Assert.Equal(b.MeasureText("ABC"), a.MeasureText("ABC"));
        Assert.Null(TrueTypeSubset.Create("not a font at all"u8, [1]));
    }

    [Fact]
    public void Render_SixteenDocumentsOnFourThreads_EachReadsBackLikeOneRenderedAlone()
    {
        var ruritania = RenderFixtures.Publication(RenderFixtures.Ruritania());
        var publications = Enumerable.Range(0, 16).Select(i => ruritania with { Title = $"Factsheet {i} – Ruritania" }).ToList();
        var alone = Text(RenderFixtures.Render(publications[0], "pdf"));

        var results = new byte[publications.Count][];
        Parallel.For(0, publications.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var output = new MemoryStream();
            new PdfRenderer().Render(publications[i], output);
            results[i] = output.ToArray();
        });

        for (var i = 0; i < results.Length; i++)
            Assert.Equal(alone.Replace("Factsheet 0", $"Factsheet {i}", StringComparison.Ordinal), Text(results[i]));
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
    }
}

/// <summary>What SkiaSharp allows of a navigable, described PDF, and what we add to it: links from the contents to
/// named destinations, the outline, the language and the metadata.</summary>
public class PdfNavigationTests
{
    [Fact]
    public void Render_Factsheet_HasContentsLinksOutlineLanguageAndMetadata()
    {
        var publication = RenderFixtures.Publication(RenderFixtures.Ruritania()) with { Language = "fr" };

        var bytes = RenderFixtures.Render(publication, "pdf");

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal((publication.Title, publication.Author, publication.Subject), (pdf.Information.Title, pdf.Information.Author, pdf.Information.Subject));
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        Assert.Equal(publication.Chapters.Select(c => c.Heading), bookmarks.Roots.Select(b => b.Title));
        var chapterPages = bookmarks.Roots.OfType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>().Select(b => b.PageNumber).ToList();
        Assert.Equal(publication.Chapters.Count, chapterPages.Count);
        Assert.All(chapterPages, p => Assert.InRange(p, 3, pdf.NumberOfPages));
        // The contents page links each entry to its chapter.
        var links = pdf.GetPage(2).GetAnnotations().Where(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link).ToList();
        Assert.Equal(publication.Chapters.Count, links.Count);
        // The language in the catalog of the appended update: "fr" as a UTF-16 text string.
        Assert.Contains("/Lang <FEFF00660072>", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }
}
