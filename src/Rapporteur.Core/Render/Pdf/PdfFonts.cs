using System.Collections.Concurrent;
using SkiaSharp;

namespace Rapporteur.Core.Render.Pdf;

/// <summary>The styles text is set in.</summary>
internal enum TextStyle
{
    Regular,
    Bold,
    Italic,
}

/// <summary>The typefaces the PDF embeds: DejaVu Sans (regular, bold, oblique), which covers Latin with every accent
/// French and Dutch use, the typographic quotes and dashes, and the superscript digits of footnote markers. Without
/// the font files, Skia's default typeface stands in and <see cref="Note"/> says so.</summary>
/// <remarks>
/// One instance per render: its <see cref="SKFont"/>s are not shared between threads. The whole typefaces are loaded
/// once per process and never disposed (Skia typefaces are immutable and safe to share), so no render releases a
/// typeface another render still measures or draws with. Text is measured with them; it is drawn with copies cut
/// down to the glyphs of this document (<see cref="Reduce"/>), which this instance owns and disposes after the
/// document is closed.
/// </remarks>
internal sealed class PdfFonts : IDisposable
{
    /// <summary>Where Debian's fonts-dejavu-core puts the files.</summary>
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";

    private static readonly ConcurrentDictionary<string, Lazy<FaceSet>> Sets = new(StringComparer.Ordinal);

    private readonly FaceSet _faces;
    private readonly Dictionary<(TextStyle, float), SKFont> _fonts = [];
    private readonly Dictionary<(TextStyle, float), SKFont> _drawing = [];
    private readonly SKTypeface?[] _reduced = new SKTypeface?[3];

    public PdfFonts(string folder = DefaultFolder) => _faces = Sets.GetOrAdd(folder, f => new Lazy<FaceSet>(() => FaceSet.Load(f))).Value;

    /// <summary>Why the fonts are not the intended ones, or null.</summary>
    public string? Note => _faces.Note;

    /// <summary>The font text is measured with (the whole typeface).</summary>
    public SKFont Font(TextStyle style, float size)
    {
        if (!_fonts.TryGetValue((style, size), out var font))
        {
            font = new SKFont(_faces.Full[(int)style], size) { Subpixel = true };
            _fonts[(style, size)] = font;
        }
        return font;
    }

    public float Width(string text, TextStyle style, float size) => Font(style, size).MeasureText(text);

    /// <summary>The font text is drawn with: the copy of the typeface made by <see cref="Reduce"/> (same glyph ids
    /// and advances as <see cref="Font"/>, so what was measured is what is drawn), else the whole one.</summary>
    public SKFont DrawingFont(TextStyle style, float size)
    {
        if (_reduced[(int)style] is not { } face) return Font(style, size);
        if (!_drawing.TryGetValue((style, size), out var font))
        {
            font = new SKFont(face, size) { Subpixel = true };
            _drawing[(style, size)] = font;
        }
        return font;
    }

    /// <summary>Makes, for each style the pages use, a copy of its typeface with the outlines of their glyphs only
    /// (and of the page numbers' digits); <paramref name="extra"/> is text drawn besides the pages' own.</summary>
    public void Reduce(IEnumerable<PdfPage> pages, string extra)
    {
        if (_faces.Bytes is null) return;
        var texts = new System.Text.StringBuilder[3];
        foreach (var page in pages)
            foreach (var text in page.Texts)
                (texts[(int)text.Style] ??= new()).Append(text.Text);
        (texts[(int)TextStyle.Regular] ??= new()).Append(extra);
        for (var i = 0; i < 3; i++)
        {
            if (texts[i] is null || _reduced[i] is not null) continue;
            var glyphs = Font((TextStyle)i, 10).GetGlyphs(texts[i].ToString());
            if (TrueTypeSubset.Create(_faces.Bytes[i], glyphs) is not { } subset) continue;
            using var data = SKData.CreateCopy(subset);
            _reduced[i] = SKTypeface.FromData(data);
        }
    }

    public void Dispose()
    {
        // The fonts before the typefaces they were made on; called once the document is closed.
        foreach (var font in _fonts.Values) font.Dispose();
        foreach (var font in _drawing.Values) font.Dispose();
        foreach (var face in _reduced) face?.Dispose();
    }

    /// <summary>The three typefaces of one font folder and their files' bytes, loaded once per process.</summary>
    private sealed record FaceSet(SKTypeface[] Full, byte[][]? Bytes, string? Note)
    {
        public static FaceSet Load(string folder)
        {
            string[] files = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"];
            var paths = files.Select(f => Path.Combine(folder, f)).ToArray();
            if (paths.All(File.Exists))
            {
                var bytes = paths.Select(File.ReadAllBytes).ToArray();
                var full = bytes.Select(b =>
                {
                    using var data = SKData.CreateCopy(b);
                    return SKTypeface.FromData(data);
                }).ToArray();
                if (full.All(f => f is not null)) return new FaceSet(full, bytes, null);
                foreach (var face in full) face?.Dispose();
            }
            var fallback = SKTypeface.Default;
            SKTypeface[] faces = [fallback, SKTypeface.FromFamilyName(fallback.FamilyName, SKFontStyle.Bold) ?? fallback, SKTypeface.FromFamilyName(fallback.FamilyName, SKFontStyle.Italic) ?? fallback];
            return new FaceSet(faces, null,
                $"the DejaVu Sans fonts were not found in {folder} (install fonts-dejavu-core); the PDF uses the default typeface '{fallback.FamilyName}', which may lack some characters");
        }
    }
}
