namespace Rapporteur.Core.Import.Reports;

/// <summary>Placeholder until the recommendation list parser lands.</summary>
public sealed class RecommendationListParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Recommendations;
    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return new ParsedDocument { Kind = Kind, SourceFile = document.FileName, Format = document.Format, Body = options.Body };
    }
}
