using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Rapporteur.Data.Search;

/// <summary>
/// SQLite: the words of the index (<c>SearchWords</c>, folded as FTS5's <c>unicode61 remove_diacritics 2</c> folds
/// them), so that a prefix query expands into the words it stands for. FTS5 answers <c>quar*</c> by merging the
/// doclists of every indexed term that starts so into one list, in full, for every statement that mentions it — 3 ms
/// a statement at a million paragraphs, whatever the page asked for; <c>("quarrel" OR "quarry")</c> is read lazily,
/// newest first, and stops with the page. The expansion is by words as written, which is also what the person typed
/// a prefix of (FTS5's own prefixes are of stems: <c>happiness*</c> finds nothing there, since the stem is
/// <c>happi</c>). Words are added in the transaction that indexes their document and never removed (a word no document
/// holds any more expands to nothing); the list counts as complete once a full rebuild wrote it (the <c>words</c> row
/// of <c>SearchState</c>) — until then, and for a prefix of more than <see cref="MaxExpansion"/> words, FTS5's prefix
/// query is used as it is.
/// </summary>
internal static class SearchWords
{
    /// <summary>A prefix standing for more words than this is left to FTS5.</summary>
    public const int MaxExpansion = 48;

    /// <summary>Adds the words of these texts (in the caller's transaction).</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string> texts, CancellationToken ct)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts) Collect(text, words);
        await WriteAsync(connection, transaction, words, ct);
    }

    public static async Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> words, CancellationToken ct)
    {
        if (words.Count == 0) return;
        await using var insert = SearchIndexer.Command(connection, transaction, "INSERT OR IGNORE INTO \"SearchWords\" (\"Word\") SELECT value FROM json_each(@words)");
        var json = new StringBuilder("[");
        foreach (var chunk in words.Chunk(20_000))
        {
            json.Clear().Append('[').AppendJoin(',', chunk.Select(w => "\"" + w + "\"")).Append(']');
            insert.Parameters.Clear();
            SearchIndexer.Add(insert, "words", json.ToString());
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The words of a text as FTS5's unicode61 tokenizer cuts them (letters and digits; marks belong to the
    /// word and are dropped), lower case, without diacritics. Only letters and digits: safe inside a JSON or FTS5 string.</summary>
    public static void Collect(string text, HashSet<string> words)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsLetterOrDigit(c) && !char.IsSurrogate(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
        if (word.Length > 0) words.Add(word.ToString());
    }

    /// <summary>The folded form of a prefix as typed (the same folding as the words).</summary>
    public static string Fold(string prefix)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        Collect(prefix, words);
        return words.Count == 1 ? words.First() : prefix.ToLowerInvariant();
    }

    /// <summary>For each single-word prefix term of the query, the words it stands for (when the list is complete and
    /// they are at most <see cref="MaxExpansion"/>); terms absent from the result stay FTS5 prefix queries.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<string>>> ExpandAsync(DbConnection connection, DbTransaction? transaction, SearchQuery query, CancellationToken ct)
    {
        var expansions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var prefixes = query.Required.SelectMany(g => g).Concat(query.Excluded).Where(t => t.Prefix && t.Words.Count == 1).Select(t => t.Words[0]).Distinct().ToList();
        if (prefixes.Count == 0) return expansions;
        await using (var complete = SearchIndexer.Command(connection, transaction, "SELECT 1 FROM \"SearchState\" WHERE \"Key\" = 'words'"))
        {
            if (await complete.ExecuteScalarAsync(ct) is null) return expansions;
        }
        await using var find = SearchIndexer.Command(connection, transaction,
            "SELECT \"Word\" FROM \"SearchWords\" WHERE \"Word\" >= @from AND \"Word\" < @to ORDER BY \"Word\" LIMIT @limit");
        foreach (var prefix in prefixes)
        {
            var folded = Fold(prefix);
            find.Parameters.Clear();
            SearchIndexer.Add(find, "from", folded);
            SearchIndexer.Add(find, "to", folded + char.MaxValue);
            SearchIndexer.Add(find, "limit", MaxExpansion + 1);
            var words = new List<string>();
            await using (var reader = await find.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) words.Add(reader.GetString(0));
            if (words.Count is > 0 and <= MaxExpansion) expansions[prefix] = words;
        }
        return expansions;
    }
}
