using System.Globalization;
using System.Resources;

namespace Rapporteur.Features.Languages;

/// <summary>Messages that services build with names and numbers ("Recommendation {0} added.", "Round {0} is closed.")
/// — flash messages, form errors, ProblemDetails titles and details — in the reader's language. The English format is
/// the key of <c>ui.fr.tsv</c>, as for the pages' own texts; the values fill its placeholders.</summary>
/// <remarks>Only a web request speaks French: <see cref="Languages.UseRapporteurLanguages"/> marks the request, so the
/// same services called by the CLI, a background job or a test without a request keep their English, whatever the
/// machine's culture.</remarks>
public static class Say
{
    private static readonly ResourceManager Resources = new(typeof(Ui).FullName!, typeof(Ui).Assembly);
    private static readonly AsyncLocal<bool> InRequest = new();

    /// <summary>Marks the current request (and what it awaits) as one that speaks the reader's language.</summary>
    internal static void SpeakTheReadersLanguage() => InRequest.Value = true;

    /// <summary>A fixed text in the reader's language, or the English when there is no translation.</summary>
    public static string Text(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        return Lookup(english) ?? english;
    }

    /// <summary>A fixed text in a given request's language (for code that runs outside the request's culture, like the
    /// status code pages on the way out).</summary>
    public static string TextIn(string english, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(culture);
        if (Languages.Normalise(culture.TwoLetterISOLanguageName) is null or Languages.English) return english;
        var found = Resources.GetString(english, culture);
        return string.IsNullOrEmpty(found) ? english : found;
    }

    /// <summary>A format ("Question {0} saved.") in the reader's language, filled with <paramref name="values"/>;
    /// numbers are written as the reader's language writes them.</summary>
    public static string Format(string english, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(english);
        return Lookup(english) is { } translated
            ? string.Format(CultureInfo.CurrentCulture, translated, values)
            : string.Format(CultureInfo.InvariantCulture, english, values);
    }

    private static string? Lookup(string english)
    {
        if (!InRequest.Value || Languages.Current == Languages.English) return null;
        var found = Resources.GetString(english, CultureInfo.CurrentUICulture);
        return string.IsNullOrEmpty(found) ? null : found;
    }
}
