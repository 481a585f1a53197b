namespace Rapporteur.Core.Model;

/// <summary>A State Party to the convention, named in English ("Netherlands", "Republic of Moldova").</summary>
public sealed record Party
{
    public Party(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[4..].TrimStart();
        if (trimmed.Length == 0) throw new ArgumentException("A Party needs a name.", nameof(name));
        Name = trimmed;
    }

    public string Name { get; }

    public override string ToString() => Name;
}

/// <summary>A monitoring round: its number, theme and titles, and its dates where known.</summary>
public sealed record MonitoringRound
{
    public MonitoringRound(int number, string theme, string titleEn, string? titleFr = null, DateOnly? opens = null, DateOnly? replyDeadline = null)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number), number, "Rounds are numbered from 1.");
        ArgumentException.ThrowIfNullOrWhiteSpace(theme);
        ArgumentException.ThrowIfNullOrWhiteSpace(titleEn);
        if (opens is { } o && replyDeadline is { } d && d < o)
            throw new ArgumentException("The reply deadline comes before the round opens.", nameof(replyDeadline));
        Number = number;
        Theme = theme;
        TitleEn = titleEn;
        TitleFr = titleFr;
        Opens = opens;
        ReplyDeadline = replyDeadline;
    }

    public int Number { get; }
    public string Theme { get; }
    public string TitleEn { get; }
    public string? TitleFr { get; }
    public DateOnly? Opens { get; }
    public DateOnly? ReplyDeadline { get; }
}
