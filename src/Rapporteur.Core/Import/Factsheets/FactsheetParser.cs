namespace Rapporteur.Core.Import.Factsheets;

/// <summary>Placeholder until the factsheet parser lands.</summary>
public sealed class FactsheetParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Factsheet;
    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return new ParsedDocument { Kind = Kind, SourceFile = document.FileName, Format = document.Format, Body = options.Body };
    }
}
