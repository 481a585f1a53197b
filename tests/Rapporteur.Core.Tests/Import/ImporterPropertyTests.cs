using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Rapporteur.Core.Import;

namespace Rapporteur.Core.Tests.Import;

/// <summary>
/// No input crashes the importers: whatever the text or bytes, an import returns a value with warnings that point
/// into the input, or a one-line error naming the file. Speed is not asserted here (see bench/).
/// </summary>
public class ImporterPropertyTests
{
    private static readonly DocumentKind?[] Kinds =
        [null, DocumentKind.Reply, DocumentKind.Factsheet, DocumentKind.Report, DocumentKind.Recommendations];

    private static readonly string[] TextNames = ["fuzz.txt", "fuzz.md"];
    private static readonly string[] ByteNames = ["x.txt", "x.md", "x.docx", "x.pdf", "x.bin"];

    // Lone surrogates and noncharacters (U+FFFE) once made NFC normalisation throw; they are replaced by U+FFFD now.
    [Property(MaxTest = 200)]
    public void ImportText_ArbitraryUtf16String_NeverThrows(UnicodeString text) => AssertEveryKindIsWellBehaved(text.Item);

    [Property(MaxTest = 200)]
    public void ImportText_ArbitraryUnicodeLines_NeverThrows(UnicodeString[] lines)
    {
        var text = string.Join('\n', lines.Select(l => l.Item));
        AssertEveryKindIsWellBehaved(text);
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(ImporterFuzz)])]
    public void ImportText_StructuredNoise_NeverThrows(NoiseText noise) => AssertEveryKindIsWellBehaved(noise.Text);

    [Property(MaxTest = 100, Arbitrary = [typeof(ImporterFuzz)])]
    public void Import_RandomBytes_SucceedsOrFailsWithOneLineErrorNamingTheFile(FuzzBytes input) => AssertBytesAreWellBehaved(input.Bytes);

    [Property(MaxTest = 100, Arbitrary = [typeof(ImporterFuzz)])]
    public void Import_Utf16OrNoncharacterBytes_SucceedsOrFailsWithOneLineErrorNamingTheFile(EdgeUnicodeBytes input) =>
        AssertBytesAreWellBehaved(input.Bytes);

    [Fact]
    public void ImportText_FiveMegabytesOfStructuredNoise_CompletesWithoutException()
    {
        var random = new Random(20250311);
        var sb = new StringBuilder(5 * 1024 * 1024 + 1024);
        while (sb.Length < 5 * 1024 * 1024) sb.Append(ImporterFuzz.RandomLine(random)).Append('\n');
        var text = sb.ToString();
        var lines = text.AsSpan().Count('\n') + 1;

        foreach (var kind in Kinds)
        {
            var result = Run("fuzz.txt", kind, () => DocumentImporter.Default.ImportText("fuzz.txt", text, new ImportOptions { Kind = kind }));
            AssertWellBehaved(result, "fuzz.txt", lines);
        }
    }

    private static void AssertBytesAreWellBehaved(byte[] bytes)
    {
        var newlines = bytes.AsSpan().Count((byte)'\n');
        foreach (var name in ByteNames)
        {
            var result = Run(name, null, () => DocumentImporter.Default.Import(new MemoryStream(bytes), name));
            // A decoded line break comes from at least one 0x0A byte, whatever the encoding.
            AssertWellBehaved(result, name, newlines + 1);
            if (name is "x.txt" or "x.md" && IsInvalidUtf8Text(bytes) && result.Success)
                Assert.Contains(result.Warnings, w => string.Equals(w.Code, "encoding", StringComparison.Ordinal));
        }
    }

    private static void AssertEveryKindIsWellBehaved(string text)
    {
        var lines = text.AsSpan().Count('\n') + 1;
        foreach (var name in TextNames)
        foreach (var kind in Kinds)
        {
            var result = Run(name, kind, () => DocumentImporter.Default.ImportText(name, text, new ImportOptions { Kind = kind }));
            AssertWellBehaved(result, name, lines);
        }
    }

    private static void AssertWellBehaved(ParseResult<ParsedDocument> result, string name, int lines)
    {
        foreach (var warning in result.Warnings)
            Assert.True(warning.Line >= 0 && warning.Line <= lines + 1,
                $"{name}: warning '{warning.Code}' is on line {warning.Line}, outside 0..{lines + 1}: {warning.Message}");
        if (result.Success)
        {
            Assert.NotNull(result.Value);
            return;
        }
        Assert.Equal(name, result.Error!.File);
        Assert.False(result.Error.Message.Contains('\n', StringComparison.Ordinal) || result.Error.Message.Contains('\r', StringComparison.Ordinal),
            $"{name}: the error message spans several lines: {JsonSerializer.Serialize(result.Error.Message)}");
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message), $"{name}: the error message is empty");
    }

    /// <summary>Runs an import, turning an exception into a failure that says which file name and kind raised it.</summary>
    private static ParseResult<ParsedDocument> Run(string name, DocumentKind? kind, Func<ParseResult<ParsedDocument>> import)
    {
        try
        {
            return import();
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{name} (kind {(kind?.ToString() ?? "auto")}) threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>True when the text readers will take the Latin-1 fallback: no UTF-16 mark, no NUL, not valid UTF-8.</summary>
    private static bool IsInvalidUtf8Text(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) return false;
        if (bytes.AsSpan().Contains((byte)0)) return false;
        return !Utf8.IsValid(bytes);
    }
}

