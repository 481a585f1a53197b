using System.Globalization;
using System.Text.RegularExpressions;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import.Text;

/// <summary>Party names and where a document says which Party and round it concerns.</summary>
public static partial class PartyNames
{
    /// <summary>States that can be Parties to Council of Europe conventions (member States and a few others), in English.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "Albania", "Andorra", "Armenia", "Austria", "Azerbaijan", "Belgium", "Bosnia and Herzegovina", "Bulgaria", "Croatia",
        "Cyprus", "Czech Republic", "Denmark", "Estonia", "Finland", "France", "Georgia", "Germany", "Greece", "Hungary",
        "Iceland", "Ireland", "Italy", "Latvia", "Liechtenstein", "Lithuania", "Luxembourg", "Malta", "Republic of Moldova",
        "Monaco", "Montenegro", "Netherlands", "North Macedonia", "Norway", "Poland", "Portugal", "Romania", "Russian Federation",
        "San Marino", "Serbia", "Slovak Republic", "Slovenia", "Spain", "Sweden", "Switzerland", "Türkiye", "Turkey", "Ukraine",
        "United Kingdom", "Tunisia",
    ];

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal) { "of", "and", "the", "de", "du", "la" };

    /// <summary>"THE NETHERLANDS" → "Netherlands"; "REPUBLIC OF MOLDOVA" → "Republic of Moldova".</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var t = name.Trim().Trim('.', ',', ':', ';', '"', '“', '”');
        if (t.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) t = t[4..];
        var known = Known.FirstOrDefault(k => string.Equals(k, t, StringComparison.OrdinalIgnoreCase));
        if (known is not null) return known;
        if (t.Any(char.IsLower)) return t;
        var words = t.ToLower(CultureInfo.InvariantCulture).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
            if (i == 0 || !SmallWords.Contains(words[i]))
                words[i] = char.ToUpper(words[i][0], CultureInfo.InvariantCulture) + words[i][1..];
        return string.Join(' ', words);
    }

    /// <summary>A known Party named in a file name ("netherlands-reply.txt"), or null.</summary>
    public static Party? FromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName).Replace('_', '-').Replace(' ', '-');
        foreach (var name in Known.OrderByDescending(k => k.Length))
        {
            var slug = name.Replace(' ', '-');
            if (stem.Contains(slug, StringComparison.OrdinalIgnoreCase)) return new Party(name);
        }
        return null;
    }

    /// <summary>The known Party the text names most often (at least three times), or null.</summary>
    public static Party? MostMentioned(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var all = string.Join('\n', texts);
        var best = Known
            .Select(k => (Name: k, Count: Regex.Count(all, $@"\b{Regex.Escape(k)}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2))))
            .OrderByDescending(x => x.Count)
            .First();
        return best.Count >= 3 ? new Party(best.Name) : null;
    }

    /// <summary>The round a text or path speaks of: "2nd monitoring round", "second round", "round-2".</summary>
    public static int? Round(string? path, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (path is not null)
        {
            var m = PathRound().Match(path.Replace('\\', '/'));
            if (m.Success) return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        foreach (var text in texts)
        {
            var m = TextRound().Match(text);
            if (m.Success) return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var w = WordRound().Match(text);
            if (w.Success) return Array.IndexOf(Ordinals, w.Groups[1].Value.ToLowerInvariant()) + 1;
        }
        return null;
    }

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    [GeneratedRegex(@"(?:^|/)round[-_ ]?(\d{1,2})(?:/|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PathRound();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:thematic\s+)?(?:monitoring|evaluation)\s+round\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TextRound();

    [GeneratedRegex(@"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:thematic\s+)?(?:monitoring|evaluation)\s+round\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WordRound();
}
