using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Rapporteur.Features.Languages;

/// <summary>A generated document's downloads in each language: "English PDF · DOCX · HTML | Français PDF · DOCX ·
/// HTML", the reader's language first. Each link carries <c>?lang=</c> (what <c>Downloads</c> reads), says its language
/// with <c>hreflang</c>, and names the document, the format and the language for a screen reader.</summary>
public static class DocumentLinks
{
    private static readonly string[] Formats = ["pdf", "docx", "html"];

    /// <summary>The links of the document at <paramref name="path"/> (without its extension) called
    /// <paramref name="document"/> in the reader's language.</summary>
    public static IHtmlContent For(IStringLocalizer localizer, string document, string path)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(path);
        var current = Languages.Current;
        var html = new HtmlContentBuilder();
        html.AppendHtml("<span class=\"doc-langs\">");
        var first = true;
        foreach (var language in Languages.Supported.OrderBy(l => l == current ? 0 : 1))
        {
            if (!first) html.AppendHtml("<span class=\"sep\" aria-hidden=\"true\"> | </span>");
            first = false;
            // The language's own name, as the header's switch writes it: a reader finds their language whatever the page's.
            html.AppendHtml("<span class=\"doc-lang\"><span lang=\"").Append(language).AppendHtml("\">")
                .Append(Autonym(language)).AppendHtml("</span> ");
            var inLanguage = localizer[language == Languages.French ? "in French" : "in English"].Value;
            for (var i = 0; i < Formats.Length; i++)
            {
                var format = Formats[i];
                if (i > 0) html.AppendHtml(" · ");
                var name = format.ToUpperInvariant();
                html.AppendHtml("<a href=\"").Append(string.Concat(path, ".", format, "?lang=", language))
                    .AppendHtml("\" hreflang=\"").Append(language)
                    .AppendHtml("\" aria-label=\"").Append(localizer["{0}: {1}, {2}", document, name, inLanguage].Value)
                    .AppendHtml("\">").Append(name).AppendHtml("</a>");
            }
            html.AppendHtml("</span>");
        }
        return html.AppendHtml("</span>");
    }

    /// <summary>"English", "Français".</summary>
    public static string Autonym(string language) => language == Languages.French ? "Français" : "English";
}
