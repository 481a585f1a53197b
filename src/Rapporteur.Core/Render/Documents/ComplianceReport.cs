using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render.Documents;

/// <summary>What a Party's factsheet shows for one recommendation (a blue box outranks an orange one).</summary>
public enum ComplianceStatus
{
    /// <summary>No follow-up and no promising practice reported.</summary>
    NoInformation,
    /// <summary>The Party reported follow-up actions (an orange box).</summary>
    FollowUpReported,
    /// <summary>The Party reported a promising practice (a blue box).</summary>
    PromisingPractice,
}

/// <summary>One Party's record on one recommendation: the status and the boxes that are its evidence.</summary>
public sealed record ComplianceEvidence(Party Party, ComplianceStatus Status, IReadOnlyList<Box> Boxes);

/// <summary>One recommendation across the Parties it concerns.</summary>
public sealed record ComplianceEntry(Recommendation Recommendation, string? ChapterTitle, IReadOnlyList<ComplianceEvidence> Parties);

/// <summary>The compliance report of a round: one entry per recommendation, with each concerned Party's status and
/// evidence, built from the Parties' factsheets.</summary>
public sealed record ComplianceReport(int Round, string RoundTitle, IReadOnlyList<ComplianceEntry> Entries)
{
    /// <summary>A recommendation addressed to one Party concerns that Party; one addressed to all Parties concerns every
    /// Party that has a factsheet. Entries follow the recommendation ids (II-1, II-2, ..., III-1).</summary>
    public static ComplianceReport From(int round, string roundTitle, IReadOnlyList<Recommendation> recommendations, IReadOnlyList<Factsheet> factsheets)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(factsheets);
        var sheets = factsheets.OrderBy(f => f.Party.Name, StringComparer.Ordinal).ToList();
        var chapterTitles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in sheets.SelectMany(f => f.Chapters)) chapterTitles.TryAdd(c.Chapter.Number, c.Chapter.Title);
        var entries = recommendations.OrderBy(r => r.Id).Select(r =>
        {
            var concerned = r.Addressee.Kind == AddresseeKind.Party && r.Addressee.Party is { } one
                ? [one]
                : sheets.Select(f => f.Party).ToList();
            var evidence = concerned.Select(p => Evidence(p, r.Id, sheets.FirstOrDefault(f => f.Party == p))).ToList();
            var chapter = r.Chapter ?? r.Id.Chapter;
            return new ComplianceEntry(r, chapter is null ? null : chapterTitles.GetValueOrDefault(chapter), evidence);
        }).ToList();
        return new ComplianceReport(round, roundTitle, entries);
    }

    private static ComplianceEvidence Evidence(Party party, RecommendationId id, Factsheet? factsheet)
    {
        var boxes = factsheet?.Chapters.SelectMany(c => c.Blocks).Select(b => b.Box).OfType<Box>().Where(b => b.Recommendations.Contains(id)).ToList() ?? [];
        var status = boxes.Any(b => b.Type == BoxType.PromisingPractice) ? ComplianceStatus.PromisingPractice
            : boxes.Any(b => b.Type == BoxType.FollowUp) ? ComplianceStatus.FollowUpReported
            : ComplianceStatus.NoInformation;
        return new ComplianceEvidence(party, status, boxes);
    }
}

/// <summary>Lays a <see cref="ComplianceReport"/> out: a chapter per report chapter, each recommendation tagged as in
/// the factsheets, then one box per Party in the colour of its status, holding its evidence.</summary>
public static class ComplianceDocument
{
    /// <param name="report">The report (its recommendations and evidence in the language to publish in).</param>
    /// <param name="body">The treaty body, named in the metadata.</param>
    /// <param name="labels">The fixed text's language (English when null).</param>
    public static Publication From(ComplianceReport report, TreatyBody? body = null, DocumentLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        labels ??= DocumentLabels.English;
        var chapters = report.Entries
            .GroupBy(e => e.Recommendation.Chapter ?? e.Recommendation.Id.Chapter ?? "")
            .Select(g => new PublicationChapter(g.Key.Length > 0 ? g.Key : null, g.First().ChapterTitle ?? labels.Recommendations, g.SelectMany(e => Blocks(e, labels)).ToList()))
            .ToList();
        var cover = Publication.RoundLines(report.Round, report.RoundTitle, labels)
            .Append(DocumentLabels.Format(labels.ComplianceCover, report.Entries.Count)).ToList();
        return new Publication(labels.ComplianceReport, cover, chapters, [], (body ?? TreatyBody.Lanzarote).Name,
            labels.ComplianceReport + " — " + DocumentLabels.Format(labels.Round, report.Round))
        {
            Labels = labels,
        };
    }

    public static string StatusText(ComplianceStatus status, DocumentLabels? labels = null)
    {
        labels ??= DocumentLabels.English;
        return status switch
        {
            ComplianceStatus.FollowUpReported => labels.FollowUpReported,
            ComplianceStatus.PromisingPractice => labels.PromisingPracticeReported,
            _ => labels.NoInformation,
        };
    }

    private static IEnumerable<PublicationBlock> Blocks(ComplianceEntry entry, DocumentLabels labels)
    {
        var r = entry.Recommendation;
        yield return PublicationBlock.Heading(labels.Recommendation + " " + r.Id.Value, 2);
        yield return PublicationBlock.Recommendation(new RecommendationTag([r.Id], r.Strength, FactsheetDocument.AddresseeText(r.Addressee, labels)), r.Text);
        foreach (var e in entry.Parties)
        {
            var shade = e.Status switch
            {
                ComplianceStatus.PromisingPractice => Shade.Blue,
                ComplianceStatus.FollowUpReported => Shade.Orange,
                _ => Shade.Plain,
            };
            var text = e.Boxes.Count == 0
                ? labels.NothingReported
                : string.Join("\n\n", e.Boxes.Select(b => FactsheetDocument.BoxLabel(b, labels) + (b.IsEmpty ? " " + labels.Empty : "\n" + b.Text)));
            yield return PublicationBlock.Box(shade, $"{e.Party.Name} — {StatusText(e.Status, labels)}", text);
        }
    }
}
