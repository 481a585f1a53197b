using Rapporteur.Core.Render.Documents;

namespace Rapporteur.Core.Render.Html;

/// <summary>The page's inline style sheet, in the palette the PDF and DOCX renderers use.</summary>
internal static class HtmlStyle
{
    public static string Css { get; } = $$"""
        body { margin: 0 auto; max-width: 50rem; padding: 2rem 1.5rem 4rem; font: 16px/1.55 "DejaVu Sans", system-ui, sans-serif; color: #{{Palette.Ink}}; }
        h1 { font-size: 1.9rem; color: #{{Palette.Heading}}; margin: 0 0 .8rem; }
        h2 { font-size: 1.4rem; color: #{{Palette.Heading}}; margin-top: 2.2rem; border-bottom: 1px solid #{{Palette.Rule}}; padding-bottom: .2rem; }
        h3 { font-size: 1.1rem; margin-top: 1.6rem; }
        h4 { font-size: 1rem; font-style: italic; margin-top: 1.2rem; }
        .cover { border-bottom: 3px solid #{{Palette.Heading}}; padding-bottom: 1rem; margin-bottom: 1.5rem; }
        .cover p { color: #{{Palette.Muted}}; margin: .3rem 0; }
        .contents ol { list-style: none; padding-left: 0; }
        .contents li { margin: .2rem 0; }
        .recommendation { border-left: 4px solid #{{Palette.Rule}}; padding: .1rem 0 .1rem .9rem; margin: 1rem 0; }
        .recommendation .tag { font-size: .85rem; margin: 0 0 .2rem; }
        .recommendation .id { font-weight: 700; }
        .strength { display: inline-block; padding: 0 .5rem; border-radius: 999px; color: #fff; font-weight: 600; }
        .strength-require, .strength-urge { background: #{{Palette.Strength("require")}}; }
        .strength-request, .strength-consider, .strength-strongly-encourage { background: #{{Palette.Strength("request")}}; }
        .strength-invite, .strength-encourage { background: #{{Palette.Strength("invite")}}; }
        .addressee { color: #{{Palette.Muted}}; }
        .box { border-left: 6px solid; border-radius: 4px; padding: .6rem 1rem; margin: 1rem 0; }
        .box p { margin: .4rem 0; }
        .box .label { font-weight: 700; }
        .box-orange { background: #{{Palette.Fill(Shade.Orange)}}; border-color: #{{Palette.Accent(Shade.Orange)}}; }
        .box-blue { background: #{{Palette.Fill(Shade.Blue)}}; border-color: #{{Palette.Accent(Shade.Blue)}}; }
        .box-grey { background: #{{Palette.Fill(Shade.Grey)}}; border-color: #{{Palette.Accent(Shade.Grey)}}; font-style: italic; }
        .box-plain { border: 1px solid #{{Palette.Rule}}; border-left-width: 6px; }
        sup a { text-decoration: none; }
        sup.undefined { color: #{{Palette.Muted}}; }
        .footnotes { font-size: .88rem; color: #{{Palette.Muted}}; }
        .footnotes li:target { background: #fff8c4; }
        .back { text-decoration: none; }
        @media print { body { max-width: none; } .box, .recommendation { break-inside: avoid; } }

        """;
}
