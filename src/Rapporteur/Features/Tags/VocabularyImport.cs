using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Tags;

/// <summary>What a vocabulary import did, or the first bad row ("file:line: what").</summary>
internal sealed record VocabularyImportResult(bool Success, int Added, int Updated, string? Error = null);

/// <summary>
/// Loads a vocabulary from CSV (header <c>code,label</c>, then optionally <c>parent</c> and a label in each other
/// language of the interface, <c>label_fr</c>) into a body's vocabulary, creating it if needed. Every row is checked
/// before anything is written; then terms are added or their labels updated in one transaction, and each term's label in
/// another language is stored as its translation (made from the English label: when a later file changes the English
/// and not the French, the French is outdated and the English shows until it is updated).
/// Terms missing from the file are kept: tags may point at them.
/// </summary>
internal static class VocabularyImport
{
    private sealed record Row(int Line, string Code, string Label, string? Parent, IReadOnlyDictionary<string, string> Labels);

    /// <summary>The translation kind of a term's label (its id is the term's).</summary>
    public const string TermKind = "term";

    private const string Expected = "code,label[,parent][,label_fr]";

    public static async Task<VocabularyImportResult> ImportAsync(RapporteurDbContext db, string body, string key, string? name, TextReader csv, string fileName,
        CancellationToken ct, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owner = await db.Bodies.SingleOrDefaultAsync(b => b.ShortName == body, ct);
        if (owner is null) return Fail($"no treaty body '{body}' in this database (import its documents or load the demo first)");
        if (!ValidKey(key)) return Fail($"vocabulary key '{key}' must be lower-case letters, digits and dashes");

        var rows = new List<Row>();
        try
        {
            using var reader = CsvReader.Create(csv, CsvReaderOptions.Default with { TrackLineNumbers = true, TrimWhitespace = true }, leaveOpen: true);
            var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (headers.Count == 0 || headers.All(h => h.Length == 0)) return Fail($"{fileName}: empty file; expected a header line '{Expected}'");
            if (headers.Count < 2 || headers[0] != "code" || headers[1] != "label")
                return Fail($"{fileName}:1: header must start with 'code,label' ({Expected}), not '{string.Join(',', reader.Headers)}'");
            var others = Languages.Languages.Supported.Where(l => l != Languages.Languages.English).Select(l => "label_" + l).ToList();
            if (headers.Skip(2).FirstOrDefault(h => h != "parent" && !others.Contains(h)) is { } unknown)
                return Fail($"{fileName}:1: unknown column '{unknown}'; the columns are code, label, parent and {string.Join(", ", others)}");
            if (headers.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                return Fail($"{fileName}:1: column '{twice.Key}' appears twice");
            var parentColumn = headers.IndexOf("parent");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var line = (int)reader.LineNumber;
                var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim()).ToArray();
                if (fields.All(f => f.Length == 0)) continue;
                if (fields.Length > headers.Count) return Fail($"{fileName}:{line}: {fields.Length} columns; the header has {headers.Count} (quote labels that contain commas)");
                var code = fields[0];
                var label = fields.Length > 1 ? fields[1] : "";
                var parent = parentColumn >= 0 && fields.Length > parentColumn && fields[parentColumn].Length > 0 ? fields[parentColumn] : null;
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var c = 2; c < fields.Length; c++)
                    if (headers[c].StartsWith("label_", StringComparison.Ordinal) && fields[c].Length > 0)
                    {
                        if (fields[c].Length > 300) return Fail($"{fileName}:{line}: the {headers[c]} of '{code}' is longer than 300 characters");
                        labels[headers[c]["label_".Length..]] = fields[c].Normalize();
                    }
                if (code.Length == 0) return Fail($"{fileName}:{line}: the code is empty");
                if (code.Length > 60) return Fail($"{fileName}:{line}: code '{code[..20]}…' is longer than 60 characters");
                if (label.Length == 0) return Fail($"{fileName}:{line}: term '{code}' has no label");
                if (label.Length > 300) return Fail($"{fileName}:{line}: the label of '{code}' is longer than 300 characters");
                if (!seen.Add(code)) return Fail($"{fileName}:{line}: code '{code}' appears twice");
                if (parent == code) return Fail($"{fileName}:{line}: term '{code}' is its own parent");
                rows.Add(new Row(line, code, label.Normalize(), parent, labels));
            }
        }
        catch (CsvFormatException e)
        {
            return Fail($"{fileName}:{e.LineNumber}: not valid CSV ({e.Message.ReplaceLineEndings(" ")})");
        }
        if (rows.Count == 0) return Fail($"{fileName}: no terms after the header");

        var vocabulary = await db.Vocabularies.Include(v => v.Terms).SingleOrDefaultAsync(v => v.BodyId == owner.Id && v.Key == key, ct);
        var known = new HashSet<string>(rows.Select(r => r.Code).Concat(vocabulary?.Terms.Select(t => t.Code) ?? []), StringComparer.Ordinal);
        if (rows.FirstOrDefault(r => r.Parent is { } p && !known.Contains(p)) is { } orphan)
            return Fail($"{fileName}:{orphan.Line}: parent '{orphan.Parent}' of '{orphan.Code}' is neither in the file nor in the vocabulary");

        // Its own transaction, unless the caller's (the demo, the sample) already holds one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (vocabulary is null)
        {
            vocabulary = new Vocabulary { BodyId = owner.Id, Key = key, Name = name is { Length: > 0 } ? name : key };
            db.Vocabularies.Add(vocabulary);
        }
        else if (name is { Length: > 0 }) vocabulary.Name = name;
        var terms = vocabulary.Terms.ToDictionary(t => t.Code, StringComparer.Ordinal);
        int added = 0, updated = 0;
        foreach (var row in rows)
        {
            if (terms.TryGetValue(row.Code, out var term))
            {
                if (term.Label != row.Label) { term.Label = row.Label; updated++; }
                continue;
            }
            term = new Term { Vocabulary = vocabulary, Code = row.Code, Label = row.Label };
            vocabulary.Terms.Add(term);
            terms[row.Code] = term;
            added++;
        }
        await db.SaveChangesAsync(ct);
        foreach (var row in rows)
        {
            var parent = row.Parent is { } p ? terms[p] : null;
            if (terms[row.Code].ParentId != parent?.Id) terms[row.Code].Parent = parent;
        }
        if (HasCycle(terms.Values)) return Fail($"{fileName}: the parents form a cycle");
        await SaveLabelsAsync(db, rows, terms, fileName, (clock ?? TimeProvider.System).GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return new VocabularyImportResult(true, added, updated);
    }

    /// <summary>Each row's labels in other languages as translations of its English label: added, or replaced (a new
    /// version) when the file's French or the English it was made from changed.</summary>
    private static async Task SaveLabelsAsync(RapporteurDbContext db, List<Row> rows, Dictionary<string, Term> terms, string fileName, DateTimeOffset now,
        CancellationToken ct)
    {
        var withLabels = rows.Where(r => r.Labels.Count > 0).ToList();
        if (withLabels.Count == 0) return;
        var ids = withLabels.Select(r => terms[r.Code].Id).ToList();
        var stored = (await db.Translations.Where(t => t.TargetKind == TermKind && ids.Contains(t.TargetId)).ToListAsync(ct))
            .ToDictionary(t => (t.TargetId, t.Language));
        foreach (var row in withLabels)
            foreach (var (language, text) in row.Labels)
            {
                var id = terms[row.Code].Id;
                var hash = Translations.TranslationStore.Hash(row.Label);
                if (stored.TryGetValue((id, language), out var t))
                {
                    if (t.Text == text && t.SourceHash == hash) continue;
                    (t.Text, t.SourceText, t.SourceHash, t.TranslatorId, t.TranslatorName, t.TranslatedAt) = (text, row.Label, hash, null, "import of " + fileName, now);
                    t.Version++;
                }
                else
                    db.Translations.Add(new Translation
                    {
                        TargetKind = TermKind, TargetId = id, Language = language, Text = text, SourceText = row.Label, SourceHash = hash,
                        Version = 1, TranslatorName = "import of " + fileName, TranslatedAt = now,
                    });
            }
    }

    private static bool HasCycle(IEnumerable<Term> terms)
    {
        foreach (var t in terms)
        {
            var steps = 0;
            for (var p = t.Parent; p is not null; p = p.Parent)
                if (++steps > 50 || p == t) return true;
        }
        return false;
    }

    private static bool ValidKey(string key) => key.Length is > 0 and <= 60 && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static VocabularyImportResult Fail(string error) => new(false, 0, 0, error);

    /// <summary>The vocabularies shipped with Rapporteur (Features/Tags/Vocabularies/*.csv), as (key, name, CSV text).</summary>
    public static IReadOnlyList<(string Key, string Name, string Csv)> Shipped { get; } =
    [
        ("lanzarote-articles", "Articles of the Lanzarote Convention", Resource("lanzarote-articles.csv")),
        ("themes", "Themes", Resource("themes.csv")),
        ("sdg", "Sustainable Development Goal targets", Resource("sdg.csv")),
    ];

    private static string Resource(string file)
    {
        using var stream = typeof(VocabularyImport).Assembly.GetManifestResourceStream("Rapporteur.Features.Tags.Vocabularies." + file)
            ?? throw new InvalidOperationException($"vocabulary {file} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
