using System.Globalization;
using System.Text;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Tests.Reports;

/// <summary>A parsed report or recommendation list as stable, readable lines: what the "*.expected.txt" files hold.</summary>
/// <remarks>One line per chapter, paragraph (start … end of its text, to show that split paragraphs were joined),
/// recommendation (<c>id | strength | addressee | chapter | paragraphs | recommended by | first 40 characters</c>),
/// footnote and warning.</remarks>
public static class ReportExpectations
{
    public static string Render(ParsedDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"kind {d.Kind} | body {d.Body.ShortName} | party {d.Party?.Name ?? "-"} | round {d.Round?.ToString(inv) ?? "-"}\n");
        sb.Append(inv, $"title {OneLine(d.Title ?? "-")}\n");
        foreach (var chapter in d.Report?.Chapters ?? [])
        {
            sb.Append(inv, $"chapter {chapter.Chapter.Number} | {chapter.Chapter.Title}\n");
            foreach (var p in chapter.Paragraphs)
                sb.Append(inv, $"  para {p.Number} | lines {p.Provenance?.StartLine}-{p.Provenance?.EndLine} | {Start(p.Text, 40)} … {End(p.Text, 25)}\n");
        }
        foreach (var r in d.Recommendations)
        {
            var who = r.Addressee.Kind == AddresseeKind.All
                ? r.Addressee.Party is { } incl ? $"all incl. {incl.Name}" : "all"
                : r.Addressee.Party!.Name;
            sb.Append(inv, $"recommendation {r.Id} | {r.Strength ?? "-"} | {who} | {r.Chapter ?? "-"} | {Join(r.Paragraphs)} | {Join(r.RecommendedBy)} | {Start(r.Text, 40)}\n");
        }
        foreach (var f in d.Footnotes)
            sb.Append(inv, $"footnote {f.Number} | paras {Join(f.Paragraphs)} | recs {Join(f.Recommendations)} | {OneLine(f.Text)}\n");
        foreach (var w in d.Warnings)
            sb.Append(inv, $"warning {w.Code} | line {w.Line} | {Start(w.Message, 70)}\n");
        return sb.ToString();
    }

    private static string Join<T>(IEnumerable<T> items)
    {
        var s = string.Join(',', items);
        return s.Length == 0 ? "-" : s;
    }

    private static string OneLine(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Start(string text, int length) => OneLine(text.Length <= length ? text : text[..length]);

    private static string End(string text, int length) => OneLine(text.Length <= length ? text : text[^length..]);
}
