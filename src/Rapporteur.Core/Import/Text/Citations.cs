using System.Globalization;
using System.Text.RegularExpressions;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Text;

/// <summary>Reads what a footnote cites: report paragraphs ("Paras. 67, 68, 73.", "Para. 69", "paras 12-14") and
/// recommendations ("Recommendation II-6.", "Recommendations III-16 and III-18.").</summary>
public static partial class Citations
{
    public static IReadOnlyList<int> Paragraphs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<int>();
        foreach (Match m in ParagraphList().Matches(text))
        {
            foreach (Match part in NumberOrRange().Matches(m.Groups["list"].Value))
            {
                var from = int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                var to = part.Groups[2].Success ? int.Parse(part.Groups[2].Value, CultureInfo.InvariantCulture) : from;
                if (to < from || to - from > 200) to = from;
                for (var p = from; p <= to; p++)
                    if (p >= 1 && !result.Contains(p)) result.Add(p);
            }
        }
        return result;
    }

    public static IReadOnlyList<RecommendationId> Recommendations(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<RecommendationId>();
        foreach (Match m in RecommendationList().Matches(text))
            foreach (Match id in RecommendationIdPattern().Matches(m.Groups["list"].Value))
            {
                var rid = new RecommendationId(id.Value);
                if (!result.Contains(rid)) result.Add(rid);
            }
        return result;
    }

    /// <summary>Recommendation ids named anywhere in a text ("in line with its Recommendation II-1").</summary>
    public static IReadOnlyList<RecommendationId> MentionedRecommendations(string text) => Recommendations(text);

    [GeneratedRegex(@"\b(?:Paras?|Paragraphs?|§§?)\.?\s*(?<list>\d{1,4}(?:\s*(?:[-–]|,|and|&)\s*\d{1,4})*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphList();

    [GeneratedRegex(@"(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberOrRange();

    [GeneratedRegex(@"\bRecommendations?\s+(?<list>[IVXLC]{1,7}-\d{1,3}(?:\s*(?:,|and|&)\s*[IVXLC]{1,7}-\d{1,3})*)", RegexOptions.CultureInvariant)]
    private static partial Regex RecommendationList();

    [GeneratedRegex(@"[IVXLC]{1,7}-\d{1,3}", RegexOptions.CultureInvariant)]
    private static partial Regex RecommendationIdPattern();
}
