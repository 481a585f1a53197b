using System.Globalization;
using System.Text;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;
using Rapporteur.Core.Render;

namespace Rapporteur.Core.Tests.Support;

/// <summary>The structure of a parse result as stable lines: numbers, ids, strengths, counts — no sentences, so
/// snapshots of the real corpus documents do not copy their text into the project.</summary>
public static class Snapshot
{
    public static string Structure(ParsedDocument d)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"kind {ParseResultJson.KindName(d.Kind)} party {d.Party?.Name ?? "-"} round {d.Round?.ToString(inv) ?? "-"}\n");
        foreach (var s in d.Questionnaire?.Sections ?? [])
        {
            sb.Append(inv, $"section {s.Name}: {string.Join(' ', s.Questions.Select(q => q.Number))}\n");
            foreach (var q in s.Questions)
            {
                var a = d.AnswerTo(q.Number)!;
                sb.Append(inv, $"  question {q.Number} items={string.Concat(q.Items.Select(i => i.Letter))} prompts={q.Prompts.Count} ");
                sb.Append(inv, $"text={Words(q.Text)}w answer={Words(a.Text)}w itemAnswers={string.Concat(a.ItemAnswers.Keys.Order())}\n");
            }
        }
        foreach (var c in d.Chapters) sb.Append(inv, $"chapter {c.Number} ({Words(c.Title)}w)\n");
        foreach (var r in d.Recommendations)
        {
            var who = r.Addressee.Kind == AddresseeKind.All ? "all" : "party";
            sb.Append(inv, $"recommendation {r.Id} {r.Strength ?? "-"} {who} chapter={r.Chapter ?? "-"} followUp={d.HasFollowUp(r.Id).ToString().ToLowerInvariant()} paragraphs={string.Join(',', r.Paragraphs)} by={string.Join(',', r.RecommendedBy)}\n");
        }
        foreach (var b in d.Boxes)
            sb.Append(inv, $"box {ParseResultJson.BoxTypeName(b.Type)} chapter={b.Chapter ?? "-"} recommendations={string.Join(',', b.Recommendations)} text={Words(b.Text)}w line={b.Provenance?.StartLine}\n");
        foreach (var f in d.Footnotes)
            sb.Append(inv, $"footnote {f.Number} paragraphs={string.Join(',', f.Paragraphs)} recommendations={string.Join(',', f.Recommendations)} text={Words(f.Text)}w\n");
        foreach (var w in d.Warnings) sb.Append(inv, $"warning {w.Code} line={w.Line}\n");
        return sb.ToString();
    }

    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
