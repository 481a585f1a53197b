using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;

namespace Rapporteur.Core.Render;

/// <summary>The JSON contract of <c>rapporteur parse --format json</c> (camelCase; other tools read it: keep the names).</summary>
public static class ParseResultJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Render(ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Serialize(ToContract(document), Options);
    }

    public static void Render(ParsedDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        JsonSerializer.Serialize(output, ToContract(document), Options);
    }

    public static ParseJson ToContract(ParsedDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var questions = d.Questionnaire?.Questions.ToList() ?? [];
        return new ParseJson(
            Kind: KindName(d.Kind),
            Party: d.Party?.Name,
            Round: d.Round,
            Title: d.Title,
            Source: d.SourceFile,
            Sections: d.Questionnaire?.Sections.Select(s => new SectionJson(s.Name, s.Questions.Select(q => q.Number).ToList())).ToList() ?? [],
            Questions: questions.Select(q =>
            {
                var a = d.AnswerTo(q.Number);
                return new QuestionJson(q.Number, q.Section, q.Title, q.Text,
                    q.Items.Select(i => i.Letter.ToString()).ToList(),
                    q.Items.ToDictionary(i => i.Letter.ToString(), i => i.Text),
                    q.Prompts.ToList(),
                    a?.Text ?? "",
                    a?.ItemAnswers.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value) ?? [],
                    Line(q.Provenance));
            }).ToList(),
            Chapters: d.Chapters.Select(c => new ChapterJson(c.Number, c.Title, Line(c.Provenance))).ToList(),
            Recommendations: d.Recommendations.Select(r => new RecommendationJson(
                r.Id.Value, r.Strength, r.Addressee.Kind == AddresseeKind.All ? "all" : "party", r.Addressee.Party?.Name,
                r.Chapter, d.HasFollowUp(r.Id), r.Paragraphs.ToList(), r.RecommendedBy.ToList(), r.Text, Line(r.Provenance))).ToList(),
            Boxes: d.Boxes.Select(b => new BoxJson(BoxTypeName(b.Type), b.Chapter, b.Recommendations.Select(r => r.Value).ToList(), b.Heading, b.Text, Line(b.Provenance))).ToList(),
            Footnotes: d.Footnotes.Select(f => new FootnoteJson(f.Number, f.Text, f.Paragraphs.ToList(), f.Recommendations.Select(r => r.Value).ToList(), Line(f.Provenance))).ToList(),
            Warnings: d.Warnings.Select(w => new WarningJson(w.Code, w.Line, w.Message)).ToList());
    }

    public static string KindName(DocumentKind kind) => kind switch
    {
        DocumentKind.Reply => "reply",
        DocumentKind.Factsheet => "factsheet",
        DocumentKind.Report => "report",
        DocumentKind.Recommendations => "recommendations",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string BoxTypeName(BoxType type) => type switch
    {
        BoxType.FollowUp => "followUp",
        BoxType.PromisingPractice => "promisingPractice",
        BoxType.ClarificationNote => "clarificationNote",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static int? Line(Provenance? p) => p?.StartLine;
}

#pragma warning disable CA1002, CA2227 // Plain serialisation contracts.
public sealed record ParseJson(string Kind, string? Party, int? Round, string? Title, string Source, List<SectionJson> Sections, List<QuestionJson> Questions,
    List<ChapterJson> Chapters, List<RecommendationJson> Recommendations, List<BoxJson> Boxes, List<FootnoteJson> Footnotes, List<WarningJson> Warnings);

public sealed record SectionJson(string Name, List<string> Questions);

public sealed record QuestionJson(string Number, string Section, string? Title, string Text, List<string> Items, Dictionary<string, string> ItemTexts,
    List<string> Prompts, string Answer, Dictionary<string, string> ItemAnswers, int? Line);

public sealed record ChapterJson(string Number, string Title, int? Line);

public sealed record RecommendationJson(string Id, string? Strength, string Addressee, string? Party, string? Chapter, bool FollowUp, List<int> Paragraphs,
    List<string> RecommendedBy, string Text, int? Line);

public sealed record BoxJson(string Type, string? Chapter, List<string> Recommendations, string? Heading, string Text, int? Line);

public sealed record FootnoteJson(int Number, string Text, List<int> Paragraphs, List<string> Recommendations, int? Line);

public sealed record WarningJson(string Code, int Line, string Message);
#pragma warning restore CA1002, CA2227
