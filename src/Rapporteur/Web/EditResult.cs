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
    /// <summary>The refusal as ProblemDetails with the status code that says why.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem(this EditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (status, title) = result.Outcome switch
        {
            EditOutcome.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            EditOutcome.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
            EditOutcome.Conflict => (StatusCodes.Status409Conflict, "Edit conflict"),
            EditOutcome.Closed => (StatusCodes.Status409Conflict, "Closed"),
            _ => (StatusCodes.Status422UnprocessableEntity, "Invalid"),
        };
        return TypedResults.Problem(title: title, detail: result.Message, statusCode: status);
    }
}
