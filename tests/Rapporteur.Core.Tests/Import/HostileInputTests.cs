using Rapporteur.Core.Import;
using Rapporteur.Core.Tests.Support;

namespace Rapporteur.Core.Tests.Import;

/// <summary>
/// Hostile documents (OWASP ASVS 12.1): valid DOCX and PDF files mutated by a seeded mutator (flipped bytes,
/// truncation, zeroed and repeated runs), and oversized streams. Each import ends within a time bound, without an
/// exception, with a value or one readable line that names the file. The seed is printed on failure to replay it.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Formats => ["docx", "pdf"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Import_MutatedDocument_EndsInBoundedTimeWithAValueOrOneLine(string format)
    {
        var valid = format == "docx" ? ValidDocx() : ValidPdf();
        var name = "hostile." + format;
        for (var seed = 1; seed <= 150; seed++)
        {
            var mutant = Mutate(valid, new Random(seed));
            var result = RunBounded(() => DocumentImporter.Default.Import(new MemoryStream(mutant), name), $"{name} seed {seed}");
            if (result.Success) continue;
            Assert.Equal(name, result.Error!.File);
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Message), $"seed {seed}: empty error");
            Assert.DoesNotContain('\n', result.Error.Message);
        }
    }

    [Theory]
    [InlineData("random.pdf")]
    [InlineData("random.docx")]
    public void Import_RandomBytesWithADocumentExtension_IsOneClearError(string name)
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        var result = RunBounded(() => DocumentImporter.Default.Import(new MemoryStream(bytes), name), name);
        Assert.False(result.Success);
        Assert.Equal(name, result.Error!.File);
        Assert.DoesNotContain('\n', result.Error.Message);
    }

    [Fact]
    public void Import_HundredMegabyteTextStream_IsRefusedAtTheLimitWithoutReadingItAll()
    {
        // 100 MB generated on the fly by a stream that cannot seek, as an upload arrives: nothing holds it whole.
        using var huge = new GeneratedText(100L * 1024 * 1024);
        var options = new ImportOptions { MaxBytes = 20L * 1024 * 1024 };
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var result = RunBounded(() => DocumentImporter.Default.Import(huge, "huge.txt", options), "huge.txt");

        Assert.False(result.Success);
        Assert.Equal("huge.txt", result.Error!.File);
        Assert.Contains("limit", result.Error.Message, StringComparison.Ordinal);
        Assert.True(huge.Position <= options.MaxBytes + 1024 * 1024, $"read {huge.Position:N0} bytes of a stream over the limit");
        // The buffer grows to the limit at most (a MemoryStream doubles: under 3 × the limit in all).
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 3 * options.MaxBytes, "allocated far more than the limit");
    }

    [Fact]
    public void Import_InvalidUtf8_IsReadWithAnEncodingWarning()
    {
        var bytes = "1.1 Answer text caf\u00e9\n"u8.ToArray().Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE, 0x80, (byte)'\n' }).ToArray();
        var result = RunBounded(() => DocumentImporter.Default.Import(new MemoryStream(bytes), "bad.txt", new ImportOptions { Kind = DocumentKind.Reply }), "bad.txt");
        Assert.Contains(result.Warnings, w => w.Code == "encoding");
    }

    /// <summary>One to eight mutations: flipped bytes, a truncation, a zeroed run, a repeated run.</summary>
    internal static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        for (var i = random.Next(1, 9); i > 0 && bytes.Count > 16; i--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    for (var j = at; j < Math.Min(bytes.Count, at + random.Next(1, 512)); j++) bytes[j] = 0;
                    break;
                default:
                    var length = Math.Min(bytes.Count - at, random.Next(1, 4096));
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }
        return [.. bytes];
    }

    private static ParseResult<ParsedDocument> RunBounded(Func<ParseResult<ParsedDocument>> import, string what)
    {
        var task = Task.Run(import, TestContext.Current.CancellationToken);
        try
        {
            Assert.True(task.Wait(Bound, TestContext.Current.CancellationToken), $"{what}: still running after {Bound.TotalSeconds} s");
        }
        catch (AggregateException e)
        {
            throw new Xunit.Sdk.XunitException($"{what} threw {e.InnerException!.GetType().Name}: {e.InnerException.Message}", e.InnerException);
        }
        return task.Result;
    }

    private static byte[] ValidDocx() => new DocxFixture()
        .Paragraph("Reply of Sylvania to the questionnaire")
        .Paragraph("1.1 Are criminal records checked?")
        .Paragraph("Yes, for every coach and volunteer.")
        .Paragraph("1.2 Who checks them?")
        .Paragraph("The national sports federation.")
        .ToBytes();

    private static byte[] ValidPdf()
    {
        using var pdf = new PdfFixture();
        return pdf.Page().Lines(80, ["Reply of Sylvania to the questionnaire", "1.1 Are criminal records checked?", "Yes, for every coach and volunteer.",
            "1.2 Who checks them?", "The national sports federation."]).Build();
    }

    /// <summary>A forward-only stream of lines that look like a reply, generated as it is read.</summary>
    private sealed class GeneratedText(long length) : Stream
    {
        private static readonly byte[] Line = "1.1 The Committee requires all Parties to check the criminal record of coaches.\n"u8.ToArray();
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = Line[(int)((_position + i) % Line.Length)];
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
