namespace Rapporteur.Core.Render.Documents;

/// <summary>The fixed text a published document prints around its content (headings, box titles, the contents), in
/// one language. Renderers and layouts read these instead of hard-coding English, so a French document is the same
/// layout with <see cref="French"/>.</summary>
/// <param name="Language">The ISO 639-1 code, written into the document ("en", "fr").</param>
public sealed record DocumentLabels(
    string Language,
    string Contents,
    string Notes,
    string FollowUp,
    string PromisingPractices,
    string ClarificationNote,
    string Recommendations,
    string Recommendation,
    string AllParties,
    string AllPartiesIncluding,
    string TheParty,
    string Factsheet,
    string CompilationOfReplies,
    string ComplianceReport,
    string MonitoringRound,
    IReadOnlyDictionary<string, string> Strengths)
{
    // The compilation's and the compliance report's own text. Composite formats: {0} is a number or a list of names.

    /// <summary>"round {0}": how a title names its round (the cover adds "Monitoring round {0}" when it does not).</summary>
    public string Round { get; init; } = "round {0}";
    public string Question { get; init; } = "Question {0}";
    public string NoRepliesYet { get; init; } = "No Party has replied yet.";
    public string RepliesOf { get; init; } = "Replies of: {0}";
    public string NoAnswer { get; init; } = "No answer.";
    public string ComplianceCover { get; init; } = "{0} recommendations; the Parties' follow-up (orange) and promising practices (blue) as their factsheets report them.";
    public string NothingReported { get; init; } = "Nothing reported on this recommendation.";
    public string Empty { get; init; } = "(empty)";
    public string FollowUpReported { get; init; } = "follow-up reported";
    public string PromisingPracticeReported { get; init; } = "promising practice reported";
    public string NoInformation { get; init; } = "no information";

    /// <summary>What an implementation report is called (the document's subject).</summary>
    public string ImplementationReport { get; init; } = "Implementation report";

    public static DocumentLabels English { get; } = new(
        "en", "Contents", "Notes", "Follow-up actions", "Promising practices", "Clarification note", "Recommendations",
        "Recommendation", "all Parties", "all Parties, including {0}", "the Party", "Factsheet", "Compilation of replies",
        "Compliance report", "Monitoring round {0}", new Dictionary<string, string>(StringComparer.Ordinal));

    public static DocumentLabels French { get; } = new(
        "fr", "Table des matières", "Notes", "Actions de suivi", "Pratiques prometteuses", "Note de clarification", "Recommandations",
        "Recommandation", "toutes les Parties", "toutes les Parties, dont {0}", "la Partie", "Fiche d'information", "Compilation des réponses",
        "Rapport de conformité", "Cycle de suivi {0}",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["require"] = "exige", ["request"] = "demande", ["invite"] = "invite", ["urge"] = "exhorte", ["consider"] = "considère",
            ["strongly-encourage"] = "encourage vivement", ["encourage"] = "encourage",
        })
    {
        Round = "cycle {0}",
        Question = "Question {0}",
        NoRepliesYet = "Aucune Partie n'a encore répondu.",
        RepliesOf = "Réponses de : {0}",
        NoAnswer = "Pas de réponse.",
        ComplianceCover = "{0} recommandations ; le suivi (orange) et les pratiques prometteuses (bleu) des Parties, tels que leurs fiches d'information les rapportent.",
        NothingReported = "Rien n'a été rapporté sur cette recommandation.",
        Empty = "(vide)",
        FollowUpReported = "suivi rapporté",
        PromisingPracticeReported = "pratique prometteuse rapportée",
        NoInformation = "pas d'information",
        ImplementationReport = "Rapport de mise en œuvre",
    };

    /// <summary>A label with its placeholder filled, the same whatever the machine's culture.</summary>
    public static string Format(string label, object? value) => string.Format(System.Globalization.CultureInfo.InvariantCulture, label, value);

    /// <summary>The labels for "en" or "fr" (any case, "fr-BE" too); null for a language there are none for.</summary>
    public static DocumentLabels? For(string? language)
    {
        var two = language?.Trim().Split('-', '_')[0];
        return string.Equals(two, "fr", StringComparison.OrdinalIgnoreCase) ? French
            : string.Equals(two, "en", StringComparison.OrdinalIgnoreCase) ? English : null;
    }

    /// <summary>A strength key ("request") as this language names it; the key itself when it has no name here.</summary>
    public string Strength(string key) => Strengths.GetValueOrDefault(key, key);

    /// <summary>"Follow-up actions", "Promising practices", "Clarification note".</summary>
    public string BoxType(Model.BoxType type) => type switch
    {
        Model.BoxType.FollowUp => FollowUp,
        Model.BoxType.PromisingPractice => PromisingPractices,
        _ => ClarificationNote,
    };
}
