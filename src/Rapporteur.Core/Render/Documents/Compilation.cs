using System.Text;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render.Documents;

/// <summary>The replies of a round side by side: for each question of the questionnaire, each Party's answer.</summary>
public sealed record Compilation
{
    public Compilation(int round, string roundTitle, Questionnaire questionnaire, IReadOnlyList<Reply> replies)
    {
        if (round < 1) throw new ArgumentOutOfRangeException(nameof(round), round, "Rounds are numbered from 1.");
        ArgumentException.ThrowIfNullOrWhiteSpace(roundTitle);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(replies);
        Round = round;
        RoundTitle = roundTitle;
        Questionnaire = questionnaire;
        Replies = replies.OrderBy(r => r.Party.Name, StringComparer.Ordinal).ToList();
    }

    public int Round { get; }
    public string RoundTitle { get; }
    public Questionnaire Questionnaire { get; }

    /// <summary>The replies, by Party name.</summary>
    public IReadOnlyList<Reply> Replies { get; }

    /// <summary>The compilation of one question ("9.7") or of a group ("9": 9 and 9.x); null when the questionnaire has none.</summary>
    public Compilation? ForQuestion(string number)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        bool Wanted(Question q) => string.Equals(q.Number, number, StringComparison.Ordinal) || q.Number.StartsWith(number + ".", StringComparison.Ordinal);
        var sections = Questionnaire.Sections
            .Select(s => new QuestionnaireSection(s.Name, s.Questions.Where(Wanted).ToList(), s.Provenance))
            .Where(s => s.Questions.Count > 0).ToList();
        return sections.Count == 0 ? null : new Compilation(Round, RoundTitle, new Questionnaire(sections), Replies);
    }
}

/// <summary>Lays a <see cref="Compilation"/> out: a chapter per questionnaire section, and under each question its
/// text, items and prompts, then one framed box per Party with its answer.</summary>
public static class CompilationDocument
{
    /// <param name="compilation">The questionnaire and the replies (in the language to publish in).</param>
    /// <param name="body">The treaty body, named in the metadata.</param>
    /// <param name="labels">The fixed text's language (English when null).</param>
    public static Publication From(Compilation compilation, TreatyBody? body = null, DocumentLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        labels ??= DocumentLabels.English;
        var parties = compilation.Replies.Select(r => r.Party.Name).ToList();
        var cover = Publication.RoundLines(compilation.Round, compilation.RoundTitle, labels)
            .Append(parties.Count == 0 ? labels.NoRepliesYet : DocumentLabels.Format(labels.RepliesOf, string.Join(", ", parties))).ToList();
        var chapters = compilation.Questionnaire.Sections.Select((s, i) =>
            new PublicationChapter(Roman.FromInt(i + 1), s.Name, s.Questions.SelectMany(q => Blocks(q, compilation.Replies, labels)).ToList())).ToList();
        return new Publication(labels.CompilationOfReplies, cover, chapters, [], (body ?? TreatyBody.Lanzarote).Name,
            labels.CompilationOfReplies + " — " + DocumentLabels.Format(labels.Round, compilation.Round))
        {
            Labels = labels,
        };
    }

    private static IEnumerable<PublicationBlock> Blocks(Question q, IReadOnlyList<Reply> replies, DocumentLabels labels)
    {
        var heading = DocumentLabels.Format(labels.Question, q.Number);
        yield return PublicationBlock.Heading(q.Title is { Length: > 0 } t ? $"{heading} — {t}" : heading, 2);
        if (q.Text.Length > 0) yield return PublicationBlock.Paragraph(q.Text);
        if (q.Items.Count > 0) yield return PublicationBlock.Paragraph(string.Join('\n', q.Items.Select(i => $"{i.Letter}. {i.Text}")));
        foreach (var prompt in q.Prompts) yield return PublicationBlock.Paragraph(prompt.StartsWith('→') ? prompt : "→ " + prompt);
        foreach (var reply in replies)
        {
            var answer = reply.Answers.FirstOrDefault(a => string.Equals(a.QuestionNumber, q.Number, StringComparison.Ordinal));
            yield return PublicationBlock.Box(Shade.Plain, reply.Party.Name, AnswerText(answer, labels));
        }
    }

    private static string AnswerText(Answer? answer, DocumentLabels labels)
    {
        if (answer is null || (answer.IsEmpty && answer.ItemAnswers.Count == 0)) return labels.NoAnswer;
        var sb = new StringBuilder(answer.Text);
        foreach (var (letter, text) in answer.ItemAnswers.OrderBy(kv => kv.Key))
            sb.Append(sb.Length > 0 ? "\n\n" : "").Append(letter).Append(". ").Append(text);
        return sb.ToString();
    }
}
