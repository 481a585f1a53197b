using System.Globalization;
using System.Text;
using Rapporteur.Core.Import;

namespace Rapporteur.Core.Tests.Import;

/// <summary>The reply parser on generated replies (written for the tests: no corpus text).</summary>
public sealed class ReplyParserTests
{
    /// <summary>A reply with <paramref name="groups"/> numbered question groups: odd groups have two sub-questions
    /// ("N.1.", "N.2.") with items a)–c), even groups are a single question with its text under the title; every answer names its question.</summary>
    private static string LongReply(int groups)
    {
        var text = new StringBuilder("Prevention\n\n");
        for (var q = 1; q <= groups; q++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Question {q}.  Topic {q}\n\n");
            if (q % 2 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"Is there a register for case {q}?\n\nAnswer to {q}: the council checks every club once a year.\n\n");
                continue;
            }
            text.Append(CultureInfo.InvariantCulture, $"{q}.1.  Which rules apply in case {q}?\n\na) in schools;\n\nb) in clubs;\n\nc) at home.\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Answer to {q}.1: the same rules apply everywhere.\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{q}.2.  Who checks them?\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Answer to {q}.2: the national council.\n\n");
        }
        return text.ToString();
    }

    [Fact]
    public void Parse_ReplyWith1500Questions_ReadsQuestionsPast999()
    {
        const int groups = 1500;
        var result = DocumentImporter.Default.ImportText("long-reply.txt", LongReply(groups),
            new ImportOptions { Kind = DocumentKind.Reply, Round = 2 });

        Assert.True(result.Success, result.Error?.Message);
        var parsed = result.Value!;
        var expected = Enumerable.Range(1, groups)
            .SelectMany(q => q % 2 == 0 ? [$"{q}"] : (string[])[$"{q}.1", $"{q}.2"])
            .ToList();
        Assert.Equal(expected, parsed.Questionnaire!.Questions.Select(q => q.Number).ToList());
        Assert.Equal(expected, parsed.Answers.Select(a => a.QuestionNumber).ToList());
        Assert.All(parsed.Answers, a => Assert.StartsWith($"Answer to {a.QuestionNumber}:", a.Text, StringComparison.Ordinal));
        var last = parsed.Questionnaire.Questions.Single(q => q.Number == "1499.1");
        Assert.Equal("Topic 1499", last.Title);
        Assert.Equal("abc", string.Concat(last.Items.Select(i => i.Letter)));
        Assert.Equal("1500", parsed.Answers[^1].QuestionNumber);
        Assert.DoesNotContain(result.Warnings, w => w.Code is "unplacedText" or "duplicateQuestion");
    }
}
