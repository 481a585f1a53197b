namespace Rapporteur.Core.Import.Replies;

/// <summary>Placeholder until the reply parser lands.</summary>
public sealed class ReplyParser : IStructureParser
{
    public DocumentKind Kind => DocumentKind.Reply;
    public ParsedDocument Parse(SourceDocument document, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return new ParsedDocument { Kind = Kind, SourceFile = document.FileName, Format = document.Format, Body = options.Body };
    }
}
