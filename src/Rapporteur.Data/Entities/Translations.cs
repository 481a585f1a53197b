namespace Rapporteur.Data.Entities;

/// <summary>A parallel language version of one piece of content (a question, a recommendation, a factsheet chapter
/// title, paragraph or box), made from a given state of its source text. The source text it was made from is kept,
/// so that when the source changes the translation reads as outdated with a diff of what changed.</summary>
public sealed class Translation
{
    public int Id { get; set; }

    /// <summary>"question", "recommendation", "chapter", "block" or "box".</summary>
    public required string TargetKind { get; set; }
    public int TargetId { get; set; }

    /// <summary>"fr" (ISO 639-1).</summary>
    public required string Language { get; set; }
    public required string Text { get; set; }

    /// <summary>The source text as it was when this translation was made.</summary>
    public required string SourceText { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="SourceText"/>: compared with the current source's to tell an outdated translation.</summary>
    public required string SourceHash { get; set; }

    /// <summary>Optimistic concurrency: bumped on every save.</summary>
    public int Version { get; set; }
    public string? TranslatorId { get; set; }
    public required string TranslatorName { get; set; }
    public DateTimeOffset TranslatedAt { get; set; }
}
