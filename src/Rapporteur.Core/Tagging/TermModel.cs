using System.Globalization;
using System.Text;

namespace Rapporteur.Core.Tagging;

/// <summary>A text and the terms people accepted on it: what the model learns from.</summary>
public sealed record LabelledText(string Text, IReadOnlyCollection<int> Terms);

/// <summary>A term that <see cref="Together"/> of the <see cref="Of"/> items tagged with another also carry.</summary>
public sealed record ImpliedTerm(int Term, int Together, int Of);

/// <summary>A term the model proposes for a text, its cosine score, and the words that made it.</summary>
public sealed record TermSuggestion(int Term, double Score, IReadOnlyList<string> Words);

/// <summary>
/// Term statistics learned from accepted tags: each term is the tf-idf centroid of the texts it was accepted on, and
/// a new text is proposed the terms whose centroid it is close to (cosine at or above the threshold). The words that
/// weigh most in both the text and the centroid are the reason a person reads ("words X, Y typical of Z").
/// Deterministic, no training loop: rebuilt from the accepted tags each time it is needed.
/// </summary>
public sealed class TermModel
{
    /// <summary>The cosine a text must reach; tuned on the demo data (see README, "Tags").</summary>
    public const double DefaultThreshold = 0.22;

    /// <summary>Fewer examples than this and a term is not learned: two sentences make no theme.</summary>
    public const int MinExamples = 3;

    /// <summary>The share of a term's items that must carry another term for the one to imply the other.</summary>
    public const double ImpliedShare = 0.7;

    private readonly Dictionary<string, double> idf;
    private readonly Dictionary<int, Dictionary<string, double>> centroids;
    private readonly Dictionary<int, List<ImpliedTerm>> implied;

    private TermModel(Dictionary<string, double> idf, Dictionary<int, Dictionary<string, double>> centroids, Dictionary<int, List<ImpliedTerm>> implied)
    {
        this.idf = idf;
        this.centroids = centroids;
        this.implied = implied;
    }

    public int LearnedTerms => centroids.Count;

    /// <summary>The terms that at least <see cref="ImpliedShare"/> of the items tagged <paramref name="term"/> also carry
    /// (the term having <see cref="MinExamples"/> items or more), most frequent first.</summary>
    public IReadOnlyList<ImpliedTerm> Implied(int term) => implied.TryGetValue(term, out var list) ? list : [];

    public static TermModel Learn(IReadOnlyCollection<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var docs = examples.Select(e => (Tokens: Tokenize(e.Text), e.Terms)).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs)
            foreach (var w in d.Tokens.Distinct(StringComparer.Ordinal)) df[w] = df.GetValueOrDefault(w) + 1;
        var n = Math.Max(1, docs.Count);
        var idf = df.ToDictionary(kv => kv.Key, kv => Math.Log((1.0 + n) / (1.0 + kv.Value)) + 1.0, StringComparer.Ordinal);
        var sums = new Dictionary<int, (Dictionary<string, double> Sum, int Count)>();
        foreach (var d in docs)
        {
            var v = Vector(d.Tokens, idf);
            foreach (var t in d.Terms.Distinct())
            {
                if (!sums.TryGetValue(t, out var s)) s = (new Dictionary<string, double>(StringComparer.Ordinal), 0);
                foreach (var (w, x) in v) s.Sum[w] = s.Sum.GetValueOrDefault(w) + x;
                sums[t] = (s.Sum, s.Count + 1);
            }
        }
        var centroids = sums.Where(kv => kv.Value.Count >= MinExamples).ToDictionary(kv => kv.Key, kv => Normalise(kv.Value.Sum));
        var together = new Dictionary<(int, int), int>();
        foreach (var terms in examples.Select(e => e.Terms.Distinct().ToList()))
            foreach (var a in terms)
                foreach (var b in terms.Where(b => b != a))
                    together[(a, b)] = together.GetValueOrDefault((a, b)) + 1;
        var implied = together.Where(kv => sums.TryGetValue(kv.Key.Item1, out var s) && s.Count >= MinExamples && kv.Value >= ImpliedShare * s.Count)
            .GroupBy(kv => kv.Key.Item1)
            .ToDictionary(g => g.Key, g => g.Select(kv => new ImpliedTerm(kv.Key.Item2, kv.Value, sums[g.Key].Count)).OrderByDescending(i => i.Together).ThenBy(i => i.Term).ToList());
        return new TermModel(idf, centroids, implied);
    }

    /// <summary>The terms proposed for a text, best first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<TermSuggestion> Suggest(string text, double threshold = DefaultThreshold, int max = 5)
    {
        var v = Vector(Tokenize(text), idf);
        if (v.Count == 0) return [];
        var result = new List<TermSuggestion>();
        foreach (var (term, c) in centroids)
        {
            var contributions = v.Where(kv => c.ContainsKey(kv.Key)).Select(kv => (Word: kv.Key, Weight: kv.Value * c[kv.Key])).ToList();
            var score = contributions.Sum(x => x.Weight);
            if (score < threshold) continue;
            result.Add(new TermSuggestion(term, score, contributions.OrderByDescending(x => x.Weight).ThenBy(x => x.Word, StringComparer.Ordinal).Take(3).Select(x => x.Word).ToList()));
        }
        return result.OrderByDescending(s => s.Score).ThenBy(s => s.Term).Take(max).ToList();
    }

    private static Dictionary<string, double> Vector(List<string> tokens, Dictionary<string, double> idf)
    {
        var tf = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in tokens)
            if (idf.ContainsKey(t)) tf[t] = tf.GetValueOrDefault(t) + 1;
        return Normalise(tf.ToDictionary(kv => kv.Key, kv => (1 + Math.Log(kv.Value)) * idf[kv.Key], StringComparer.Ordinal));
    }

    private static Dictionary<string, double> Normalise(Dictionary<string, double> v)
    {
        var norm = Math.Sqrt(v.Values.Sum(x => x * x));
        return norm == 0 ? v : v.ToDictionary(kv => kv.Key, kv => kv.Value / norm, StringComparer.Ordinal);
    }

    /// <summary>Lower-case words of three letters or more, accents kept, common English and French words and the
    /// procedure's boilerplate ("Committee", "Parties") dropped, a plural "s" folded.</summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormC) + " ")
        {
            if (char.IsLetter(ch)) { sb.Append(char.ToLower(ch, CultureInfo.InvariantCulture)); continue; }
            if (sb.Length >= 3)
            {
                var w = sb.ToString();
                if (w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) w = w[..^1];
                if (!StopWords.Contains(w)) words.Add(w);
            }
            sb.Clear();
        }
        return words;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "that", "with", "are", "who", "whom", "this", "these", "those", "their", "them", "they", "from", "into", "its",
        "has", "have", "been", "was", "were", "which", "such", "also", "all", "any", "each", "every", "other", "more", "than", "not", "can",
        "may", "must", "should", "shall", "will", "would", "being", "about", "both", "where", "when", "how", "what", "one", "two", "out",
        "les", "des", "une", "dans", "pour", "que", "qui", "sur", "par", "aux", "est", "sont", "leur", "leurs", "ces", "cette", "avec", "pas",
        "committee", "comité", "partie", "party", "parties", "require", "request", "invite", "requires", "requests", "invites",
        "ensure", "article", "articles", "convention", "lanzarote", "paragraph", "including", "order", "make", "sure",
    };
}
