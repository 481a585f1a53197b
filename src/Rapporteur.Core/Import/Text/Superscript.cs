using System.Buffers;
using System.Text;

namespace Rapporteur.Core.Import.Text;

/// <summary>Unicode superscript digits, as footnote markers are written ("¹⁰").</summary>
public static class Superscript
{
    private const string Digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>The ten digits, for vectorised searches.</summary>
    public static SearchValues<char> DigitValues { get; } = SearchValues.Create(Digits);

    public static bool IsDigit(char c) => ValueOf(c) >= 0;

    /// <summary>The digit's value, or -1. ¹ ² ³ are Latin-1 characters; ⁰ and ⁴ to ⁹ sit in U+2070–U+2079.</summary>
    public static int ValueOf(char c) => c switch
    {
        '¹' => 1,
        '²' => 2,
        '³' => 3,
        '⁰' => 0,
        >= '⁴' and <= '⁹' => c - '⁰',
        _ => -1,
    };

    public static string FromNumber(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        var sb = new StringBuilder();
        foreach (var c in number.ToString(System.Globalization.CultureInfo.InvariantCulture)) sb.Append(Digits[c - '0']);
        return sb.ToString();
    }

    /// <summary>Parses a run of superscript digits; -1 when the text is not one.</summary>
    public static int Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 6) return -1;
        var n = 0;
        foreach (var c in text)
        {
            var v = ValueOf(c);
            if (v < 0) return -1;
            n = n * 10 + v;
        }
        return n;
    }
}
