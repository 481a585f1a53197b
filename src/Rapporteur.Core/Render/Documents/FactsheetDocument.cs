using System.Text.RegularExpressions;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render.Documents;

/// <summary>Lays a factsheet out for publishing: the preamble as the cover, the chapters with their blocks, each
/// recommendation tagged with its ids, strength and addressee, and the Party's boxes in their colours.</summary>
public static partial class FactsheetDocument
{
    /// <param name="factsheet">The factsheet.</param>
    /// <param name="recommendations">The recommendations its blocks cite (strength and addressee come from here).</param>
    /// <param name="body">The treaty body, named in the metadata.</param>
    /// <param name="labels">The fixed text's language (English when null); the content comes as it is given.</param>
    public static Publication From(Factsheet factsheet, IReadOnlyList<Recommendation> recommendations, TreatyBody? body = null, DocumentLabels? labels = null)
    {
        labels ??= DocumentLabels.English;
        ArgumentNullException.ThrowIfNull(factsheet);
        ArgumentNullException.ThrowIfNull(recommendations);
        var byId = recommendations.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var title = factsheet.Preamble.Count > 0 ? factsheet.Preamble[0] : factsheet.Title;
        var cover = WithoutTableOfContents(factsheet.Preamble.Skip(factsheet.Preamble.Count > 0 ? 1 : 0)).ToList();
        var chapters = factsheet.Chapters.Select(c => new PublicationChapter(c.Chapter.Number, c.Chapter.Title,
            c.Blocks.Select(b => Block(b, byId, factsheet.Party, labels)).ToList())).ToList();
        return new Publication(title, cover, chapters, factsheet.Footnotes, (body ?? TreatyBody.Lanzarote).Name, labels.Factsheet + " — " + factsheet.Party.Name)
        {
            Labels = labels,
        };
    }

    /// <summary>The label a box opens with, as the factsheet parser reads it back: "Follow-up actions:", or the type
    /// followed by the box's own heading ("Clarification note in relation to ...").</summary>
    public static string BoxLabel(Box box, DocumentLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(box);
        var type = (labels ?? DocumentLabels.English).BoxType(box.Type);
        return box.Heading is { Length: > 0 } heading ? $"{type} {heading}" : type + ":";
    }

    public static string BoxTypeName(BoxType type) => type switch
    {
        BoxType.FollowUp => "Follow-up actions",
        BoxType.PromisingPractice => "Promising practices",
        _ => "Clarification note",
    };

    public static Shade ShadeOf(BoxType type) => type switch
    {
        BoxType.FollowUp => Shade.Orange,
        BoxType.PromisingPractice => Shade.Blue,
        _ => Shade.Grey,
    };

    /// <summary>"Netherlands", or "all Parties" (with the Party named after "including", when there is one).</summary>
    public static string AddresseeText(Addressee addressee, DocumentLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(addressee);
        labels ??= DocumentLabels.English;
        return addressee.Kind == AddresseeKind.Party ? addressee.Party?.Name ?? labels.TheParty
            : addressee.Party is { } p ? string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.AllPartiesIncluding, p.Name) : labels.AllParties;
    }

    private static PublicationBlock Block(FactsheetBlock b, Dictionary<RecommendationId, Recommendation> byId, Party party, DocumentLabels labels) => b.Kind switch
    {
        BlockKind.Heading => PublicationBlock.Heading(b.Text, 2, b.Footnotes),
        BlockKind.CommitteePromisingPractice => PublicationBlock.Heading(b.Text, 3, b.Footnotes),
        BlockKind.Recommendation => PublicationBlock.Recommendation(Tag(b.Recommendations, byId, party, labels), b.Text, b.Footnotes),
        BlockKind.Box => PublicationBlock.Box(ShadeOf(b.Box!.Type), BoxLabel(b.Box, labels), b.Text, b.Footnotes),
        _ => PublicationBlock.Paragraph(b.Text, b.Footnotes),
    };

    private static RecommendationTag Tag(IReadOnlyList<RecommendationId> ids, Dictionary<RecommendationId, Recommendation> byId, Party party, DocumentLabels labels)
    {
        var known = ids.Select(byId.GetValueOrDefault).OfType<Recommendation>().ToList();
        var strength = known.Select(r => r.Strength).FirstOrDefault(s => s is not null);
        var addressee = known.Count > 0 ? AddresseeText(known[0].Addressee, labels) : party.Name;
        return new RecommendationTag(ids, strength, addressee);
    }

    /// <summary>The preamble without its own table of contents (a "Table of Contents" line and the chapter lines after
    /// it): each format prints a fresh one, with the pages it has.</summary>
    private static IEnumerable<string> WithoutTableOfContents(IEnumerable<string> preamble)
    {
        var inContents = false;
        foreach (var line in preamble)
        {
            if (ContentsHeading().IsMatch(line.Trim()))
            {
                inContents = true;
                continue;
            }
            if (inContents && ContentsEntry().IsMatch(line)) continue;
            inContents = false;
            yield return line;
        }
    }

    [GeneratedRegex(@"^(Table of Contents?|Contents)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ContentsHeading();

    [GeneratedRegex(@"^[IVXLC]{1,6}\.?\s", RegexOptions.CultureInvariant)]
    private static partial Regex ContentsEntry();
}