/// <summary>Lines that look like the real documents, in random order and number.</summary>
public sealed record NoiseText(IReadOnlyList<string> Lines)
{
    public string Text => string.Join('\n', Lines);

    public override string ToString() => JsonSerializer.Serialize(Text);
}

/// <summary>Bytes given to the stream importer: anything but a UTF-16 byte-order mark at the start.</summary>
public sealed record FuzzBytes(byte[] Bytes)
{
    public override string ToString() => ImporterFuzz.Describe(Bytes);
}

/// <summary>Bytes that start with a UTF-16 byte-order mark (LE or BE), then anything; or UTF-8 text with noncharacters.</summary>
public sealed record EdgeUnicodeBytes(byte[] Bytes)
{
    public override string ToString() => ImporterFuzz.Describe(Bytes);
}

/// <summary>FsCheck generators (and shrinkers) for the importer properties.</summary>
public static class ImporterFuzz
{
    private const int MaxBytes = 64 * 1024;

    private static readonly string[] Fragments =
    [
        "Question 3.  Title", "9.7.  Does law criminalise cases when children:4", "a. produce images?", "→ Please specify",
        "Follow-up actions:", "Promising practices:", "Clarification note:", "See above", "II. Legal frameworks",
        "- The Committee requests that Ruritania ensures that:", "¹ Para. 12.", "⁴ Recommendation II-6.", "¹²³", "13",
        "http://example.org/x", "", "   ", "116.1 Ratify the protocol (Freedonia);", "**GRETA urges**", "67. Text.",
    ];

    private static readonly string[] Words =
    [
        "the", "Committee", "Party", "children", "images", "law", "Article", "Para.", "(a)", "1.2", "II-6", "urges", "invites",
        "requires", "Ruritania", "Freedonia", "kinderen", "élèves", "protección", "naïve", "’", "—", "•", "→", ":", ";", "e.g.",
        "self-", "generated", "FACTSHEET", "Observations", "#", "##", ">", "```", "\t", "\u00A0", "Ⅳ", "ﬁ", "e\u0301",
    ];

    public static Arbitrary<NoiseText> Noise() =>
        Arb.From(Gen.Choose(0, 200).SelectMany(n => Line.ArrayOf(n)).Select(lines => new NoiseText(lines)), ShrinkNoise);

    public static Arbitrary<FuzzBytes> Bytes() =>
        Arb.From(ByteInput(0, 1, 2, 3, 4, 5).Select(b => new FuzzBytes(b)), f => ShrinkBytes(f.Bytes).Select(b => new FuzzBytes(b)));

    public static Arbitrary<EdgeUnicodeBytes> EdgeUnicode() =>
        Arb.From(ByteInput(2, 5).Select(b => new EdgeUnicodeBytes(b)), u => ShrinkBytes(u.Bytes).Select(b => new EdgeUnicodeBytes(b)));

