using System.Net;
using System.Text;

namespace Rapporteur.Data.Search;

/// <summary>Who may find a search document.</summary>
public enum SearchVisibility
{
    /// <summary>Everyone: submitted replies, published factsheets and reports, recommendations, questions, approved comments.</summary>
    Public = 0,

    /// <summary>The Party's focal point and the staff: a reply that is not submitted yet.</summary>
    Party = 1,

    /// <summary>The staff only: draft factsheets and reports, comments awaiting moderation or rejected.</summary>
    Staff = 2,
}

/// <summary>What is searched, by type (the values of the <c>type</c> filter and facet).</summary>
public static class SearchTypes
{
    public const string Question = "question";
    public const string Answer = "answer";
    public const string Recommendation = "recommendation";
    public const string Box = "box";
    public const string Paragraph = "paragraph";
    public const string Footnote = "footnote";
    public const string Comment = "comment";

    public static IReadOnlyList<string> All { get; } = [Question, Answer, Recommendation, Box, Paragraph, Footnote, Comment];
}

/// <summary>The stored thing a set of search documents is built from, and rebuilt from when it changes: a reply (its
/// answers), a factsheet (its paragraphs, boxes, footnotes), a report, a recommendation, a round's questionnaire, a
/// comment.</summary>
public readonly record struct SearchOwner(string Type, int Id)
{
    public const string Reply = "reply";
    public const string Factsheet = "factsheet";
    public const string Report = "report";
    public const string Recommendation = "recommendation";
    public const string Questionnaire = "questionnaire";
    public const string Comment = "comment";

    public override string ToString() => $"{Type}:{Id}";
}

/// <summary>One row of the search index: the text that is matched, the facets it is filtered and counted by, who may
/// see it, and the address of the exact place it comes from.</summary>
public sealed record SearchDocument
{
    public required SearchOwner Owner { get; init; }
    public required string Type { get; init; }

    /// <summary>The id people use: the recommendation's code, the question's number, the footnote's or paragraph's
    /// number; the database id where the thing has no number of its own (boxes, factsheet paragraphs, comments).</summary>
    public required string Key { get; init; }
    public required int SourceId { get; init; }
    public required string Body { get; init; }
    public required int RoundId { get; init; }
    public required int RoundNumber { get; init; }
    public int? PartyId { get; init; }
    public string? Party { get; init; }
    public string? Section { get; init; }
    public string? Strength { get; init; }
    public string? Addressee { get; init; }
    public string? BoxType { get; init; }
    public string Language { get; init; } = "en";
    public required SearchVisibility Visibility { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public required string Text { get; init; }
}

/// <summary>Text as it goes into the index: plain (answers and boxes written in the web app are sanitised HTML), with
/// no private-use characters (the snippet markers are private-use characters, so stored text can never forge one).</summary>
public static class IndexText
{
    public const char MarkStart = '\uE000';
    public const char MarkEnd = '\uE001';

    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // HTML: one line per block, without the blank lines the tags leave.
        var source = LooksLikeHtml(text)
            ? string.Join('\n', WebUtility.HtmlDecode(StripTags(text)).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            : text;
        var sb = new StringBuilder(source.Length);
        foreach (var c in source)
            if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.PrivateUse) sb.Append(c);
        return sb.ToString().Trim();
    }

    /// <summary>Joins the non-empty parts with blank lines.</summary>
    public static string Join(IEnumerable<string?> parts) => string.Join("\n\n", parts.Select(Plain).Where(p => p.Length > 0));

    // The same test the web app's RichText uses to decide whether a stored text is HTML.
    private static bool LooksLikeHtml(string text)
    {
        var t = text.AsSpan().TrimStart();
        return t.Length > 2 && t[0] == '<' && char.IsAsciiLetter(t[1]) && t.Contains('>');
    }

    // Sanitised HTML encodes '<' and '>' in text, so every '<' opens a tag. Block-level tags become line breaks so that
    // words of two paragraphs do not run together.
    private static string StripTags(string html)
    {
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] != '<')
            {
                sb.Append(html[i++]);
                continue;
            }
            var end = html.IndexOf('>', i);
            if (end < 0) break;
            var tag = html.AsSpan(i + 1, end - i - 1).TrimStart('/');
            var name = tag[..(tag.IndexOfAny(' ', '/') is var k and >= 0 ? k : tag.Length)];
            sb.Append(name is "p" or "br" or "li" or "tr" or "blockquote" or "ul" or "ol" or "table" ? "\n" : name is "td" or "th" ? " " : "");
            i = end + 1;
        }
        return sb.ToString();
    }
}

/// <summary>Turns the marked snippet the engine returns into HTML (escaped, matches in &lt;mark&gt;) or plain text.</summary>
public static class SearchSnippet
{
    public static string ToHtml(string marked) => Render(marked, "<mark>", "</mark>", Escape);

    // Only what HTML needs escaped: WebUtility.HtmlEncode would also turn every é into &#233;, which the JSON shows.
    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            var entity = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => null };
            if (entity is null) sb.Append(c);
            else sb.Append(entity);
        }
        return sb.ToString();
    }

    /// <summary>Plain text on one line, matches between <paramref name="open"/> and <paramref name="close"/>.</summary>
    public static string ToText(string marked, string open, string close) =>
        Render(string.Join(' ', marked.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)), open, close, s => s);

    private static string Render(string marked, string open, string close, Func<string, string> encode)
    {
        var sb = new StringBuilder(marked.Length + 32);
        var inside = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] != IndexText.MarkStart && marked[i] != IndexText.MarkEnd) continue;
            sb.Append(encode(marked[start..i]));
            start = i + 1;
            if (i == marked.Length) break;
            if (marked[i] == IndexText.MarkStart && !inside)
            {
                sb.Append(open);
                inside = true;
            }
            else if (marked[i] == IndexText.MarkEnd && inside)
            {
                sb.Append(close);
                inside = false;
            }
        }
        if (inside) sb.Append(close);
        return sb.ToString();
    }
}
