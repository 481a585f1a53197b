namespace Rapporteur.Core.Model;

/// <summary>Where a node of the model came from: the source file, its line range and, for paged formats, the page.</summary>
/// <remarks>For DOCX the "line" is the paragraph index in the body (1-based); for PDF it is the running line number
/// across the document, and <see cref="Page"/> is set.</remarks>
public sealed record Provenance
{
    public Provenance(string source, int startLine, int endLine, int? page = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (startLine < 1) throw new ArgumentOutOfRangeException(nameof(startLine), startLine, "Lines are numbered from 1.");
        if (endLine < startLine) throw new ArgumentOutOfRangeException(nameof(endLine), endLine, "The range ends before it starts.");
        if (page is < 1) throw new ArgumentOutOfRangeException(nameof(page), page, "Pages are numbered from 1.");
        Source = source;
        StartLine = startLine;
        EndLine = endLine;
        Page = page;
    }

    public string Source { get; }
    public int StartLine { get; }
    public int EndLine { get; }
    public int? Page { get; }

    public Provenance Through(Provenance last) => new(Source, StartLine, Math.Max(EndLine, last.EndLine), Page);

    public override string ToString() =>
        Page is { } p ? $"{Source}:{StartLine}-{EndLine} (p. {p})" : $"{Source}:{StartLine}-{EndLine}";
}
