using System.Text;

namespace Rapporteur.Core.Import.Formats;

/// <summary>Reads plain text (UTF-8, UTF-16 with a byte-order mark, or Latin-1 with a warning) into lines.</summary>
public sealed class PlainTextReader : IFormatReader
{
    public string Format => "txt";
    public IReadOnlyList<string> Extensions { get; } = [".txt", ".text"];

    public bool Sniff(ReadOnlySpan<byte> header) => false;

    public ParseResult<SourceDocument> Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var decoded = TextDecoding.Decode(stream, fileName);
        if (!decoded.Success) return ParseResult.Fail<SourceDocument>(decoded.Error!);
        var warnings = decoded.Warnings.ToList();
        return ParseResult.Ok(SourceDocument.FromText(fileName, decoded.Value!.Text, Format, warnings), warnings);
    }
}

/// <summary>Text decoding shared by the text and Markdown readers.</summary>
internal static class TextDecoding
{
    internal sealed record Decoded(string Text);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ParseResult<Decoded> Decode(Stream stream, string fileName)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        var bytes = ms.GetBuffer().AsSpan(0, (int)ms.Length);
        var warnings = new List<ParseWarning>();
        string text;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            text = (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes[2..]);
        }
        else
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes = bytes[3..];
            var nul = bytes.IndexOf((byte)0);
            if (nul >= 0)
                return ParseResult.Fail<Decoded>(new ParseError(fileName, $"binary data (a NUL byte at offset {nul}), not a text document", LineAt(bytes, nul)));
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                var offset = e.Index >= 0 ? e.Index : 0;
                text = Encoding.Latin1.GetString(bytes);
                warnings.Add(new ParseWarning("encoding", LineAt(bytes, offset),
                    $"the file is not valid UTF-8 (first invalid byte at offset {offset}); it was read as Latin-1: check accented letters"));
            }
        }
        return ParseResult.Ok(new Decoded(text), warnings);
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++) if (bytes[i] == (byte)'\n') line++;
        return line;
    }
}
