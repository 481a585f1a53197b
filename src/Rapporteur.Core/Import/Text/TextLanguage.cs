using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import.Text;

/// <summary>
/// Tells English from French text by counting each language's commonest function words — the two languages a
/// Council of Europe body works in. Nothing is stored about the language of a reply or a recommendation, and the
/// words are enough to tell a sentence apart: "the", "of", "and" against "le", "les", "des", "et". A text with no
/// such word (a number, "Yes.") is English, the language the model's texts are written in unless said otherwise.
/// </summary>
public static partial class TextLanguage
{
    public const string English = "en";
    public const string French = "fr";

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "to", "in", "is", "are", "that", "for", "with", "on", "by", "this", "be", "has", "have", "which", "its", "their", "from",
        "was", "were", "as", "it", "an", "or", "not", "been", "will", "should", "all",
    };

    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "du", "de", "et", "est", "sont", "que", "qui", "pour", "dans", "sur", "par", "une", "un", "au", "aux", "ce", "cette",
        "ces", "leur", "leurs", "été", "pas", "ou", "avec", "il", "elle", "sa", "son", "ses", "d", "l", "à",
    };

    /// <summary>"fr" when French function words outnumber English ones, else "en".</summary>
    public static string Guess(string? text)
    {
        if (string.IsNullOrEmpty(text)) return English;
        int en = 0, fr = 0;
        foreach (var word in Words().EnumerateMatches(text))
        {
            var w = text.AsSpan(word.Index, word.Length).ToString().ToLowerInvariant();
            if (EnglishWords.Contains(w)) en++;
            if (FrenchWords.Contains(w)) fr++;
        }
        return fr > en ? French : English;
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
