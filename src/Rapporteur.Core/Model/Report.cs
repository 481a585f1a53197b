namespace Rapporteur.Core.Model;

/// <summary>An implementation report: chapters of numbered paragraphs, and the recommendations it adopts.</summary>
public sealed record ImplementationReport
{
    public ImplementationReport(string title, int? round, IReadOnlyList<ReportChapter> chapters, IReadOnlyList<Recommendation> recommendations)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(chapters);
        ArgumentNullException.ThrowIfNull(recommendations);
        var dup = chapters.SelectMany(c => c.Paragraphs).GroupBy(p => p.Number).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Paragraph {dup.Key} appears twice.", nameof(chapters));
        Title = title;
        Round = round;
        Chapters = chapters;
        Recommendations = recommendations;
    }

    public string Title { get; }
    public int? Round { get; }
    public IReadOnlyList<ReportChapter> Chapters { get; }
    public IReadOnlyList<Recommendation> Recommendations { get; }
}

/// <summary>A chapter of a report or factsheet, numbered with a Roman numeral ("II").</summary>
public sealed record Chapter
{
    public Chapter(string number, string title, Provenance? provenance = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentNullException.ThrowIfNull(title);
        Number = number;
        Title = title;
        Provenance = provenance;
    }

    public string Number { get; }
    public string Title { get; }
    public Provenance? Provenance { get; }
}

public sealed record ReportChapter
{
    public ReportChapter(Chapter chapter, IReadOnlyList<ReportParagraph> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(chapter);
        ArgumentNullException.ThrowIfNull(paragraphs);
        Chapter = chapter;
        Paragraphs = paragraphs;
    }

    public Chapter Chapter { get; }
    public IReadOnlyList<ReportParagraph> Paragraphs { get; }
}

/// <summary>A numbered paragraph of a report.</summary>
public sealed record ReportParagraph
{
    public ReportParagraph(int number, string text, Provenance? provenance = null)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number), number, "Paragraphs are numbered from 1.");
        ArgumentNullException.ThrowIfNull(text);
        Number = number;
        Text = text;
        Provenance = provenance;
    }

    public int Number { get; }
    public string Text { get; }
    public Provenance? Provenance { get; }
}
