using Rapporteur.Features.Languages;

namespace Rapporteur.Web;

/// <summary>How a change requested by a person ended; pages and the API map it to a status code.</summary>
public enum EditOutcome
{
    Saved,
    NotFound,
    Forbidden,
    Conflict,
    Closed,
    Invalid,
}

public sealed record EditResult(EditOutcome Outcome, int Version, string? Message = null);

public static class EditResultExtensions
{
    /// <summary>The HTTP status that says why a change was refused (pages and API alike).</summary>
    public static int StatusCode(this EditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            EditOutcome.Saved => StatusCodes.Status200OK,
            EditOutcome.NotFound => StatusCodes.Status404NotFound,
            EditOutcome.Forbidden => StatusCodes.Status403Forbidden,
            EditOutcome.Conflict or EditOutcome.Closed => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
    }

    /// <summary>The refusal as ProblemDetails with the status code that says why.</summary>
    /// <remarks>A conflict carries both versions as extensions, <c>yourVersion</c> (what the client edited, when
    /// given) and <c>currentVersion</c> (what is stored now), so a client can fetch the current one and merge.</remarks>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem(this EditResult result, int? yourVersion = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome == EditOutcome.Conflict)
        {
            var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["currentVersion"] = result.Version };
            if (yourVersion is { } mine) extensions["yourVersion"] = mine;
            return TypedResults.Problem(title: Say.Text("Edit conflict"), detail: result.Message, statusCode: StatusCodes.Status409Conflict, extensions: extensions);
        }
        var title = result.Outcome switch
        {
            EditOutcome.NotFound => Say.Text("Not found"),
            EditOutcome.Forbidden => Say.Text("Not allowed"),
            EditOutcome.Conflict => Say.Text("Edit conflict"),
            EditOutcome.Closed => "Closed",
            _ => "Invalid",
        };
        return TypedResults.Problem(title: title, detail: result.Message, statusCode: result.StatusCode());
    }
}
