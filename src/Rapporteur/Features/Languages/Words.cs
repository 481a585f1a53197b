using System.Text;
using Microsoft.Extensions.Localization;

namespace Rapporteur.Features.Languages;

/// <summary>Words the pages print from values rather than from their own text — an enum's name ("NotStarted"), an
/// action in a history table ("reassess"), a chart's bar ("partially implemented") — in the reader's language. Each
/// falls back to the English word, so a value without French still reads.</summary>
public static class Words
{
    /// <summary>"NotStarted" → "not started" → its French, through <see cref="Languages.Term"/>.</summary>
    public static string Word(this IStringLocalizer localizer, Enum value)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(value);
        return localizer.Term(Spaced(value.ToString()));
    }

    /// <summary>A status word that qualifies a known noun ("published" of a factsheet, of a report), in the form that
    /// agrees with it: the reader's language gives the noun's gender ("gender: factsheet" → "f") and the word's form for it
    /// ("published|f" → "publiée", "published|m" → "publié"; plural "fp", "mp"). English has neither key and reads
    /// <see cref="Languages.Term"/>, as does a word without a form for that gender.</summary>
    public static string Status(this IStringLocalizer localizer, string word, string noun, bool plural = false)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(noun);
        var gender = localizer["gender: " + noun];
        if (!gender.ResourceNotFound)
        {
            var form = localizer[string.Concat(word, "|", gender.Value, plural ? "p" : "")];
            if (!form.ResourceNotFound) return form.Value;
        }
        return localizer.Term(word);
    }

    /// <summary><see cref="Status(IStringLocalizer, string, string, bool)"/> for an enum's value ("Published" of a report
    /// → "publié").</summary>
    public static string Status(this IStringLocalizer localizer, Enum value, string noun, bool plural = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        return localizer.Status(Spaced(value.ToString()), noun, plural);
    }

    /// <summary>A version's action ("save", "reassess", "translate"): its French from the "action: …" keys.</summary>
    public static string Action(this IStringLocalizer localizer, string action)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(action);
        var found = localizer["action: " + action];
        return found.ResourceNotFound ? action : found.Value;
    }

    /// <summary>A label that may be a term with spaces or with hyphens ("partially implemented" is the term
    /// "partially-implemented"); the label itself when neither has a translation.</summary>
    public static string Label(this IStringLocalizer localizer, string label)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(label);
        var hyphened = label.Replace(' ', '-');
        return Has(localizer, label) ? localizer.Term(label) : Has(localizer, hyphened) ? localizer.Term(hyphened) : label;
    }

    private static bool Has(IStringLocalizer localizer, string key) =>
        !localizer[key].ResourceNotFound
        || (key.Length > 0 && char.IsLower(key[0]) && !localizer[string.Concat(char.ToUpperInvariant(key[0]).ToString(), key.AsSpan(1))].ResourceNotFound);

    private static string Spaced(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