    private static bool StartsWithUtf16Mark(byte[] b) => b.Length >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));

    public static string Describe(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length <= 512
            ? $"{bytes.Length} bytes: {Convert.ToHexString(bytes)}"
            : $"{bytes.Length} bytes, starting {Convert.ToHexString(bytes, 0, 256)}";
    }


    /// <summary>One noise line from <paramref name="random"/>, for inputs too large to generate with FsCheck.</summary>
    public static string RandomLine(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(5) > 0) return Fragments[random.Next(Fragments.Length)];
        var words = new string[random.Next(1, 9)];
        for (var i = 0; i < words.Length; i++) words[i] = Words[random.Next(Words.Length)];
        return string.Join(' ', words);
    }

    private static Gen<string> Line =>
        Gen.Frequency(
            (4, Gen.Elements(Fragments)),
            (1, Gen.Choose(1, 8).SelectMany(n => Gen.Elements(Words).ArrayOf(n)).Select(w => string.Join(' ', w))));

    // Byte arrays are built from a seed (generating 64 KB byte by byte through FsCheck is slow) in a few families,
    // so that the decoders and the parsers behind them are both reached, not only the "binary data" error.
    private static Gen<byte[]> ByteInput(params int[] families) =>
        from family in Gen.Elements(families)
        from length in Gen.Choose(0, MaxBytes)
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        select Build(family, length, seed);

    private static byte[] Build(int family, int length, int seed)
    {
        var random = new Random(seed);
        switch (family)
        {
            case 0: // anything
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                return bytes;
            }
            case 1: // no NUL: reaches the Latin-1 fallback
            {
                var bytes = new byte[length];
                for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)random.Next(1, 256);
                return bytes;
            }
            case 2: // UTF-16 with a byte-order mark, then anything
            {
                var bytes = new byte[Math.Max(2, length)];
                random.NextBytes(bytes);
                (bytes[0], bytes[1]) = random.Next(2) == 0 ? ((byte)0xFF, (byte)0xFE) : ((byte)0xFE, (byte)0xFF);
                return bytes;
            }
            case 5: // document-like UTF-8 with noncharacters, byte-order marks and a NUL-free mix of odd code points
            {
                string[] odd = ["\uFFFE", "\uFFFF", "\uFEFF", "\uFDD0", "\U0010FFFF", "\u0301", "\u200B", "\u2028", "\r"];
                var text = new StringBuilder();
                while (text.Length < length / 2)
                    text.Append(RandomLine(random)).Append(odd[random.Next(odd.Length)]).Append('\n');
                return Encoding.UTF8.GetBytes(text.ToString()).Take(MaxBytes).ToArray();
            }
            default: // document-like UTF-8 (sometimes with a BOM), with a few stray bytes that break UTF-8
            {
                var text = new StringBuilder();
                while (text.Length < length / 2) text.Append(RandomLine(random)).Append('\n');
                var bytes = new List<byte>(Encoding.UTF8.GetBytes(text.ToString()));
                if (family == 4) bytes.InsertRange(0, [0xEF, 0xBB, 0xBF]);
                var stray = random.Next(0, 4);
                for (var i = 0; i < stray && bytes.Count > 0; i++) bytes.Insert(random.Next(bytes.Count), (byte)random.Next(0x80, 0x100));
                return bytes.Take(MaxBytes).ToArray();
            }
        }
    }

    private static IEnumerable<NoiseText> ShrinkNoise(NoiseText noise)
    {
        var lines = noise.Lines;
        if (lines.Count == 0) yield break;
        if (lines.Count > 1)
        {
            yield return new NoiseText(lines.Take(lines.Count / 2).ToArray());
            yield return new NoiseText(lines.Skip(lines.Count / 2).ToArray());
        }
        for (var i = 0; i < lines.Count; i++)
            yield return new NoiseText(lines.Where((_, j) => j != i).ToArray());
    }

    /// <summary>Shorter inputs: the shortest prefixes first (most failures sit near the start), then without one chunk.
    /// A UTF-16 byte-order mark stays; chunks are even so UTF-16 stays aligned.</summary>
    private static IEnumerable<byte[]> ShrinkBytes(byte[] bytes)
    {
        var keep = StartsWithUtf16Mark(bytes) ? 2 : 0;
        for (var length = Math.Max(keep, 1); length < bytes.Length; length *= 2)
            yield return bytes[..length];
        var body = bytes.Length - keep;
        if (body <= 0) yield break;
        var chunk = Math.Max(2, body / 16 / 2 * 2);
        if (body <= 2) chunk = 1;
        for (var start = keep; start < bytes.Length; start += chunk)
            yield return [.. bytes[..start], .. bytes[Math.Min(bytes.Length, start + chunk)..]];
    }
}
