using System.Globalization;
using System.Text;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render;

/// <summary>A readable outline of a parse result for people at a terminal (<c>parse --format text</c>).</summary>
public static class OutlineRenderer
{
    private const int Width = 90;

    public static string Render(ParsedDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{ParseResultJson.KindName(d.Kind)} — {d.Party?.Name ?? "Party unknown"}, round {d.Round?.ToString(inv) ?? "unknown"} — {d.SourceFile} ({d.Format})\n");
        if (d.Title is { Length: > 0 } title) sb.Append(Clip(title, Width)).Append('\n');
        var questions = d.Questionnaire?.Questions.ToList() ?? [];
        sb.Append(inv, $"{d.Questionnaire?.Sections.Count ?? 0} sections, {questions.Count} questions ({d.Answers.Count(a => !a.IsEmpty)} answered), ");
        sb.Append(inv, $"{d.Chapters.Count} chapters, {d.Recommendations.Count} recommendations, {d.Boxes.Count} boxes, {d.Footnotes.Count} footnotes, {d.Warnings.Count} warnings\n");

        if (d.Questionnaire is { } q)
        {
            foreach (var section in q.Sections)
            {
                sb.Append('\n').Append(section.Name).Append('\n');
                foreach (var question in section.Questions)
                {
                    var answer = d.AnswerTo(question.Number);
                    var items = question.Items.Count > 0 ? $" [{string.Join(' ', question.Items.Select(i => i.Letter))}]" : "";
                    var prompts = question.Prompts.Count > 0 ? $" +{question.Prompts.Count} prompt{(question.Prompts.Count > 1 ? "s" : "")}" : "";
                    var answered = answer is null || answer.IsEmpty ? "no answer" : $"answer {answer.Text.Length.ToString("N0", inv)} chars";
                    sb.Append(inv, $"  {question.Number,-6}{Clip(question.Text, 50),-50}{items}{prompts} — {answered}\n");
                }
            }
        }

        var byChapter = d.Recommendations.GroupBy(r => r.Chapter ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var boxesByChapter = d.Boxes.GroupBy(b => b.Chapter ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var chapters = d.Chapters.Select(c => (c.Number, c.Title)).ToList();
        if (chapters.Count == 0 && (d.Recommendations.Count > 0 || d.Boxes.Count > 0)) chapters.Add(("", "Recommendations"));
        foreach (var (number, chapterTitle) in chapters)
        {
            sb.Append('\n').Append(number.Length > 0 ? $"{number}. " : "").Append(Clip(chapterTitle, Width)).Append('\n');
            foreach (var r in byChapter.GetValueOrDefault(number) ?? [])
            {
                var who = r.Addressee.Kind == AddresseeKind.All ? "all Parties" : r.Addressee.Party?.Name ?? "the Party";
                var by = r.RecommendedBy.Count > 0 ? $" by {string.Join(", ", r.RecommendedBy)}" : "";
                var follow = d.HasFollowUp(r.Id) ? " +follow-up" : "";
                sb.Append(inv, $"  {r.Id.Value,-8}{r.Strength ?? "-",-10}{who,-14}{by}{follow}  {Clip(r.Text, 48)}\n");
            }
            foreach (var b in boxesByChapter.GetValueOrDefault(number) ?? [])
            {
                var recs = b.Recommendations.Count > 0 ? string.Join(", ", b.Recommendations.Select(x => x.Value)) : "no recommendation";
                var text = b.IsEmpty ? "(empty)" : Clip(b.Text, 50);
                sb.Append(inv, $"  [{ParseResultJson.BoxTypeName(b.Type)} → {recs}] {text}\n");
            }
        }

        if (d.Footnotes.Count > 0)
        {
            sb.Append("\nFootnotes\n");
            foreach (var f in d.Footnotes) sb.Append(inv, $"  {f.Number,4}  {Clip(f.Text, 80)}\n");
        }
        if (d.Warnings.Count > 0)
        {
            sb.Append("\nWarnings\n");
            foreach (var w in d.Warnings) sb.Append(inv, $"  line {w.Line,-5} {w.Code}: {Clip(w.Message, 70)}\n");
        }
        return sb.ToString();
    }

    private static string Clip(string text, int width)
    {
        var t = text.ReplaceLineEndings(" ");
        return t.Length <= width ? t : string.Concat(t.AsSpan(0, width - 1), "…");
    }
}
