using System.Text.RegularExpressions;

namespace Rapporteur.Core.Model;

/// <summary>A thematic questionnaire: sections of questions.</summary>
public sealed record Questionnaire
{
    public Questionnaire(IReadOnlyList<QuestionnaireSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var duplicate = sections.SelectMany(s => s.Questions).GroupBy(q => q.Number, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Question {duplicate.Key} appears twice.", nameof(sections));
        Sections = sections;
    }

    public IReadOnlyList<QuestionnaireSection> Sections { get; }

    public IEnumerable<Question> Questions => Sections.SelectMany(s => s.Questions);
}

/// <summary>A section of a questionnaire ("Prevention", "Protection", ...).</summary>
public sealed record QuestionnaireSection
{
    public QuestionnaireSection(string name, IReadOnlyList<Question> questions, Provenance? provenance = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(questions);
        Name = name.Trim();
        Questions = questions;
        Provenance = provenance;
    }

    public string Name { get; }
    public IReadOnlyList<Question> Questions { get; }
    public Provenance? Provenance { get; }
}

/// <summary>One question, numbered like "9.7" (or "3" for a question without sub-questions).</summary>
/// <param name="Title">The title of the numbered group it belongs to ("Criminalisation" for 9.x), if any.</param>
public sealed partial record Question
{
    public Question(string number, string section, string? title, string text, IReadOnlyList<QuestionItem> items, IReadOnlyList<string> prompts, Provenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (!NumberPattern().IsMatch(number)) throw new ArgumentException($"'{number}' is not a question number like 9 or 9.7.", nameof(number));
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(prompts);
        var dup = items.GroupBy(i => i.Letter).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Question {number} lists item {dup.Key} twice.", nameof(items));
        Number = number;
        Section = section;
        Title = title;
        Text = text;
        Items = items;
        Prompts = prompts;
        Provenance = provenance;
    }

    public string Number { get; }
    public string Section { get; }
    public string? Title { get; }
    public string Text { get; }
    public IReadOnlyList<QuestionItem> Items { get; }
    public IReadOnlyList<string> Prompts { get; }
    public Provenance? Provenance { get; }

    [GeneratedRegex(@"^\d{1,4}(\.\d{1,3}){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}

/// <summary>An item of a question, lettered a–z.</summary>
public sealed record QuestionItem
{
    public QuestionItem(char letter, string text)
    {
        if (letter is < 'a' or > 'z') throw new ArgumentOutOfRangeException(nameof(letter), letter, "Items are lettered a to z.");
        ArgumentNullException.ThrowIfNull(text);
        Letter = letter;
        Text = text;
    }

    public char Letter { get; }
    public string Text { get; }
}

public enum ReplyStatus
{
    NotStarted,
    Draft,
    Submitted,
}

/// <summary>A Party's answer to one question: the text, and the text per item where the reply answers items separately.</summary>
public sealed record Answer
{
    public Answer(string questionNumber, string text, IReadOnlyDictionary<char, string>? itemAnswers = null, IReadOnlyList<PromptAnswer>? promptAnswers = null, Provenance? provenance = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(questionNumber);
        ArgumentNullException.ThrowIfNull(text);
        QuestionNumber = questionNumber;
        Text = text;
        ItemAnswers = itemAnswers ?? new Dictionary<char, string>();
        PromptAnswers = promptAnswers ?? [];
        Provenance = provenance;
    }

    public string QuestionNumber { get; }
    public string Text { get; }
    public IReadOnlyDictionary<char, string> ItemAnswers { get; }
    public IReadOnlyList<PromptAnswer> PromptAnswers { get; }
    public Provenance? Provenance { get; }

    public bool IsEmpty => Text.Length == 0;
}

/// <summary>The part of a reply that answers a "→ Please specify" prompt.</summary>
public sealed record PromptAnswer(string Prompt, string Text);

/// <summary>A Party's reply to a questionnaire: one answer per question.</summary>
public sealed record Reply
{
    public Reply(Party party, int? round, IReadOnlyList<Answer> answers, ReplyStatus status)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(answers);
        if (round is < 1) throw new ArgumentOutOfRangeException(nameof(round));
        var dup = answers.GroupBy(a => a.QuestionNumber, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Question {dup.Key} is answered twice.", nameof(answers));
        Party = party;
        Round = round;
        Answers = answers;
        Status = status;
    }

    public Party Party { get; }
    public int? Round { get; }
    public IReadOnlyList<Answer> Answers { get; }
    public ReplyStatus Status { get; }
}
