using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import.Replies;

/// <summary>
/// The question numbers <see cref="ReplyParser"/> reads — a group "Question 1234" (up to 4 digits) and its questions
/// "1234.567" (up to 3 digits after the dot) — and the one form it writes them in ("9.7", never "09.07"). A
/// questionnaire built by hand takes exactly these, so every question it has can be matched by an imported reply.
/// </summary>
public static partial class QuestionNumbers
{
    /// <summary>What a question number looks like, for messages.</summary>
    public const string Expected = "a question number is 1 to 4 digits, optionally followed by a dot and 1 to 3 digits (9, 1234, 12.3, 1234.567)";

    /// <summary>The number as the parser writes it (leading zeros dropped), or false when the parser would not read it.</summary>
    public static bool TryNormalize(string? text, out string number)
    {
        number = "";
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        var group = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (!m.Groups[2].Success)
        {
            number = group.ToString(CultureInfo.InvariantCulture);
            return true;
        }
        // The parser numbers a group's questions from 1 ("9.1", "9.2", …): "9.0" is never read as a question.
        var sub = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (sub == 0) return false;
        number = string.Create(CultureInfo.InvariantCulture, $"{group}.{sub}");
        return true;
    }

    // Kept in step with ReplyParser's QuestionHeader and SubQuestion (the tests parse a reply at the limits).
    [GeneratedRegex(@"^(\d{1,4})(?:\.(\d{1,3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
