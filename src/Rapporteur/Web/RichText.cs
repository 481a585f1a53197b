using System.Net;
using Ganss.Xss;
using Microsoft.AspNetCore.Html;

namespace Rapporteur.Web;

/// <summary>Rich text from people (answers, boxes, comments): sanitised on the way in and again on the way out.
/// Plain text (what importers produce) is shown with its line breaks.</summary>
public static class RichText
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>The fragment with only the allowed tags (paragraphs, emphasis, lists, links, tables) left.</summary>
    public static string Sanitize(string? html) => string.IsNullOrWhiteSpace(html) ? "" : Sanitizer.Sanitize(html.Trim());

    public static IHtmlContent ToHtml(string? text)
    {
        if (string.IsNullOrEmpty(text)) return HtmlString.Empty;
        if (LooksLikeHtml(text)) return new HtmlString(Sanitize(text));
        return new HtmlString("<div class=\"prewrap\">" + WebUtility.HtmlEncode(text) + "</div>");
    }

    private static bool LooksLikeHtml(string text)
    {
        var t = text.AsSpan().TrimStart();
        return t.Length > 2 && t[0] == '<' && char.IsAsciiLetter(t[1]) && t.Contains('>');
    }

    private static HtmlSanitizer Create()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub" })
            s.AllowedTags.Add(tag);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.Add("href");
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("mailto");
        s.AllowedCssProperties.Clear();
        return s;
    }
}
