using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Html;

/// <summary>A publication as one standalone HTML page (UTF-8, inline CSS, no script): cover, linked table of
/// contents, chapters, recommendations tagged with id, strength and addressee, boxes in their colours, and footnotes
/// as linked notes with links back to the text.</summary>
public sealed class HtmlRenderer : IPublicationRenderer
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public string Format => "html";
    public string Extension => ".html";

    public IReadOnlyList<string> Render(Publication publication, Stream output)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(output);
        var html = new Writer(publication).Write();
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(html);
        return [];
    }

    private sealed class Writer(Publication p)
    {
        private readonly StringBuilder _sb = new();
        private readonly HashSet<int> _cited = [];

        public string Write()
        {
            _sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(p.Labels.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(E(p.Title)).Append("</title>\n")
                .Append("<meta name=\"author\" content=\"").Append(E(p.Author)).Append("\">\n")
                .Append("<meta name=\"description\" content=\"").Append(E(p.Subject)).Append("\">\n")
                .Append("<style>\n").Append(HtmlStyle.Css).Append("</style>\n</head>\n<body>\n");
            _sb.Append("<header class=\"cover\">\n<h1>").Append(E(p.Title)).Append("</h1>\n");
            foreach (var line in p.Cover) _sb.Append("<p>").Append(E(line)).Append("</p>\n");
            _sb.Append("</header>\n");
            Contents();
            _sb.Append("<main>\n");
            for (var i = 0; i < p.Chapters.Count; i++) Chapter(p.Chapters[i], i);
            _sb.Append("</main>\n");
            Notes();
            _sb.Append("</body>\n</html>\n");
            return _sb.ToString();
        }

        private void Contents()
        {
            if (p.Chapters.Count == 0) return;
            _sb.Append("<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">").Append(E(p.Labels.Contents)).Append("</h2>\n<ol>\n");
            for (var i = 0; i < p.Chapters.Count; i++)
                _sb.Append("<li><a href=\"#").Append(PublicationChapter.Anchor(i)).Append("\">").Append(E(p.Chapters[i].Heading)).Append("</a></li>\n");
            _sb.Append("</ol>\n</nav>\n");
        }

        private void Chapter(PublicationChapter chapter, int index)
        {
            _sb.Append("<section aria-labelledby=\"").Append(PublicationChapter.Anchor(index)).Append("\">\n<h2 id=\"").Append(PublicationChapter.Anchor(index)).Append("\">")
                .Append(E(chapter.Heading)).Append("</h2>\n");
            foreach (var block in chapter.Blocks) Block(block);
            _sb.Append("</section>\n");
        }

        private void Block(PublicationBlock b)
        {
            switch (b.Role)
            {
                case BlockRole.Heading:
                    var tag = b.Level == 2 ? "h3" : "h4";
                    _sb.Append('<').Append(tag).Append('>');
                    Lines(b.Text.Split('\n'));
                    Markers(b.Notes);
                    _sb.Append("</").Append(tag).Append(">\n");
                    break;
                case BlockRole.Recommendation:
                    var t = b.Tag!;
                    _sb.Append("<div class=\"recommendation\">\n<p class=\"tag\">");
                    foreach (var id in t.Ids) _sb.Append("<span class=\"id\" id=\"rec-").Append(E(id.Value)).Append("\">").Append(E(id.Value)).Append("</span> ");
                    if (t.Strength is { } s)
                        _sb.Append("<span class=\"strength strength-").Append(E(s)).Append("\">").Append(E(p.Labels.Strength(s))).Append("</span> ");
                    _sb.Append("<span class=\"addressee\">").Append(E(t.Addressee)).Append("</span></p>\n");
                    Paragraphs(b);
                    _sb.Append("</div>\n");
                    break;
                case BlockRole.Box:
                    _sb.Append("<aside class=\"box box-").Append(b.Shade.ToString().ToLowerInvariant()).Append("\">\n<p class=\"label\">")
                        .Append(E(b.Label!)).Append("</p>\n");
                    Paragraphs(b);
                    _sb.Append("</aside>\n");
                    break;
                default:
                    Paragraphs(b);
                    break;
            }
        }

        /// <summary>One &lt;p&gt; per paragraph, lines parted by &lt;br&gt;; the markers after the last one.</summary>
        private void Paragraphs(PublicationBlock b)
        {
            var paragraphs = b.Paragraphs;
            if (paragraphs.Count == 0 && b.Notes.Count == 0) return;
            if (paragraphs.Count == 0) paragraphs = [[""]];
            for (var i = 0; i < paragraphs.Count; i++)
            {
                _sb.Append("<p>");
                Lines(paragraphs[i]);
                if (i == paragraphs.Count - 1) Markers(b.Notes);
                _sb.Append("</p>\n");
            }
        }

        private void Lines(IEnumerable<string> lines)
        {
            var first = true;
            foreach (var line in lines)
            {
                if (!first) _sb.Append("<br>\n");
                _sb.Append(E(line));
                first = false;
            }
        }

        private void Markers(IReadOnlyList<int> notes)
        {
            foreach (var n in notes)
            {
                var number = n.ToString(CultureInfo.InvariantCulture);
                if (p.Note(n) is null)
                {
                    _sb.Append("<sup class=\"undefined\" title=\"no such footnote\">").Append(number).Append("</sup>");
                    continue;
                }
                // The first citation gets the anchor the note links back to.
                var id = _cited.Add(n) ? $" id=\"fnref-{number}\"" : "";
                _sb.Append("<sup").Append(id).Append("><a href=\"#fn-").Append(number).Append("\" aria-label=\"note ").Append(number).Append("\">")
                    .Append(number).Append("</a></sup>");
            }
        }

        private void Notes()
        {
            if (p.Footnotes.Count == 0) return;
            _sb.Append("<section class=\"footnotes\" aria-labelledby=\"notes\">\n<h2 id=\"notes\">").Append(E(p.Labels.Notes)).Append("</h2>\n<ol>\n");
            foreach (var f in p.Footnotes.OrderBy(f => f.Number))
            {
                var number = f.Number.ToString(CultureInfo.InvariantCulture);
                _sb.Append("<li id=\"fn-").Append(number).Append("\" value=\"").Append(number).Append("\">").Append(E(f.Text));
                if (_cited.Contains(f.Number)) _sb.Append(" <a class=\"back\" href=\"#fnref-").Append(number).Append("\" aria-label=\"back to the text\">↩</a>");
                _sb.Append("</li>\n");
            }
            _sb.Append("</ol>\n</section>\n");
        }

        private static string E(string text) => Encoder.Encode(text);
    }
}
