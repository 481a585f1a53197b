namespace Rapporteur.Core.Render.Documents;

/// <summary>The colours every format uses, as RGB hex without '#'. The fills are pale enough to read text on, and
/// the readers classify them back: orange and blue hues for follow-up and promising practices, grey for the rest.</summary>
public static class Palette
{
    public const string Ink = "1D2430";
    public const string Muted = "5B6675";
    public const string Rule = "C9D0D9";
    public const string Heading = "14325C";

    /// <summary>The fill behind a box's text, or null for a framed box without fill.</summary>
    public static string? Fill(Shade shade) => shade switch
    {
        Shade.Orange => "FDE9D3",
        Shade.Blue => "DCEBFA",
        Shade.Grey => "EEF0F3",
        _ => null,
    };

    /// <summary>The box's edge: a stronger tone of its fill.</summary>
    public static string Accent(Shade shade) => shade switch
    {
        Shade.Orange => "E08A00",
        Shade.Blue => "2F6FD0",
        Shade.Grey => "7D8896",
        _ => Rule,
    };

    /// <summary>The colour that marks a recommendation's strength (the strongest is the darkest red).</summary>
    public static string Strength(string? strength) => strength switch
    {
        "require" or "urge" => "B42318",
        "request" or "consider" or "strongly-encourage" => "C27A00",
        null => Rule,
        _ => "2F6FD0",
    };
}
