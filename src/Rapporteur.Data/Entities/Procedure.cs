using Rapporteur.Core.Model;

namespace Rapporteur.Data.Entities;

// EF entities: the stored shape of the model. They are mutable because EF tracks them; the Core records stay the
// domain's language, and no entity is ever an API contract (each endpoint has its own request/response records).
#pragma warning disable CA1002, CA2227 // EF navigation collections.

/// <summary>A treaty body and its strength vocabulary.</summary>
public sealed class Body
{
    public int Id { get; set; }
    public required string ShortName { get; set; }
    public required string Name { get; set; }
    public required string Convention { get; set; }
    public List<Strength> Strengths { get; set; } = [];

    /// <summary>The compliance scale the Committee assesses with, best first; configurable per body.</summary>
    public List<string> ComplianceScale { get; set; } = [.. DefaultComplianceScale];
    public List<Round> Rounds { get; set; } = [];

    public static IReadOnlyList<string> DefaultComplianceScale { get; } = ["implemented", "partially-implemented", "not-implemented", "no-information"];
}

public sealed class Strength
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public int Rank { get; set; }
    public required string Key { get; set; }
    public List<string> VerbsEn { get; set; } = [];
    public List<string> VerbsFr { get; set; } = [];
    public string? Description { get; set; }
}

public enum RoundStatus
{
    Draft,
    Open,
    Closed,
}

public sealed class Round
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body? Body { get; set; }
    public int Number { get; set; }
    public required string Theme { get; set; }
    public required string TitleEn { get; set; }
    public string? TitleFr { get; set; }
    public DateOnly? Opens { get; set; }
    public DateOnly? ReplyDeadline { get; set; }

    /// <summary>When Parties' follow-up on the recommendations is due (compliance procedure).</summary>
    public DateOnly? FollowUpDeadline { get; set; }
    public RoundStatus Status { get; set; }

    /// <summary>Sample data for a feature (the tagging sample), not a monitoring round: its pages say so and show no
    /// replies, dashboard or compliance, which it never has.</summary>
    public bool IsSample { get; set; }
    public List<Section> Sections { get; set; } = [];
}

public sealed class Section
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public List<Question> Questions { get; set; } = [];
}

public sealed class Question
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int SectionId { get; set; }
    public int Order { get; set; }
    public required string Number { get; set; }
    public string? Title { get; set; }
    public required string Text { get; set; }
    public List<QuestionItem> Items { get; set; } = [];
    public List<string> Prompts { get; set; } = [];
}

public sealed class QuestionItem
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public required string Letter { get; set; }
    public required string Text { get; set; }
}

public sealed class Party
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

public sealed class Reply
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public Round? Round { get; set; }
    public int PartyId { get; set; }
    public Party? Party { get; set; }
    public ReplyStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public int? SourceDocumentId { get; set; }

    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Version { get; set; }
    public List<Answer> Answers { get; set; } = [];
}

public sealed class Answer
{
    public int Id { get; set; }
    public int ReplyId { get; set; }
    public int QuestionId { get; set; }
    public Question? Question { get; set; }
    public required string Text { get; set; }
    public List<ItemAnswer> ItemAnswers { get; set; } = [];
    public List<PromptReply> PromptAnswers { get; set; } = [];
    public int? SourceLine { get; set; }
}

/// <summary>The answer to one item (stored as JSON with its answer).</summary>
public sealed class ItemAnswer
{
    public required string Letter { get; set; }
    public required string Text { get; set; }
}

/// <summary>The answer to one "→ Please specify" prompt (stored as JSON with its answer).</summary>
public sealed class PromptReply
{
    public required string Prompt { get; set; }
    public required string Text { get; set; }
}

public enum PublicationStatus
{
    Draft,
    Adopted,
    Published,
}

public sealed class Report
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string Title { get; set; }
    public int? PartyId { get; set; }
    public PublicationStatus Status { get; set; }
    public int? SourceDocumentId { get; set; }
    public List<ReportChapter> Chapters { get; set; } = [];
}

public sealed class ReportChapter
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public int Order { get; set; }
    public required string Number { get; set; }
    public required string Title { get; set; }
    public List<ReportParagraph> Paragraphs { get; set; } = [];
}

public sealed class ReportParagraph
{
    public int Id { get; set; }
    public int ChapterId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
}

public sealed class Recommendation
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public Round? Round { get; set; }

    /// <summary>"II-6", "116.1": unique within a round.</summary>
    public required string Code { get; set; }
    public string? Strength { get; set; }
    public AddresseeKind Addressee { get; set; }

    /// <summary>The Party addressed, or for all-Parties recommendations the one named after "including".</summary>
    public int? PartyId { get; set; }
    public Party? Party { get; set; }
    public string? Chapter { get; set; }
    public List<int> Paragraphs { get; set; } = [];
    public List<string> RecommendedBy { get; set; } = [];
    public required string Text { get; set; }
    public int? SourceDocumentId { get; set; }
    public int? SourceLine { get; set; }
}

public sealed class Factsheet
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public Round? Round { get; set; }
    public int PartyId { get; set; }
    public Party? Party { get; set; }
    public required string Title { get; set; }
    public List<string> Preamble { get; set; } = [];
    public PublicationStatus Status { get; set; }
    public int? SourceDocumentId { get; set; }
    public int Version { get; set; }
    public List<FactsheetChapter> Chapters { get; set; } = [];
    public List<Box> Boxes { get; set; } = [];
    public List<Footnote> Footnotes { get; set; } = [];
}

public sealed class FactsheetChapter
{
    public int Id { get; set; }
    public int FactsheetId { get; set; }
    public int Order { get; set; }
    public required string Number { get; set; }
    public required string Title { get; set; }
    public List<FactsheetBlock> Blocks { get; set; } = [];
}

public sealed class FactsheetBlock
{
    public int Id { get; set; }
    public int ChapterId { get; set; }
    public int Order { get; set; }
    public BlockKind Kind { get; set; }
    public required string Text { get; set; }
    public List<int> Footnotes { get; set; } = [];
    public List<string> Recommendations { get; set; } = [];
    public int? BoxId { get; set; }
    public Box? Box { get; set; }
    public int? SourceLine { get; set; }
}

/// <summary>A Party's box on a factsheet, tied to recommendations by their codes in the same round.</summary>
public sealed class Box
{
    public int Id { get; set; }
    public int FactsheetId { get; set; }
    public BoxType Type { get; set; }
    public string? Chapter { get; set; }
    public string? Heading { get; set; }
    public required string Text { get; set; }
    public List<string> Recommendations { get; set; } = [];
    public int Version { get; set; }
    public int? SourceLine { get; set; }

    /// <summary>A Party's new box waits (Draft) until the Secretariat publishes it; imported boxes are published.</summary>
    public PublicationStatus Status { get; set; } = PublicationStatus.Published;
    public string? AuthorName { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed class Footnote
{
    public int Id { get; set; }
    public int? FactsheetId { get; set; }
    public int? ReportId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public List<int> Paragraphs { get; set; } = [];
    public List<string> Recommendations { get; set; } = [];
}

/// <summary>A file that was imported: what it was, its checksum, and the warnings the import gave.</summary>
public sealed class SourceDocumentRecord
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public required string Format { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public List<ImportWarning> Warnings { get; set; } = [];
}

public sealed class ImportWarning
{
    public required string Code { get; set; }
    public int Line { get; set; }
    public required string Message { get; set; }
}
#pragma warning restore CA1002, CA2227
