namespace Rapporteur.Core.Import.Reports;

/// <summary>Placeholder until the report parser lands.</summary>
public sealed class ReportParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Report;
    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return new ParsedDocument { Kind = Kind, SourceFile = document.FileName, Format = document.Format, Body = options.Body };
    }
}
