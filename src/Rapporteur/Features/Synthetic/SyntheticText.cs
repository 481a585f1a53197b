using System.Text;

namespace Rapporteur.Features.Synthetic;

/// <summary>
/// Text for the synthetic data set, from a vocabulary of its own: pronounceable made-up words (no corpus sentence, no
/// English) drawn with Zipf's law, so a few words are very common and most are rare, as in real text. A handful of
/// fixed multi-word <see cref="Terms"/> — built from syllables with a "q", which no vocabulary word has, so the stemmer
/// never confuses them — are planted in a known share of paragraphs, for queries with a known answer.
/// </summary>
internal sealed class SyntheticText
{
    private static readonly string[] Onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "st", "tr", "pl", "sk"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "m", "t"];

    /// <summary>The planted phrases, most frequent first.</summary>
    public static IReadOnlyList<string> Terms { get; } =
        ["quarel vosqin", "taqum drela", "oqsar belimqa", "quven", "liqo maqtu sarn", "qindel", "faqor esquil", "moqra"];

    /// <summary>Of a thousand paragraphs, how many carry each term (term 0 the most).</summary>
    public static IReadOnlyList<int> TermsPerThousand { get; } = [40, 20, 10, 8, 5, 3, 2, 1];

    private readonly string[] words;
    private readonly double[] cumulative;
    private readonly Random random;

    public SyntheticText(int seed, int vocabulary = 20_000)
    {
        random = new Random(seed);
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var vocabularyRandom = new Random(seed ^ 0x5eed);
        while (unique.Count < vocabulary)
        {
            var sb = new StringBuilder();
            var syllables = 1 + vocabularyRandom.Next(3) + (unique.Count > 2000 ? 1 : 0);
            for (var s = 0; s < syllables; s++)
                sb.Append(Onsets[vocabularyRandom.Next(Onsets.Length)]).Append(Vowels[vocabularyRandom.Next(Vowels.Length)]).Append(Codas[vocabularyRandom.Next(Codas.Length)]);
            unique.Add(sb.ToString());
        }
        words = [.. unique];
        cumulative = new double[words.Length];
        var sum = 0.0;
        for (var k = 0; k < words.Length; k++) cumulative[k] = sum += 1.0 / (k + 1);
        for (var k = 0; k < words.Length; k++) cumulative[k] /= sum;
    }

    public int Next(int max) => random.Next(max);

    /// <summary>A word by Zipf's law (rank 1 about 10% of all words with 20,000 words).</summary>
    public string Word()
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return words[Math.Min(words.Length - 1, i < 0 ? ~i : i)];
    }

    /// <summary>A sentence of 6–20 words, capitalised, with a full stop.</summary>
    public void Sentence(StringBuilder text)
    {
        var n = 6 + random.Next(15);
        for (var i = 0; i < n; i++)
        {
            var w = Word();
            if (i == 0) text.Append(char.ToUpperInvariant(w[0])).Append(w, 1, w.Length - 1);
            else text.Append(' ').Append(w);
            if (i > 0 && i < n - 2 && random.Next(12) == 0) text.Append(',');
        }
        text.Append('.');
    }

    /// <summary>A paragraph of 2–5 sentences; <paramref name="term"/> (an index into <see cref="Terms"/>), when set, is
    /// planted in its first sentence.</summary>
    public string Paragraph(int? term = null)
    {
        var text = new StringBuilder(400);
        var sentences = 2 + random.Next(4);
        for (var s = 0; s < sentences; s++)
        {
            if (s > 0) text.Append(' ');
            Sentence(text);
            if (s == 0 && term is { } t)
            {
                text.Length--;
                text.Append(' ').Append(Terms[t]).Append('.');
            }
        }
        return text.ToString();
    }

    /// <summary>Which term (if any) the next paragraph carries, by <see cref="TermsPerThousand"/>.</summary>
    public int? PickTerm()
    {
        var roll = random.Next(1000);
        for (var t = 0; t < Terms.Count; t++)
        {
            if (roll < TermsPerThousand[t]) return t;
            roll -= TermsPerThousand[t];
        }
        return null;
    }

    /// <summary>A made-up name, capitalised ("Dravelon").</summary>
    public string Name()
    {
        string w;
        do w = words[200 + random.Next(words.Length - 200)];
        while (w.Length is < 3 or > 6);
        return char.ToUpperInvariant(w[0]) + w[1..] + Onsets[random.Next(Onsets.Length)][0] + "ia";
    }
}
