namespace Rapporteur.Features.Languages;

/// <summary>The interface's texts: the key is the English text, Ui.fr.resx holds the French. A key missing from the
/// French file shows in English, so a page never breaks for want of a translation.</summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer&lt;Ui&gt;; never instantiated.
public sealed class Ui
#pragma warning restore CA1052
{
    private Ui()
    {
    }
}
