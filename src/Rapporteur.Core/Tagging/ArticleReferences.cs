using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Tagging;

/// <summary>One article of the body's convention named in a text: "20" or "20(2)", with the words that named it.</summary>
public sealed record ArticleReference(string Article, int? Paragraph, string Quote)
{
    /// <summary>The code a vocabulary uses: "20(2)" for a paragraph, "20" for the article.</summary>
    public string Code => Paragraph is { } p ? string.Create(CultureInfo.InvariantCulture, $"{Article}({p})") : Article;
}

/// <summary>
/// Finds article references in English and French text: "Article 20(2) Lanzarote Convention", "Articles 5 and 6",
/// "Articles 18 to 21", "Art. 30§2", "Art 23", "Article 20.2", "article 20, paragraphe 2" (or "alinéa 2"),
/// "paragraph 2 of Article 20", "paragraphs 1 and 2 of Article 20", "Article 5, paragraphs 2 and 3", "articles 5 et 6".
/// References to another instrument ("Article 3 of the UN Convention on the Rights of the Child", "Article 227-22 of
/// the French Criminal Code", "Article 25 of Directive 2011/93/EU") are left out: a wrong article suggestion costs a
/// person more than a missed one.
/// </summary>
public static partial class ArticleReferences
{
    private const int MaxRange = 30;

