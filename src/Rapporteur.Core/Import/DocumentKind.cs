namespace Rapporteur.Core.Import;

/// <summary>What a document is, whatever its format.</summary>
public enum DocumentKind
{
    /// <summary>A Party's reply to a thematic questionnaire (the questions with the Party's answers).</summary>
    Reply,
    /// <summary>A factsheet for one Party: chapters, observations, recommendations, boxes, footnotes.</summary>
    Factsheet,
    /// <summary>An implementation or evaluation report: chapters of numbered paragraphs with recommendations.</summary>
    Report,
    /// <summary>A numbered list of recommendations (UPR style: "116.1 Ratify ... (Chile);").</summary>
    Recommendations,
}
