using System.Buffers.Binary;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>
/// A smaller copy of a TrueType font that keeps every glyph id (so metrics, the character map and glyph numbers are
/// the font's own) but keeps outlines only for the glyphs asked for, with the glyphs their composites are built from,
/// and drops the tables a PDF viewer never reads (positioning, substitution and kerning for shapers, glyph names).
/// </summary>
/// <remarks>The SkiaSharp build we use embeds a TrueType font whole in every PDF (Skia subsets only when it is built
/// with HarfBuzz's subsetter, which the NuGet native assets are not): about 2 MB of DejaVu per document, deflated
/// for each one. Drawing with a copy made for the document's own glyphs embeds some 20 KB per face instead.</remarks>
internal static class TrueTypeSubset
{
    /// <summary>Tables read by PDF viewers and by FreeType (which Skia uses to read the copy back). The rest (GSUB,
    /// GPOS, GDEF, kern, MATH, hdmx, LTSH, VDMX, FFTM, ...) go; post is cut down to its header (format 3).</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post", "prep",
    };

    /// <summary>The font with outlines for <paramref name="glyphs"/> (and glyph 0) only; null when the bytes are not a
    /// TrueType font with glyf outlines (an OpenType/CFF font, a collection), which callers then embed as it is.</summary>
    public static byte[]? Create(ReadOnlySpan<byte> font, IEnumerable<ushort> glyphs)
    {
        if (font.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(font) is not (0x00010000 or 0x74727565)) return null;
        var count = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        var tables = new Dictionary<string, (int Offset, int Length)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.Slice(12 + 16 * i, 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            if (offset < 0 || length < 0 || offset + length > font.Length) return null;
            tables[tag] = (offset, length);
        }
        if (!tables.TryGetValue("glyf", out var glyf) || !tables.TryGetValue("loca", out var loca) ||
            !tables.TryGetValue("head", out var head) || !tables.TryGetValue("maxp", out var maxp) || head.Length < 54 || maxp.Length < 6)
            return null;

        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font[(head.Offset + 50)..]) == 1;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font[(maxp.Offset + 4)..]);
        if (loca.Length < (glyphCount + 1) * (longOffsets ? 4 : 2)) return null;
        var locaSpan = font.Slice(loca.Offset, loca.Length);
        var glyfSpan = font.Slice(glyf.Offset, glyf.Length);
        var starts = new int[glyphCount + 1];
        for (var g = 0; g <= glyphCount; g++)
            starts[g] = longOffsets ? (int)BinaryPrimitives.ReadUInt32BigEndian(locaSpan[(4 * g)..]) : 2 * BinaryPrimitives.ReadUInt16BigEndian(locaSpan[(2 * g)..]);
        int Start(int g) => starts[g];

        // The glyphs to keep: those asked for, .notdef, and every component of a composite among them.
        var keep = new bool[glyphCount];
        var pending = new Stack<int>();
        pending.Push(0);
        foreach (var g in glyphs) if (g < glyphCount) pending.Push(g);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            if (keep[g]) continue;
            keep[g] = true;
            int start = Start(g), end = Start(g + 1);
            if (end - start < 10 || end > glyfSpan.Length || BinaryPrimitives.ReadInt16BigEndian(glyfSpan[start..]) >= 0) continue;
            var at = start + 10;
            while (at + 4 <= end)
            {
                var flags = BinaryPrimitives.ReadUInt16BigEndian(glyfSpan[at..]);
                var component = BinaryPrimitives.ReadUInt16BigEndian(glyfSpan[(at + 2)..]);
                if (component < glyphCount) pending.Push(component);
                at += 4 + ((flags & 0x1) != 0 ? 4 : 2) + ((flags & 0x8) != 0 ? 2 : (flags & 0x40) != 0 ? 4 : (flags & 0x80) != 0 ? 8 : 0);
                if ((flags & 0x20) == 0) break;
            }
        }

        // The new glyf and loca: kept glyphs' bytes as they are (their lengths are already even, as short offsets need).
        using var newGlyf = new MemoryStream();
        var newLoca = new byte[(glyphCount + 1) * (longOffsets ? 4 : 2)];
        for (var g = 0; g <= glyphCount; g++)
        {
            var offset = (int)newGlyf.Length;
            if (longOffsets) BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * g), (uint)offset);
            else BinaryPrimitives.WriteUInt16BigEndian(newLoca.AsSpan(2 * g), (ushort)(offset / 2));
            if (g == glyphCount || !keep[g]) continue;
            int start = Start(g), end = Start(g + 1);
            if (end > start && end <= glyfSpan.Length) newGlyf.Write(glyfSpan[start..end]);
            if (newGlyf.Length % 2 == 1) newGlyf.WriteByte(0);
        }

        var output = new List<(string Tag, byte[] Data)>();
        foreach (var (tag, (offset, length)) in tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!Kept.Contains(tag)) continue;
            var data = tag switch
            {
                "glyf" => newGlyf.ToArray(),
                "loca" => newLoca,
                "post" when length >= 32 => font.Slice(offset, 32).ToArray(),
                _ => font.Slice(offset, length).ToArray(),
            };
            if (tag == "post" && data.Length == 32) BinaryPrimitives.WriteUInt32BigEndian(data, 0x00030000);
            if (tag == "head") BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), 0);
            if (tag == "hmtx" && tables.TryGetValue("hhea", out var hhea) && hhea.Length >= 36)
                ClearMetrics(data, BinaryPrimitives.ReadUInt16BigEndian(font[(hhea.Offset + 34)..]), keep);
            output.Add((tag, data));
        }
        return Write(output);
    }

    /// <summary>Zeroes the metrics of glyphs that are not kept (zeros deflate to nothing). The last full entry stays:
    /// glyphs after it take its advance.</summary>
    private static void ClearMetrics(byte[] hmtx, int longMetrics, bool[] keep)
    {
        for (var g = 0; g < keep.Length; g++)
        {
            if (keep[g] || g == longMetrics - 1) continue;
            var (at, length) = g < longMetrics ? (4 * g, 4) : (4 * longMetrics + 2 * (g - longMetrics), 2);
            if (at + length <= hmtx.Length) Array.Clear(hmtx, at, length);
        }
    }

    private static byte[] Write(List<(string Tag, byte[] Data)> tables)
    {
        var headerLength = 12 + 16 * tables.Count;
        var total = headerLength + tables.Sum(t => (t.Data.Length + 3) & ~3);
        var result = new byte[total];
        var span = result.AsSpan();
        var entrySelector = (int)Math.Floor(Math.Log2(tables.Count));
        var searchRange = 16 * (1 << entrySelector);
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)tables.Count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(16 * tables.Count - searchRange));
        var at = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (tag, data) = tables[i];
            var record = span.Slice(12 + 16 * i, 16);
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            data.CopyTo(span[at..]);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(span.Slice(at, (data.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            at += (data.Length + 3) & ~3;
        }
        // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
        var head = tables.FindIndex(t => t.Tag == "head");
        if (head >= 0)
        {
            var headOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(12 + 16 * head + 8)..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(span)));
        }
        return result;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4) sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        return sum;
    }
}