    public static IReadOnlyList<ArticleReference> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<ArticleReference>();
        var spans = new List<(int Start, int End)>();
        // "paragraph(s) 2 (and 3) of Article 20" and "Article 5, paragraphs 2 and 3": every paragraph named is a reference.
        foreach (var regex in new[] { ParagraphOf(), ParagraphsOfArticle() })
        {
            foreach (Match m in regex.Matches(text))
            {
                if (OtherInstrument(text, m.Index + m.Length)) continue;
                spans.Add((m.Index, m.Index + m.Length));
                foreach (Capture paragraph in m.Groups["par"].Captures)
                    found.Add(new ArticleReference(m.Groups["art"].Value, int.Parse(paragraph.Value, CultureInfo.InvariantCulture), m.Value.Trim()));
            }
        }
        foreach (Match m in Head().Matches(text))
        {
            // "paragraph 2 of Article 20" was read whole above; its "Article 20" is not a second reference.
            if (spans.Any(s => m.Index >= s.Start && m.Index < s.End)) continue;
            if (OtherInstrument(text, m.Index + m.Length) || OtherInstrumentBefore().IsMatch(text.AsSpan(0, m.Index))) continue;
            var quote = m.Value.Trim();
            var items = m.Groups["item"].Captures;
            var separators = m.Groups["sep"].Captures;
            for (var i = 0; i < items.Count; i++)
            {
                var (article, paragraph) = Item(items[i].Value);
                // "article 227-22" is one article of a national code, not a range: neither number is the Convention's.
                if (i + 1 < items.Count && IsCodeNumber(items[i].Value, separators[i].Value, items[i + 1].Value))
                {
                    i++;
                    continue;
                }
                var isRangeEnd = i > 0 && IsRange(separators[i - 1].Value);
                if (isRangeEnd && int.TryParse(Item(items[i - 1].Value).Article, CultureInfo.InvariantCulture, out var from)
                    && int.TryParse(article, CultureInfo.InvariantCulture, out var to) && to > from && to - from <= MaxRange)
                {
                    for (var a = from + 1; a < to; a++) found.Add(new ArticleReference(a.ToString(CultureInfo.InvariantCulture), null, quote));
                }
                found.Add(new ArticleReference(article, paragraph, quote));
            }
        }
        return found.DistinctBy(r => r.Code).ToList();
    }

    private static bool IsCodeNumber(string item, string separator, string next) =>
        separator is "-" or "–" && int.TryParse(item, CultureInfo.InvariantCulture, out var from) && int.TryParse(next, CultureInfo.InvariantCulture, out var to) && to <= from;

    private static bool IsRange(string separator) => separator.Trim() is "to" or "through" or "à" or "-" or "–" or "au";

    private static (string Article, int? Paragraph) Item(string item)
    {
        var m = ItemParts().Match(item);
        return (m.Groups["art"].Value, m.Groups["par"].Success ? int.Parse(m.Groups["par"].Value, CultureInfo.InvariantCulture) : null);
    }

    private static bool OtherInstrument(string text, int end)
    {
        var tail = text.AsSpan(end, Math.Min(90, text.Length - end)).ToString();
        return OtherInstrumentAfter().IsMatch(tail);
    }

    private const string ItemPattern = @"\d{1,3}(?:\s*\(\s*\d{1,2}\s*\)(?:\s*\([a-z]\))?|\s*§\s*\d{1,2}|\.\d{1,2}(?![\d.])|\s*,\s*(?:paragraph|paragraphe|alinéa|para\.?|§)\s*\d{1,2}(?![\d.])|\s+(?:paragraph|paragraphe|alinéa|para\.?)\s*\d{1,2}(?![\d.]))?";

    [GeneratedRegex(@"\b(?:articles?|arts?\.?)\s*(?<item>" + ItemPattern + @")(?:(?<sep>\s*,\s*|\s+(?:and|et|or|ou|to|through|à|au)\s+|\s*[-–]\s*)(?:(?:l['’]\s*)?(?:articles?|arts?\.?)\s*)?(?<item>" + ItemPattern + "))*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Head();

    [GeneratedRegex(@"^(?<art>\d{1,3})(?:\D+(?<par>\d{1,2}))?", RegexOptions.CultureInvariant)]
    private static partial Regex ItemParts();

    [GeneratedRegex(@"\b(?:paragraphs?|paragraphes?|alinéas?|paras?\.?)\s*(?<par>\d{1,2})(?:(?:\s*,\s*|\s+(?:and|et)\s+)(?<par>\d{1,2}))*\s+(?:of|de)\s+(?:l['’]\s*)?(?:article|art\.?)\s*(?<art>\d{1,3})\b(?!\s*(?:\(|§|\.\d))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParagraphOf();

    [GeneratedRegex(@"\b(?:article|art\.?)\s*(?<art>\d{1,3})\s*,?\s*(?:paragraphs|paragraphes|alinéas|paras\.?|§§)\s*(?<par>\d{1,2})(?:(?:\s*,\s*|\s+(?:and|et)\s+)(?<par>\d{1,2}))+\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParagraphsOfArticle();

    // "the Convention on the Rights of the Child, Article 3 of which": the instrument named just before.
    [GeneratedRegex(@"(?:Rights of the Child|CRC|ECHR|Human Rights|droits de l['’]enfant|droits de l['’]homme|CEDH|CDE|\bCode|Protocol|Protocole|\bConstitution|\bDirective)\s*[,(]?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex OtherInstrumentBefore();

    // "of the UN Convention on the Rights of the Child", "CRC", "ECHR", "de la Convention européenne des droits de l'homme", "of the Optional Protocol".
    [GeneratedRegex(@"^\s*(?:(?:of|de|du)\s+(?:the\s+|la\s+|l['’]\s*)?)?(?:UN\b|United Nations|Nations Unies|European Convention|Convention européenne|Istanbul|CRC\b|CDE\b|ECHR\b|CEDH\b|OPSC\b|Optional Protocol|Protocole facultatif|Convention on the Rights|Convention relative aux droits|Charter|Charte|Criminal Code|Code pénal|Penal Code|of (?:its|their|the) (?:Criminal|Penal)|du (?:Code|code)"
        // Other Council of Europe and EU instruments, national constitutions, codes and laws ("of the French Criminal Code",
        // "of the Child Protection Act", "de la loi du 5 mars 2007"): capitalised words, then what the instrument is.
        + @"|Budapest|Convention on Cybercrime|Convention sur la cybercriminalité|(?:Council of Europe\s+)?Convention on (?:Action|Preventing)|Convention sur la lutte|Directive|Regulation|règlement|Constitution|loi\b"
        // Case matters here: "of the Convention and the Act" is not "of the Child Protection Act".
        + @"|(?:its|their|the)\s+(?-i:(?:\p{Lu}[\w'’-]*\s+){0,4}(?:Code|Act|Law|Constitution|Directive|Regulation))\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherInstrumentAfter();
}
