using System.Text;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Import.Formats;

/// <summary>
/// Reads Markdown into lines: ATX headings ("## Title") become heading lines without their hashes, list items keep
/// their "- " marker, block quotes ("&gt; ") are boxed lines, emphasis markers stay in the text (the model keeps
/// inline Markdown). Line numbers are those of the file.
/// </summary>
public sealed partial class MarkdownReader : IFormatReader
{
    public string Format => "md";
    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    public bool Sniff(ReadOnlySpan<byte> header) => false;

    public ParseResult<SourceDocument> Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var decoded = TextDecoding.Decode(stream, fileName);
        if (!decoded.Success) return ParseResult.Fail<SourceDocument>(decoded.Error!);
        var warnings = decoded.Warnings.ToList();
        return ParseResult.Ok(FromText(fileName, decoded.Value!.Text, warnings), warnings);
    }

    public static SourceDocument FromText(string fileName, string text, ICollection<ParseWarning>? warnings = null)
    {
        var plain = SourceDocument.FromText(fileName, text, "md", warnings);
        var lines = new List<SourceLine>(plain.Lines.Count);
        var inFence = false;
        foreach (var line in plain.Lines)
        {
            var t = line.Text;
            if (t.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                lines.Add(line);
                continue;
            }
            if (inFence)
            {
                lines.Add(line);
                continue;
            }
            var heading = Heading().Match(t);
            if (heading.Success)
            {
                lines.Add(line with { Text = heading.Groups[2].Value.Trim(), Hints = LineHints.Heading, HeadingLevel = heading.Groups[1].Length });
                continue;
            }
            var quote = Quote().Match(t);
            if (quote.Success)
            {
                lines.Add(line with { Text = quote.Groups[1].Value, Hints = LineHints.Boxed });
                continue;
            }
            lines.Add(line);
        }
        return new SourceDocument(fileName, "md", lines);
    }

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}>\s?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Quote();
}
