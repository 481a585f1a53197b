using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import;

/// <summary>Tells the kind of a document from its text: each kind has signals, and the strongest wins.</summary>
public static partial class KindDetector
{
    public static DocumentKind? Detect(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        int factsheet = 0, reply = 0, report = 0, list = 0;
        if (document.Lines.Take(40).Any(l => l.Text.Contains("FACTSHEET", StringComparison.Ordinal) || l.Text.Contains("Factsheet", StringComparison.Ordinal)))
            factsheet += 10;
        foreach (var line in document.Lines)
        {
            var t = line.Text.AsSpan().Trim();
            if (t.IsEmpty) continue;
            if (BoxLabel().IsMatch(t)) factsheet += 2;
            if (t.StartsWith("Observations", StringComparison.Ordinal) && t.Contains("of the Committee", StringComparison.Ordinal)) factsheet += 2;
            if (t.StartsWith('→')) reply += 1;
            if (t[0] == 'Q' && QuestionHeader().IsMatch(t)) reply += 3;
            // The numbered shapes all start with a digit (\d: any decimal digit, as char.IsDigit): most lines are spared three regexes.
            if (!char.IsDigit(t[0])) continue;
            if (SubQuestion().IsMatch(t)) reply += 1;
            if (UprItem().IsMatch(t)) list += 2;
            if (NumberedParagraph().IsMatch(t)) report += 1;
        }
        var scores = new (DocumentKind Kind, int Score)[]
        {
            (DocumentKind.Factsheet, factsheet), (DocumentKind.Reply, reply), (DocumentKind.Recommendations, list), (DocumentKind.Report, report),
        };
        var best = scores.OrderByDescending(s => s.Score).First();
        return best.Score >= 3 ? best.Kind : null;
    }

    [GeneratedRegex(@"^(Follow-up actions|Promising practices|Clarification note)\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BoxLabel();

    [GeneratedRegex(@"^Question\s+\d{1,4}\.?\s", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionHeader();

    [GeneratedRegex(@"^\d{1,2}\.\d{1,2}\.?\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex SubQuestion();

    [GeneratedRegex(@"^\d{2,4}\.\d{1,3}\.?\s+.*\(([^()]+)\)\s*[;.]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex UprItem();

    [GeneratedRegex(@"^\d{1,4}\.\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedParagraph();
}
