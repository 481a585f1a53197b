using System.Globalization;
using System.Text;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render;

/// <summary>The whole parse result as Markdown (<c>parse --format markdown</c>): questions with answers, or chapters
/// with their blocks, boxes as labelled quotes and footnotes as Markdown footnotes.</summary>
public static class MarkdownRenderer
{
    public static string Render(ParsedDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var heading = d.Title ?? $"{ParseResultJson.KindName(d.Kind)} — {d.Party?.Name ?? "unknown Party"}";
        sb.Append("# ").Append(heading).Append("\n\n");
        sb.Append(inv, $"*{ParseResultJson.KindName(d.Kind)}; Party: {d.Party?.Name ?? "unknown"}; round: {d.Round?.ToString(inv) ?? "unknown"}; source: {d.SourceFile}*\n\n");

        if (d.Questionnaire is { } q)
        {
            foreach (var section in q.Sections)
            {
                sb.Append("## ").Append(section.Name).Append("\n\n");
                string? group = null;
                foreach (var question in section.Questions)
                {
                    if (question.Title is { } t && !string.Equals(t, group, StringComparison.Ordinal) && question.Number.Contains('.', StringComparison.Ordinal))
                    {
                        sb.Append(inv, $"### Question {question.Number[..question.Number.IndexOf('.', StringComparison.Ordinal)]}. {t}\n\n");
                        group = t;
                    }
                    var title = question.Number.Contains('.', StringComparison.Ordinal) ? "" : $" {question.Title}";
                    sb.Append(inv, $"#### {question.Number}{title}\n\n{question.Text}\n\n");
                    foreach (var item in question.Items) sb.Append(inv, $"- {item.Letter}. {item.Text}\n");
                    if (question.Items.Count > 0) sb.Append('\n');
                    foreach (var prompt in question.Prompts) sb.Append("> ").Append(prompt).Append("\n\n");
                    var answer = d.AnswerTo(question.Number);
                    sb.Append("**Answer:** ").Append(answer is null || answer.IsEmpty ? "*(no answer)*" : answer.Text).Append("\n\n");
                }
            }
        }

        if (d.Factsheet is { } f)
        {
            foreach (var line in f.Preamble) sb.Append(line).Append("\n\n");
            foreach (var chapter in f.Chapters)
            {
                sb.Append(inv, $"## {chapter.Chapter.Number}. {chapter.Chapter.Title}\n\n");
                foreach (var block in chapter.Blocks) AppendBlock(sb, block);
            }
        }
        else if (d.Report is { } r)
        {
            foreach (var chapter in r.Chapters)
            {
                sb.Append(inv, $"## {chapter.Chapter.Number}. {chapter.Chapter.Title}\n\n");
                foreach (var p in chapter.Paragraphs) sb.Append(inv, $"{p.Number}. {p.Text}\n\n");
            }
            AppendRecommendations(sb, d);
        }
        else if (d.Recommendations.Count > 0)
        {
            AppendRecommendations(sb, d);
        }

        foreach (var note in d.Footnotes) sb.Append(inv, $"[^{note.Number}]: {note.Text}\n");
        if (d.Footnotes.Count > 0) sb.Append('\n');
        return sb.ToString();
    }

    private static void AppendRecommendations(StringBuilder sb, ParsedDocument d)
    {
        sb.Append("## Recommendations\n\n");
        foreach (var rec in d.Recommendations)
        {
            var by = rec.RecommendedBy.Count > 0 ? $" ({string.Join(", ", rec.RecommendedBy)})" : "";
            var strength = rec.Strength is null ? "" : $" *{rec.Strength}*";
            sb.Append(CultureInfo.InvariantCulture, $"- **{rec.Id.Value}**{strength} {rec.Text}{by}\n");
        }
        sb.Append('\n');
    }

    private static void AppendBlock(StringBuilder sb, FactsheetBlock block)
    {
        var marks = string.Concat(block.Footnotes.Select(n => $"[^{n.ToString(CultureInfo.InvariantCulture)}]"));
        switch (block.Kind)
        {
            case BlockKind.Heading:
                sb.Append("### ").Append(block.Text).Append(marks).Append("\n\n");
                break;
            case BlockKind.CommitteePromisingPractice:
                sb.Append("#### ").Append(block.Text).Append(marks).Append("\n\n");
                break;
            case BlockKind.Recommendation:
                var ids = string.Join(", ", block.Recommendations.Select(r => r.Value));
                sb.Append(block.Text).Append(marks).Append(" **[").Append(ids).Append("]**\n\n");
                break;
            case BlockKind.Box:
                var box = block.Box!;
                var label = box.Type switch
                {
                    BoxType.FollowUp => "Follow-up actions:",
                    BoxType.PromisingPractice => "Promising practices:",
                    _ => "Clarification note:",
                };
                sb.Append("> **").Append(label).Append("**");
                if (box.Heading is { Length: > 0 } h) sb.Append(' ').Append(h);
                sb.Append("\n>\n");
                foreach (var line in (box.IsEmpty ? "*(empty)*" : box.Text).Split('\n')) sb.Append("> ").Append(line).Append('\n');
                sb.Append('\n');
                break;
            default:
                sb.Append(block.Text).Append(marks).Append("\n\n");
                break;
        }
    }
}
