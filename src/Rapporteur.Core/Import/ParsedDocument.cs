using Rapporteur.Core.Model;

namespace Rapporteur.Core.Import;

/// <summary>
/// The one model an import produces, whatever the format and kind: the structure parsers fill the parts their kind has
/// (a reply: questionnaire and answers; a factsheet: chapters, recommendations, boxes, footnotes; a report: chapters,
/// paragraphs, recommendations; a list: recommendations) and leave the others empty.
/// </summary>
public sealed record ParsedDocument
{
    public required DocumentKind Kind { get; init; }
    public required string SourceFile { get; init; }
    public required string Format { get; init; }
    public required TreatyBody Body { get; init; }
    public Party? Party { get; init; }
    public int? Round { get; init; }
    public string? Title { get; init; }

    /// <summary>For a reply: the questionnaire as the reply shows it.</summary>
    public Questionnaire? Questionnaire { get; init; }

    /// <summary>For a reply: one answer per question, in questionnaire order.</summary>
    public IReadOnlyList<Answer> Answers { get; init; } = [];
    public IReadOnlyList<Chapter> Chapters { get; init; } = [];
    public IReadOnlyList<Recommendation> Recommendations { get; init; } = [];
    public IReadOnlyList<Box> Boxes { get; init; } = [];
    public IReadOnlyList<Footnote> Footnotes { get; init; } = [];

    /// <summary>For a factsheet: the whole factsheet in document order (blocks per chapter).</summary>
    public Factsheet? Factsheet { get; init; }

    /// <summary>For a report: the report with its numbered paragraphs.</summary>
    public ImplementationReport? Report { get; init; }

    /// <summary>For a reply: the reply aggregate (Party × answers).</summary>
    public Reply? Reply { get; init; }
    public IReadOnlyList<ParseWarning> Warnings { get; init; } = [];

    /// <summary>True when a follow-up box is tied to the recommendation.</summary>
    public bool HasFollowUp(RecommendationId id) =>
        Boxes.Any(b => b.Type == BoxType.FollowUp && b.Recommendations.Contains(id));

    public Answer? AnswerTo(string questionNumber) =>
        Answers.FirstOrDefault(a => string.Equals(a.QuestionNumber, questionNumber, StringComparison.Ordinal));
}

/// <summary>What the caller tells an import: a forced kind, the body whose vocabulary applies, known metadata.</summary>
public sealed record ImportOptions
{
    /// <summary>Null: detect the kind from the text.</summary>
    public DocumentKind? Kind { get; init; }
    public TreatyBody Body { get; init; } = TreatyBody.Lanzarote;

    /// <summary>Overrides the Party read from the document.</summary>
    public Party? Party { get; init; }

    /// <summary>Overrides the round read from the document.</summary>
    public int? Round { get; init; }

    /// <summary>The path the document was read from, when it was a file: its folders may name the round ("round-2").</summary>
    public string? SourcePath { get; init; }

    /// <summary>Largest input accepted, in bytes (default 200 MB).</summary>
    public long MaxBytes { get; init; } = 200L * 1024 * 1024;

    public static ImportOptions Default { get; } = new();
}

/// <summary>Reads one file format into source lines.</summary>
public interface IFormatReader
{
    /// <summary>"txt", "md", "docx", "pdf".</summary>
    string Format { get; }

    /// <summary>File extensions this reader takes, lower case with the dot (".docx").</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>True when the first bytes of a file look like this format (magic numbers), for files without a known extension.</summary>
    bool Sniff(ReadOnlySpan<byte> header);

    /// <summary>Reads the whole stream. A stream that is not this format is a <see cref="ParseError"/>, not an exception.</summary>
    ParseResult<SourceDocument> Read(Stream stream, string fileName, CancellationToken cancellationToken = default);
}

/// <summary>Turns source lines into the model for one kind of document.</summary>
public interface IStructureParser
{
    DocumentKind Kind { get; }

    /// <summary>Parses the document. Never throws for odd input: what it cannot place becomes a warning.</summary>
    ParsedDocument Parse(SourceDocument document, ImportOptions options);
}
