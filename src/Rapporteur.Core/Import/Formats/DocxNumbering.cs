using System.Globalization;
using System.Text;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Rapporteur.Core.Import.Formats;

/// <summary>
/// Computes the list markers a reader sees ("- ", "3. ", "(b) ", "IV. ") from the numbering part, keeping one
/// counter per numId and level, in document order.
/// </summary>
internal sealed class DocxNumbering
{
    private const int Levels = 9;

    private sealed record Level(string Format, string? Text, int Start, string? StyleId, bool Legal);

    private readonly Dictionary<int, W.AbstractNum> _abstracts = [];
    private readonly Dictionary<int, W.NumberingInstance> _instances = [];
    private readonly Dictionary<int, Level?[]?> _levels = [];
    private readonly Dictionary<int, int?[]> _counters = [];
    private readonly DocxStyles _styles;

    public DocxNumbering(W.Numbering? numbering, DocxStyles styles)
    {
        _styles = styles;
        if (numbering is null) return;
        foreach (var a in numbering.Elements<W.AbstractNum>())
            if (DocxWalker.Int(a.AbstractNumberId) is { } id) _abstracts.TryAdd(id, a);
        foreach (var n in numbering.Elements<W.NumberingInstance>())
            if (DocxWalker.Int(n.NumberID) is { } id) _instances.TryAdd(id, n);
    }

    /// <summary>The level a numbering style's paragraph style maps to (w:lvl/w:pStyle), when the paragraph gave none.</summary>
    public int LevelForStyle(int numId, string? styleId)
    {
        if (styleId is null || LevelsOf(numId) is not { } levels) return 0;
        for (var i = 0; i < Levels; i++)
            if (levels[i] is { } l && string.Equals(l.StyleId, styleId, StringComparison.Ordinal)) return i;
        return 0;
    }

    /// <summary>Advances the counter and returns the marker with its trailing space ("" when the level shows nothing),
    /// or null when the numId is not defined.</summary>
    public string? Next(int numId, int level)
    {
        if (LevelsOf(numId) is not { } levels) return null;
        level = Math.Clamp(level, 0, Levels - 1);
        if (!_counters.TryGetValue(numId, out var counters)) _counters[numId] = counters = new int?[Levels];
        var lvl = levels[level] ?? new Level("decimal", null, 1, null, false);
        counters[level] = counters[level] is { } v ? v + 1 : lvl.Start;
        for (var i = level + 1; i < Levels; i++) counters[i] = null;
        if (string.Equals(lvl.Format, "bullet", StringComparison.Ordinal)) return "- ";

        var pattern = lvl.Text ?? "%" + (level + 1).ToString(CultureInfo.InvariantCulture) + ".";
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '%' && i + 1 < pattern.Length && pattern[i + 1] is >= '1' and <= '9')
            {
                var k = pattern[i + 1] - '1';
                var kLevel = levels[k] ?? lvl;
                var value = counters[k] ?? kLevel.Start;
                sb.Append(Format(value, lvl.Legal ? "decimal" : kLevel.Format));
                i++;
            }
            else sb.Append(pattern[i]);
        }
        var marker = sb.ToString().Trim();
        return marker.Length == 0 ? "" : marker + " ";
    }

    private Level?[]? LevelsOf(int numId)
    {
        if (_levels.TryGetValue(numId, out var cached)) return cached;
        Level?[]? levels = null;
        if (_instances.TryGetValue(numId, out var instance) && AbstractOf(instance) is { } abs)
        {
            levels = new Level?[Levels];
            foreach (var l in abs.Elements<W.Level>())
                if (DocxWalker.Int(l.LevelIndex) is { } i and >= 0 and < Levels) levels[i] = LevelOf(l);
            foreach (var o in instance.Elements<W.LevelOverride>())
            {
                if (DocxWalker.Int(o.LevelIndex) is not { } i || i is < 0 or >= Levels) continue;
                if (o.Level is { } replaced) levels[i] = LevelOf(replaced);
                if (DocxWalker.Int(o.StartOverrideNumberingValue?.Val) is { } start)
                    levels[i] = (levels[i] ?? new Level("decimal", null, start, null, false)) with { Start = start };
            }
        }
        _levels[numId] = levels;
        return levels;
    }

    private W.AbstractNum? AbstractOf(W.NumberingInstance instance)
    {
        if (DocxWalker.Int(instance.AbstractNumId?.Val) is not { } id || !_abstracts.TryGetValue(id, out var abs)) return null;
        // A list that only links to a numbering style (w:numStyleLink) takes its levels from that style's list.
        for (var hops = 0; hops < 4 && abs.NumberingStyleLink?.Val?.Value is { } link && !abs.Elements<W.Level>().Any(); hops++)
        {
            if (_styles.NumIdOfStyle(link) is not { } linkedNum || !_instances.TryGetValue(linkedNum, out var linked)
                || DocxWalker.Int(linked.AbstractNumId?.Val) is not { } linkedAbs || !_abstracts.TryGetValue(linkedAbs, out var next))
                break;
            abs = next;
        }
        return abs;
    }

    private static Level LevelOf(W.Level level) => new(
        DocxShades.Text(level.NumberingFormat?.Val) ?? "decimal",
        level.LevelText?.Val?.Value,
        // ECMA-376 §17.9.26: an omitted w:start means 0.
        DocxWalker.Int(level.StartNumberingValue?.Val) ?? 0,
        level.ParagraphStyleIdInLevel?.Val?.Value,
        level.IsLegalNumberingStyle is { } legal && DocxWalker.IsOn(legal.Val));

    internal static string Format(int value, string format) => format switch
    {
        "none" => "",
        "decimalZero" when value is >= 0 and < 10 => "0" + value.ToString(CultureInfo.InvariantCulture),
        "lowerLetter" when value is > 0 and <= 26 * 30 => Letters(value, 'a'),
        "upperLetter" when value is > 0 and <= 26 * 30 => Letters(value, 'A'),
        "lowerRoman" when value is > 0 and < 4000 => Roman(value).ToLowerInvariant(),
        "upperRoman" when value is > 0 and < 4000 => Roman(value),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    // Word's letters: a..z, then aa..zz, then aaa..
    private static string Letters(int value, char first) => new((char)(first + (value - 1) % 26), (value - 1) / 26 + 1);

    private static string Roman(int value)
    {
        ReadOnlySpan<int> values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
        string[] symbols = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"];
        var sb = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
            while (value >= values[i])
            {
                sb.Append(symbols[i]);
                value -= values[i];
            }
        return sb.ToString();
    }
}
