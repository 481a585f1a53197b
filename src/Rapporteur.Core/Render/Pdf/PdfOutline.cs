using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>
/// Adds what SkiaSharp's PDF backend cannot write to the PDF it wrote: the outline (bookmarks, one per chapter, each
/// going to the chapter's named destination), the document's language (<c>/Lang</c>) and opening with the outline
/// shown. It is an incremental update (PDF 32000-1 §7.5.6): a new catalog, the outline objects, an xref section
/// and a trailer appended after the original bytes, which stay as they are.
/// </summary>
/// <remarks>SkiaSharp 3.119 exposes no structure tree (tagged PDF) and builds an outline only from one, and has no
/// language in its metadata; Skia's own <c>SkPDF::Metadata</c> has both, but the C API SkiaSharp wraps does not.</remarks>
internal static partial class PdfOutline
{
    public static byte[] Append(byte[] pdf, IReadOnlyList<(string Title, string Destination)> entries, string? language)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var trailerAt = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var startAt = text.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailerAt < 0 || startAt < trailerAt) return pdf;
        var trailer = text[trailerAt..startAt];
        var size = Number(SizePattern().Match(trailer));
        var root = Number(RootPattern().Match(trailer));
        var info = InfoPattern().Match(trailer);
        var previous = Number(StartPattern().Match(text, startAt));
        if (size is null || root is null || previous is null) return pdf;
        var catalog = new Regex($@"(?<!\d){root} 0 obj\s*<<(.*?)>>\s*endobj", RegexOptions.Singleline | RegexOptions.CultureInvariant).Match(text);
        if (!catalog.Success || catalog.Groups[1].Value.Contains("/Outlines", StringComparison.Ordinal)) return pdf;

        var output = new StringBuilder();
        var offsets = new SortedDictionary<int, int>();
        var at = pdf.Length;
        if (pdf[^1] != '\n') output.Append('\n');
        void Write(int number, string body)
        {
            offsets[number] = at + Encoding.Latin1.GetByteCount(output.ToString());
            output.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }

        var outline = size.Value;
        var extra = new StringBuilder();
        if (entries.Count > 0) extra.Append(CultureInfo.InvariantCulture, $"\n/Outlines {outline} 0 R\n/PageMode /UseOutlines");
        if (!string.IsNullOrWhiteSpace(language)) extra.Append("\n/Lang ").Append(TextString(language));
        Write(root.Value, "<<" + catalog.Groups[1].Value.TrimEnd() + extra + ">>");
        if (entries.Count > 0)
        {
            Write(outline, string.Create(CultureInfo.InvariantCulture, $"<</Type /Outlines\n/First {outline + 1} 0 R\n/Last {outline + entries.Count} 0 R\n/Count {entries.Count}>>"));
            for (var i = 0; i < entries.Count; i++)
            {
                var item = new StringBuilder().Append("<</Title ").Append(TextString(entries[i].Title))
                    .Append(CultureInfo.InvariantCulture, $"\n/Parent {outline} 0 R");
                if (i > 0) item.Append(CultureInfo.InvariantCulture, $"\n/Prev {outline + i} 0 R");
                if (i < entries.Count - 1) item.Append(CultureInfo.InvariantCulture, $"\n/Next {outline + i + 2} 0 R");
                item.Append("\n/Dest /").Append(entries[i].Destination).Append(">>");
                Write(outline + 1 + i, item.ToString());
            }
        }

        var xref = at + Encoding.Latin1.GetByteCount(output.ToString());
        output.Append("xref\n");
        // One subsection per run of consecutive object numbers.
        var numbers = offsets.Keys.ToList();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1) j++;
            output.Append(CultureInfo.InvariantCulture, $"{numbers[i]} {j - i + 1}\n");
            for (var k = i; k <= j; k++) output.Append(CultureInfo.InvariantCulture, $"{offsets[numbers[k]]:D10} 00000 n \n");
            i = j + 1;
        }
        var newSize = Math.Max(size.Value, numbers[^1] + 1);
        output.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {newSize}\n/Root {root} 0 R");
        if (info.Success) output.Append("\n/Info ").Append(info.Groups[1].Value).Append(" 0 R");
        output.Append(CultureInfo.InvariantCulture, $"\n/Prev {previous}>>\nstartxref\n{xref}\n%%EOF\n");
        return [.. pdf, .. Encoding.Latin1.GetBytes(output.ToString())];
    }

    /// <summary>A PDF text string: UTF-16BE with its byte order mark, in hex (any character, nothing to escape).</summary>
    private static string TextString(string value) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    private static int? Number(Match match) => match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"/Root\s+(\d+)\s+0\s+R")]
    private static partial Regex RootPattern();

    [GeneratedRegex(@"/Info\s+(\d+)\s+0\s+R")]
    private static partial Regex InfoPattern();

    [GeneratedRegex(@"\Gstartxref\s+(\d+)")]
    private static partial Regex StartPattern();
}
