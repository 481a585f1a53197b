namespace Rapporteur.Core.Model;

public enum BoxType
{
    /// <summary>"Follow-up actions:" — the Party's report of progress on a recommendation (orange box).</summary>
    FollowUp,
    /// <summary>"Promising practices:" — the Party's promising practices answering "invite" recommendations (blue box).</summary>
    PromisingPractice,
    /// <summary>"Clarification note:" — the Party's clarification of an observation.</summary>
    ClarificationNote,
}

/// <summary>A box added to a factsheet during the compliance procedure, tied to the recommendation(s) it follows.</summary>
public sealed record Box
{
    public Box(BoxType type, string? chapter, IReadOnlyList<RecommendationId> recommendations, string text, string? heading = null, Provenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(text);
        Type = type;
        Chapter = chapter;
        Recommendations = recommendations;
        Text = text;
        Heading = heading;
        Provenance = provenance;
    }

    public BoxType Type { get; }
    public string? Chapter { get; }
    public IReadOnlyList<RecommendationId> Recommendations { get; }
    public string Text { get; }

    /// <summary>The label's own words beyond the box type ("in relation to observations on ..."), if any.</summary>
    public string? Heading { get; }
    public Provenance? Provenance { get; }

    public bool IsEmpty => Text.Length == 0;
}

/// <summary>A footnote: its number, its text, and what it cites (report paragraphs, recommendation ids).</summary>
public sealed record Footnote
{
    public Footnote(int number, string text, IReadOnlyList<int> paragraphs, IReadOnlyList<RecommendationId> recommendations, Provenance? provenance = null)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number), number, "Footnotes are numbered from 1.");
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentNullException.ThrowIfNull(recommendations);
        Number = number;
        Text = text;
        Paragraphs = paragraphs;
        Recommendations = recommendations;
        Provenance = provenance;
    }

    public int Number { get; }
    public string Text { get; }
    public IReadOnlyList<int> Paragraphs { get; }
    public IReadOnlyList<RecommendationId> Recommendations { get; }
    public Provenance? Provenance { get; }
}

/// <summary>What a block of a factsheet chapter is.</summary>
public enum BlockKind
{
    /// <summary>A sub-heading inside a chapter ("Observations and recommendations of the Committee ...").</summary>
    Heading,
    /// <summary>Committee text: introduction, observations.</summary>
    Paragraph,
    /// <summary>A paragraph that carries one or more recommendations (its text is the recommendation's).</summary>
    Recommendation,
    /// <summary>A sentence that introduces a list of recommendations ("The Committee invites all Parties, including ...:").</summary>
    LeadIn,
    /// <summary>The Committee's own "Promising practices" passage (from the report), not a Party's box.</summary>
    CommitteePromisingPractice,
    /// <summary>A Party's box: see <see cref="FactsheetBlock.Box"/>.</summary>
    Box,
}

/// <summary>One block of a factsheet chapter, in document order. Footnote markers are kept as numbers, not in the text.</summary>
public sealed record FactsheetBlock
{
    public FactsheetBlock(BlockKind kind, string text, IReadOnlyList<int>? footnotes = null, IReadOnlyList<RecommendationId>? recommendations = null, Box? box = null, Provenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (kind == BlockKind.Box && box is null) throw new ArgumentException("A box block needs its box.", nameof(box));
        if (kind != BlockKind.Box && box is not null) throw new ArgumentException("Only a box block carries a box.", nameof(box));
        Kind = kind;
        Text = text;
        Footnotes = footnotes ?? [];
        Recommendations = recommendations ?? [];
        Box = box;
        Provenance = provenance;
    }

    public BlockKind Kind { get; }
    public string Text { get; }
    public IReadOnlyList<int> Footnotes { get; }
    public IReadOnlyList<RecommendationId> Recommendations { get; }
    public Box? Box { get; }
    public Provenance? Provenance { get; }
}

public sealed record FactsheetChapter
{
    public FactsheetChapter(Chapter chapter, IReadOnlyList<FactsheetBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(chapter);
        ArgumentNullException.ThrowIfNull(blocks);
        Chapter = chapter;
        Blocks = blocks;
    }

    public Chapter Chapter { get; }
    public IReadOnlyList<FactsheetBlock> Blocks { get; }
}

/// <summary>A factsheet: the synthesis of the report's findings for one Party, with the Party's boxes.</summary>
public sealed record Factsheet
{
    public Factsheet(Party party, int? round, string title, IReadOnlyList<string> preamble, IReadOnlyList<FactsheetChapter> chapters, IReadOnlyList<Footnote> footnotes)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(preamble);
        ArgumentNullException.ThrowIfNull(chapters);
        ArgumentNullException.ThrowIfNull(footnotes);
        var dup = footnotes.GroupBy(f => f.Number).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Footnote {dup.Key} is defined twice.", nameof(footnotes));
        Party = party;
        Round = round;
        Title = title;
        Preamble = preamble;
        Chapters = chapters;
        Footnotes = footnotes;
    }

    public Party Party { get; }
    public int? Round { get; }
    public string Title { get; }

    /// <summary>Text before the first chapter (cover lines, table of contents).</summary>
    public IReadOnlyList<string> Preamble { get; }
    public IReadOnlyList<FactsheetChapter> Chapters { get; }
    public IReadOnlyList<Footnote> Footnotes { get; }
}
