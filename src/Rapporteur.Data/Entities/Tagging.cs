namespace Rapporteur.Data.Entities;

#pragma warning disable CA1002, CA2227 // EF navigation collections.

/// <summary>A controlled vocabulary of a treaty body (articles of its convention, themes, SDG targets), configurable per body.</summary>
public sealed class Vocabulary
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body? Body { get; set; }

    /// <summary>"lanzarote-articles", "themes", "sdg": unique within a body.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public List<Term> Terms { get; set; } = [];
}

/// <summary>One entry of a vocabulary: "20(2)" "Article 20, paragraph 2", with an optional broader term ("20").</summary>
public sealed class Term
{
    public int Id { get; set; }
    public int VocabularyId { get; set; }
    public Vocabulary? Vocabulary { get; set; }
    public required string Code { get; set; }
    public required string Label { get; set; }
    public int? ParentId { get; set; }
    public Term? Parent { get; set; }
}

/// <summary>What a tag is on.</summary>
public enum TagTarget
{
    Recommendation,
    Question,
    Reply,
}

/// <summary>A suggestion waits for a person; only accepted tags count in search, filters and exports.</summary>
public enum TagState
{
    Suggested,
    Accepted,
    Rejected,
}

/// <summary>A term on a recommendation, question or reply: suggested (by the article parser or the learned model,
/// with its reason) or added by hand, and accepted or rejected by a person, who and when.</summary>
public sealed class Tagging
{
    public int Id { get; set; }
    public TagTarget TargetKind { get; set; }
    public int TargetId { get; set; }
    public int TermId { get; set; }
    public Term? Term { get; set; }
    public TagState State { get; set; }

    /// <summary>"manual", "article-parser", "learned".</summary>
    public required string Source { get; set; }
    public required string Reason { get; set; }
    public double? Score { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
}
#pragma warning restore CA1002, CA2227
