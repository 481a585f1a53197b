namespace Rapporteur.Core.Tagging;

/// <summary>An item people tagged: its text and the terms they accepted (the gold standard).</summary>
public sealed record GoldItem(string Key, string Text, IReadOnlyCollection<int> Accepted);

/// <summary>Precision and recall of one source on one vocabulary over the held-out items.</summary>
public sealed record SourceScore(string Source, string Vocabulary, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalseNegatives);
}

public sealed record EvaluationReport(int Training, int HeldOut, double Threshold, IReadOnlyList<SourceScore> Scores);

/// <summary>
/// Measures the suggestions against what people accepted: items are ordered by key and every
/// <c>holdOutEvery</c>-th is held out; the model learns from the others' accepted tags and proposes tags for the held-out
/// ones. The article parser needs no training and is scored on its own vocabulary only (it proposes nothing else).
/// </summary>
public static class TagEvaluation
{
    public static EvaluationReport Run(IReadOnlyList<GoldItem> items, IReadOnlyCollection<TermInfo> terms, int holdOutEvery = 4, double threshold = TermModel.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(terms);
        var ordered = items.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        var test = ordered.Where((_, i) => i % holdOutEvery == holdOutEvery - 1).ToList();
        var train = ordered.Where((_, i) => i % holdOutEvery != holdOutEvery - 1).ToList();
        var model = TermModel.Learn(train.Select(i => new LabelledText(i.Text, i.Accepted)).ToList());
        var suggester = new Suggester(terms, model, threshold);
        var byId = terms.ToDictionary(t => t.Id);
        var vocabularies = terms.Select(t => t.Vocabulary).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var counts = new Dictionary<(string Source, string Vocabulary), (int Tp, int Fp, int Fn)>();
        foreach (var item in test)
        {
            var gold = item.Accepted.Where(byId.ContainsKey).ToHashSet();
            Count(Suggester.ArticleSource, suggester.FromArticles(item.Text).Select(p => p.Term).ToHashSet(), gold.Where(t => byId[t].IsArticles).ToHashSet());
            Count(Suggester.LearnedSource, suggester.FromModel(item.Text).Select(p => p.Term).ToHashSet(), gold);
            Count("both", suggester.Propose(item.Text, new HashSet<int>()).Select(p => p.Term).ToHashSet(), gold);
        }
        void Count(string source, HashSet<int> proposed, HashSet<int> gold)
        {
            foreach (var vocabulary in vocabularies)
            {
                if (source == Suggester.ArticleSource && !terms.Any(t => t.IsArticles && t.Vocabulary == vocabulary)) continue;
                var p = proposed.Where(t => byId[t].Vocabulary == vocabulary).ToHashSet();
                var g = gold.Where(t => byId[t].Vocabulary == vocabulary).ToHashSet();
                var c = counts.GetValueOrDefault((source, vocabulary));
                counts[(source, vocabulary)] = (c.Tp + p.Count(g.Contains), c.Fp + p.Count(t => !g.Contains(t)), c.Fn + g.Count(t => !p.Contains(t)));
            }
        }
        var scores = counts.Select(kv => new SourceScore(kv.Key.Source, kv.Key.Vocabulary, kv.Value.Tp, kv.Value.Fp, kv.Value.Fn))
            .OrderBy(s => s.Source == Suggester.ArticleSource ? 0 : s.Source == Suggester.LearnedSource ? 1 : 2).ThenBy(s => s.Vocabulary, StringComparer.Ordinal).ToList();
        return new EvaluationReport(train.Count, test.Count, threshold, scores);
    }
}
