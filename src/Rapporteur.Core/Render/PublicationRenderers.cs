using Rapporteur.Core.Render.Docx;
using Rapporteur.Core.Render.Documents;
using Rapporteur.Core.Render.Html;
using Rapporteur.Core.Render.Pdf;

namespace Rapporteur.Core.Render;

/// <summary>Writes a <see cref="Publication"/> in one format.</summary>
public interface IPublicationRenderer
{
    /// <summary>"html", "pdf", "docx".</summary>
    string Format { get; }

    /// <summary>The file extension with its dot (".pdf").</summary>
    string Extension { get; }

    /// <summary>Writes the whole document to <paramref name="output"/>. Returns notes for the person who asked (a
    /// font that had to be replaced), empty when there is nothing to say.</summary>
    IReadOnlyList<string> Render(Publication publication, Stream output);
}

/// <summary>The publishing renderers, by format.</summary>
public static class PublicationRenderers
{
    public static IReadOnlyList<IPublicationRenderer> All { get; } = [new HtmlRenderer(), new PdfRenderer(), new DocxRenderer()];

    /// <summary>The renderer for "html", "pdf" or "docx" (any case), or null.</summary>
    public static IPublicationRenderer? For(string format) =>
        All.FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase));
}
