using System.Security.Claims;
using Rapporteur.Data.Entities;
using Rapporteur.Data.Search;
using Rapporteur.Web;

namespace Rapporteur.Features.Search;

/// <summary>What the search box, the API and the CLI receive, checked once: the query parsed (never passed to the
/// engine as typed), the filter values from their vocabularies, the page within bounds.</summary>
internal static class SearchInput
{
    public const int DefaultLimit = 20;

    private static readonly string[] BoxTypes = ["followUp", "promisingPractice", "clarificationNote"];
    private static readonly string[] Addressees = ["party", "all"];
    private static readonly string[] Languages = ["en", "fr"];

    /// <summary>The request, or a message saying which value is wrong and what is accepted.</summary>
    public static (SearchRequest? Request, string? Error) Create(string? q, SearchFilters filters, int? offset, int? limit)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var parsed = SearchQuery.Parse(q);
        if (!parsed.Success) return (null, parsed.Error);
        var take = limit ?? DefaultLimit;
        var skip = offset ?? 0;
        if (take is < 1 or > SearchEngine.MaxLimit) return (null, $"limit must be 1 to {SearchEngine.MaxLimit}.");
        if (skip < 0) return (null, "offset must be 0 or more.");
        if (filters.Round is < 1) return (null, "round must be 1 or more.");
        string? error = null;
        string? OneOf(string name, string? value, IReadOnlyList<string> allowed)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var known = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null) error ??= $"{name} must be one of {string.Join(", ", allowed)} (not \"{value}\").";
            return known;
        }
        static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var checkedFilters = filters with
        {
            Type = OneOf("type", filters.Type, SearchTypes.All),
            BoxType = OneOf("boxType", filters.BoxType, BoxTypes),
            Addressee = OneOf("addressee", filters.Addressee, Addressees),
            Language = OneOf("language", filters.Language, Languages),
            Body = Trimmed(filters.Body),
            Party = Trimmed(filters.Party),
            Section = Trimmed(filters.Section),
            Strength = Trimmed(filters.Strength),
            Compliance = Trimmed(filters.Compliance),
            Tag = Trimmed(filters.Tag),
        };
        if (error is not null) return (null, error);
        return (new SearchRequest(parsed.Query!, checkedFilters, skip, take), null);
    }

    /// <summary>What this person may find: staff everything, a focal point its own Party's drafts too, others the public site.</summary>
    public static SearchViewer Viewer(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsStaff()) return SearchViewer.Staff;
        if (user.IsInRole(Roles.FocalPoint) && user.PartyId() is { } party) return SearchViewer.FocalPoint(party);
        return SearchViewer.Public;
    }
}
