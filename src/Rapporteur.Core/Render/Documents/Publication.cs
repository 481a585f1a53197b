using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render.Documents;

/// <summary>
/// A document ready to publish, whatever its kind (factsheet, compilation of replies, compliance report) and whatever
/// the format: a cover, chapters of blocks, and numbered footnotes. The HTML, PDF and DOCX renderers each walk this one
/// tree, so that every kind of document is laid out by the same building blocks.
/// </summary>
/// <param name="Title">The first line of the cover, and the document's metadata title.</param>
/// <param name="Cover">Further cover lines, in order.</param>
/// <param name="Author">Who publishes it (the treaty body), for the metadata.</param>
/// <param name="Subject">What kind of document it is ("Factsheet"), for the metadata.</param>
public sealed record Publication(
    string Title,
    IReadOnlyList<string> Cover,
    IReadOnlyList<PublicationChapter> Chapters,
    IReadOnlyList<Footnote> Footnotes,
    string Author,
    string Subject)
{
    private readonly string? language;

    /// <summary>The language the document is written in (BCP 47, "en" or "fr"), for the formats' metadata: that of its
    /// <see cref="Labels"/> unless set.</summary>
    public string Language { get => language ?? Labels.Language; init => language = value; }

    /// <summary>The cover lines that name a round: its title, and its number when the title does not say it.</summary>
    public static IEnumerable<string> RoundLines(int round, string title, DocumentLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        labels ??= DocumentLabels.English;
        yield return title;
        if (!title.Contains(DocumentLabels.Format(labels.Round, round), StringComparison.OrdinalIgnoreCase)) yield return DocumentLabels.Format(labels.MonitoringRound, round);
    }

    /// <summary>The fixed text around the content (contents, notes, box titles), in the document's language.</summary>
    public DocumentLabels Labels { get; init; } = DocumentLabels.English;

    /// <summary>The footnote of that number, or null when the text cites a note it does not define.</summary>
    public Footnote? Note(int number) => Footnotes.FirstOrDefault(f => f.Number == number);
}

/// <summary>A chapter: its number (a Roman numeral, or none), its title and its blocks.</summary>
public sealed record PublicationChapter(string? Number, string Title, IReadOnlyList<PublicationBlock> Blocks)
{
    /// <summary>"II. Legal frameworks", as the chapter's heading reads.</summary>
    public string Heading => Number is null ? Title : $"{Number}. {Title}";

    /// <summary>An identifier for links and bookmarks ("chapter-2" for the second chapter).</summary>
    public static string Anchor(int index) => "chapter-" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a block is, which decides how every format sets it.</summary>
public enum BlockRole
{
    /// <summary>A sub-heading inside a chapter (<see cref="PublicationBlock.Level"/> 2 or 3).</summary>
    Heading,
    /// <summary>Running text.</summary>
    Paragraph,
    /// <summary>A paragraph carrying recommendations: see <see cref="PublicationBlock.Tag"/>.</summary>
    Recommendation,
    /// <summary>A labelled, shaded box: see <see cref="PublicationBlock.Label"/> and <see cref="PublicationBlock.Shade"/>.</summary>
    Box,
}

/// <summary>The colour of a box. Orange and blue are the factsheets' follow-up and promising-practice boxes.</summary>
public enum Shade
{
    /// <summary>No fill: a framed box (a Party's answer).</summary>
    Plain,
    /// <summary>Follow-up actions.</summary>
    Orange,
    /// <summary>Promising practices.</summary>
    Blue,
    /// <summary>Clarification notes.</summary>
    Grey,
}

/// <summary>What a recommendation block shows beside its text: ids, strength and addressee.</summary>
/// <param name="Strength">The strength key ("request"), or null when unknown.</param>
/// <param name="Addressee">"Netherlands" or "all Parties".</param>
public sealed record RecommendationTag(IReadOnlyList<RecommendationId> Ids, string? Strength, string Addressee);

/// <summary>One block of a chapter. Footnote markers are numbers in <see cref="Notes"/>, set after the text.</summary>
public sealed record PublicationBlock
{
    private PublicationBlock(BlockRole role, string text, IReadOnlyList<int> notes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(notes);
        Role = role;
        Text = text;
        Notes = notes;
    }

    public BlockRole Role { get; }

    /// <summary>The text: paragraphs separated by a blank line, lines of a list by a line feed.</summary>
    public string Text { get; }
    public IReadOnlyList<int> Notes { get; }

    /// <summary>2 for a sub-heading, 3 for a minor one.</summary>
    public int Level { get; private init; }

    /// <summary>A box's label, printed first inside it ("Follow-up actions:").</summary>
    public string? Label { get; private init; }
    public Shade Shade { get; private init; }
    public RecommendationTag? Tag { get; private init; }

    /// <summary>The text as paragraphs of lines (blank lines part paragraphs, line feeds part lines).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Paragraphs =>
        Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (IReadOnlyList<string>)p.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Length > 0).ToList())
            .ToList();

    public static PublicationBlock Heading(string text, int level, IReadOnlyList<int>? notes = null) =>
        new(BlockRole.Heading, text, notes ?? []) { Level = Math.Clamp(level, 2, 3) };

    public static PublicationBlock Paragraph(string text, IReadOnlyList<int>? notes = null) => new(BlockRole.Paragraph, text, notes ?? []);

    public static PublicationBlock Recommendation(RecommendationTag tag, string text, IReadOnlyList<int>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new(BlockRole.Recommendation, text, notes ?? []) { Tag = tag };
    }

    public static PublicationBlock Box(Shade shade, string label, string text, IReadOnlyList<int>? notes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return new(BlockRole.Box, text, notes ?? []) { Label = label, Shade = shade };
    }
}
