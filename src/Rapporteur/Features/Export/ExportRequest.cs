using System.Globalization;
using System.Security.Claims;
using Rapporteur.Data.Entities;
using Rapporteur.Web;

namespace Rapporteur.Features.Export;

/// <summary>What can be exported: one row per recommendation, per answer (question, item or prompt), per version of
/// an assessment, per matrix cell (recommendation × concerned Party).</summary>
public enum ExportDataset
{
    Recommendations,
    Replies,
    Assessments,
    Matrix,
}

public enum ExportFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>The filters of an export, as the matrix has them; null means any. Names are matched as people type them
/// (treaty body in any case). <see cref="Status"/> is, for recommendations and matrix cells, a compliance-scale key or
/// an evidence word (as in the matrix); for assessments the current assessment; for replies <c>draft</c> or
/// <c>submitted</c>. <see cref="Tag"/> is an accepted tag, "vocabulary:code" or a bare code (a recommendation's for
/// recommendations, assessments and matrix cells, a reply's for replies); <see cref="Language"/> ("en" or "fr") keeps the
/// rows whose text is in that language — a recommendation's translation when it has one — except for the matrix, whose
/// cells all stay and carry their recommendation's text in that language (an up-to-date translation, else the source,
/// said so in the <c>translation</c> column); <see cref="TranslatedOnly"/> (matrix only) keeps the cells whose
/// recommendation is available in <see cref="Language"/>.</summary>
public sealed record ExportFilter(string? Body = null, int? Round = null, string? Party = null, string? Chapter = null, string? Strength = null,
    string? Addressee = null, string? Status = null, string? Tag = null, string? Language = null, bool TranslatedOnly = false)
{
    /// <summary>"round=3 party=Ruritania": the filters that are set, for the audit log and file names.</summary>
    public override string ToString() => string.Join(' ', new (string Name, string? Value)[]
        {
            ("body", Body), ("round", Round?.ToString(CultureInfo.InvariantCulture)), ("party", Party), ("chapter", Chapter),
            ("strength", Strength), ("addressee", Addressee), ("status", Status), ("tag", Tag), ("language", Language),
            ("translated", TranslatedOnly ? Compliance.MatrixLanguage.Only : null),
        }.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Name}={f.Value}"));
}

/// <summary>Who is asking, which decides what an export may hold: the public sees submitted replies only; a focal point
/// also its own Party's drafts; staff (and the command line, which has the database file) everything.</summary>
public sealed record ExportViewer(bool Staff, int? PartyId)
{
    public static ExportViewer Public { get; } = new(false, null);

    public static ExportViewer Everything { get; } = new(true, null);

    public static ExportViewer Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.IsStaff(), user.IsInRole(Roles.FocalPoint) ? user.PartyId() : null);
    }
}

/// <summary>Parses the names people and URLs use for datasets and formats.</summary>
public static class ExportNames
{
    public static IReadOnlyList<string> Datasets { get; } = ["recommendations", "replies", "assessments", "matrix"];

    public static IReadOnlyList<string> Formats { get; } = ["csv", "xlsx", "json"];

    public static ExportDataset? Dataset(string? name) =>
        Enum.TryParse<ExportDataset>(name, ignoreCase: true, out var d) && Datasets.Contains(name!.ToLowerInvariant()) ? d : null;

    public static ExportFormat? Format(string? name) =>
        Enum.TryParse<ExportFormat>(name, ignoreCase: true, out var f) && Formats.Contains(name!.ToLowerInvariant()) ? f : null;

    public static string Name(this ExportDataset dataset) => Datasets[(int)dataset];

    public static string Extension(this ExportFormat format) => Formats[(int)format];

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Json => "application/json; charset=utf-8",
        _ => Core.Render.Tables.XlsxTable.ContentType,
    };

    /// <summary>"lanzarote-round-3-replies.csv", "replies.csv" when the export spans rounds.</summary>
    public static string FileName(ExportDataset dataset, ExportFormat format, ExportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        if (filter.Body is { Length: > 0 } b) parts.Add(b.ToLowerInvariant());
        if (filter.Round is { } r) parts.Add("round-" + r.ToString(CultureInfo.InvariantCulture));
        if (filter.Party is { Length: > 0 } p) parts.Add(p.ToLowerInvariant());
        parts.Add(dataset.Name());
        var name = string.Join('-', parts);
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '-').ToArray());
        return $"{safe}.{format.Extension()}";
    }
}
