using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Demo;
using Rapporteur.Features.Translations;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Languages;

/// <summary>Published documents in French: translations where there are some, French fixed text (contents, box
/// titles, strengths), from <c>rapporteur render --lang fr</c> and from the site's downloads.</summary>
public sealed class FrenchDocumentsTests
{
    private const string TranslatedTitle = "Titre de chapitre traduit pour le test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Translates the first chapter title of Ruritania's factsheet, as the store would.</summary>
    private static async Task TranslateFirstChapterAsync(DataStore store)
    {
        await using var db = store.CreateContext();
        var chapter = await db.FactsheetChapters
            .Where(c => db.Factsheets.Any(f => f.Id == c.FactsheetId && f.Party!.Name == "Ruritania"))
            .OrderBy(c => c.Order).FirstAsync(Ct);
        // The demo data may have translated it already: the test's own text replaces it.
        var translation = await db.Translations.SingleOrDefaultAsync(t => t.TargetKind == TranslationTargets.Chapter && t.TargetId == chapter.Id && t.Language == "fr", Ct);
        if (translation is null)
        {
            translation = new Translation
            {
                TargetKind = TranslationTargets.Chapter, TargetId = chapter.Id, Language = "fr", Text = TranslatedTitle,
                SourceText = chapter.Title, SourceHash = TranslationStore.Hash(chapter.Title), Version = 1, TranslatorName = "test",
            };
            db.Translations.Add(translation);
        }
        translation.Text = TranslatedTitle;
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<DataStore> DemoStoreAsync()
    {
        var store = await TestData.NewStoreAsync();
        await DemoData.SeedAsync(store, TimeProvider.System, Ct);
        await TranslateFirstChapterAsync(store);
        return store;
    }

    [Fact]
    public async Task RenderFactsheet_LangFr_UsesTranslationsAndFrenchLabels()
    {
        var store = await DemoStoreAsync();
        var folder = Directory.CreateTempSubdirectory("rapporteur-fr-").FullName;
        var html = Path.Combine(folder, "ruritania.html");
        var (code, _, stderr) = RapporteurProcess.Run("render", "factsheet", "--party", "Ruritania", "--round", "3", "--format", "html", "--lang", "fr", "-o", html, "--data", store.Directory);
        Assert.True(code == 0, stderr);
        var text = await File.ReadAllTextAsync(html, Ct);
        Assert.Contains("<html lang=\"fr\">", text, StringComparison.Ordinal);
        Assert.Contains("Table des matières", text, StringComparison.Ordinal);
        Assert.Contains(TranslatedTitle, text, StringComparison.Ordinal);
        Assert.Contains("Actions de suivi", text, StringComparison.Ordinal);

        var docx = Path.Combine(folder, "ruritania.docx");
        (code, _, stderr) = RapporteurProcess.Run("render", "factsheet", "--party", "Ruritania", "--round", "3", "--format", "docx", "--lang", "fr", "-o", docx, "--data", store.Directory);
        Assert.True(code == 0, stderr);
        using var zip = ZipFile.OpenRead(docx);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync(Ct);
        Assert.Contains("Table des matières", xml, StringComparison.Ordinal);
        Assert.Contains(TranslatedTitle, xml, StringComparison.Ordinal);

        var pdf = Path.Combine(folder, "ruritania.pdf");
        (code, _, stderr) = RapporteurProcess.Run("render", "factsheet", "--party", "Ruritania", "--round", "3", "--format", "pdf", "--lang", "fr", "-o", pdf, "--data", store.Directory);
        Assert.True(code == 0, stderr);
        Assert.True(new FileInfo(pdf).Length > 1000);
    }

    [Fact]
    public async Task RenderFactsheet_LangEnOrUnknown_StaysEnglishOrIsRefused()
    {
        var store = await DemoStoreAsync();
        var html = Path.Combine(Directory.CreateTempSubdirectory("rapporteur-fr-").FullName, "ruritania.html");
        var (code, _, stderr) = RapporteurProcess.Run("render", "factsheet", "--party", "Ruritania", "--round", "3", "--format", "html", "-o", html, "--data", store.Directory);
        Assert.True(code == 0, stderr);
        var text = await File.ReadAllTextAsync(html, Ct);
        Assert.Contains(">Contents<", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TranslatedTitle, text, StringComparison.Ordinal);

        (code, _, _) = RapporteurProcess.Run("render", "factsheet", "--party", "Ruritania", "--round", "3", "--format", "html", "--lang", "de", "-o", html, "--data", store.Directory);
        Assert.NotEqual(0, code);
    }

    [Fact]
    public async Task Download_LangFr_IsTheFrenchDocument()
    {
        await using var web = await WebApp.StartAsync(demo: true);
        await TranslateFirstChapterAsync(web.Store);
        using var client = web.Client();
        var response = await client.GetAsync(new Uri("/rounds/Lanzarote/3/factsheets/Ruritania.html?lang=fr", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"fr\">", text, StringComparison.Ordinal);
        Assert.Contains(TranslatedTitle, text, StringComparison.Ordinal);
        var english = await client.GetStringAsync(new Uri("/rounds/Lanzarote/3/factsheets/Ruritania.html", UriKind.Relative), Ct);
        Assert.DoesNotContain(TranslatedTitle, english, StringComparison.Ordinal);
        var compliance = await client.GetStringAsync(new Uri("/rounds/Lanzarote/3/compliance-report.html?lang=fr", UriKind.Relative), Ct);
        Assert.Contains("<html lang=\"fr\">", compliance, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rounds/Lanzarote/3/factsheets/Ruritania")]
    [InlineData("/rounds/Lanzarote/3/compilation")]
    [InlineData("/rounds/Lanzarote/3/compliance-report")]
    public async Task FrenchPdfAndDocx_SayTheirLanguageInTheirMetadata(string document)
    {
        await using var web = await WebApp.StartAsync(demo: true);
        using var client = web.Client();
        // PDF: the catalog's /Lang, as a UTF-16 text string ("fr" = FEFF 0066 0072).
        var pdf = System.Text.Encoding.Latin1.GetString(await client.GetByteArrayAsync(new Uri(document + ".pdf?lang=fr", UriKind.Relative), Ct));
        Assert.Contains("/Lang <FEFF00660072>", pdf, StringComparison.Ordinal);
        var englishPdf = System.Text.Encoding.Latin1.GetString(await client.GetByteArrayAsync(new Uri(document + ".pdf", UriKind.Relative), Ct));
        Assert.Contains("/Lang <FEFF0065006E>", englishPdf, StringComparison.Ordinal);
        // DOCX: the proofing language of the default run style and the package's language.
        using var docx = new ZipArchive(new MemoryStream(await client.GetByteArrayAsync(new Uri(document + ".docx?lang=fr", UriKind.Relative), Ct)));
        using (var styles = new StreamReader(docx.GetEntry("word/styles.xml")!.Open()))
            Assert.Contains("w:val=\"fr-FR\"", await styles.ReadToEndAsync(Ct), StringComparison.Ordinal);
        using (var core = new StreamReader(docx.Entries.First(e => e.FullName.EndsWith(".psmdcp", StringComparison.Ordinal) || e.FullName.EndsWith("core.xml", StringComparison.Ordinal)).Open()))
            Assert.Contains(">fr</dc:language>", await core.ReadToEndAsync(Ct), StringComparison.Ordinal);
    }
}
