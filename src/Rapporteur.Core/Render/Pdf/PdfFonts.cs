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
internal sealed class PdfFonts : IDisposable
{
    /// <summary>Where Debian's fonts-dejavu-core puts the files.</summary>
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";

    private readonly SKTypeface[] _faces;
    private readonly bool _ownsFaces;
    private readonly Dictionary<(TextStyle, float), SKFont> _fonts = [];

    public PdfFonts(string folder = DefaultFolder)
    {
        string[] files = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"];
        var paths = files.Select(f => Path.Combine(folder, f)).ToArray();
        if (paths.All(File.Exists))
        {
            _faces = paths.Select(p => SKTypeface.FromFile(p)).ToArray();
            _ownsFaces = true;
            if (_faces.All(f => f is not null)) return;
            foreach (var face in _faces) face?.Dispose();
            _ownsFaces = false;
        }
        var fallback = SKTypeface.Default;
        _faces = [fallback, SKTypeface.FromFamilyName(fallback.FamilyName, SKFontStyle.Bold) ?? fallback, SKTypeface.FromFamilyName(fallback.FamilyName, SKFontStyle.Italic) ?? fallback];
        Note = $"the DejaVu Sans fonts were not found in {folder} (install fonts-dejavu-core); the PDF uses the default typeface '{fallback.FamilyName}', which may lack some characters";
    }

    /// <summary>Why the fonts are not the intended ones, or null.</summary>
    public string? Note { get; }

    public SKFont Font(TextStyle style, float size)
    {
        if (!_fonts.TryGetValue((style, size), out var font))
        {
            font = new SKFont(_faces[(int)style], size) { Subpixel = true };
            _fonts[(style, size)] = font;
        }
        return font;
    }

    public float Width(string text, TextStyle style, float size) => Font(style, size).MeasureText(text);

    public void Dispose()
    {
        foreach (var font in _fonts.Values) font.Dispose();
        if (_ownsFaces)
            foreach (var face in _faces) face.Dispose();
    }
}
