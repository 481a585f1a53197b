namespace Rapporteur.Core.Model;

/// <summary>Roman numerals for chapter numbers (I–CC).</summary>
public static class Roman
{
    private static readonly (char C, int V)[] Values = [('I', 1), ('V', 5), ('X', 10), ('L', 50), ('C', 100)];

    /// <summary>The value of a Roman numeral, or 0 when it is not one.</summary>
    public static int ToInt(string numeral)
    {
        ArgumentNullException.ThrowIfNull(numeral);
        var total = 0;
        for (var i = 0; i < numeral.Length; i++)
        {
            var v = Value(numeral[i]);
            if (v == 0) return 0;
            var next = i + 1 < numeral.Length ? Value(numeral[i + 1]) : 0;
            total += v < next ? -v : v;
        }
        return total;
    }

    public static bool IsNumeral(string text) => text.Length > 0 && ToInt(text) > 0 && string.Equals(FromInt(ToInt(text)), text, StringComparison.Ordinal);

    public static string FromInt(int value)
    {
        if (value is < 1 or > 399) throw new ArgumentOutOfRangeException(nameof(value));
        var parts = new (int V, string S)[] { (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I") };
        var sb = new System.Text.StringBuilder();
        foreach (var (v, s) in parts)
            while (value >= v) { sb.Append(s); value -= v; }
        return sb.ToString();
    }

    private static int Value(char c)
    {
        foreach (var (ch, v) in Values) if (ch == c) return v;
        return 0;
    }
}
