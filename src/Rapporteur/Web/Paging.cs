using Rapporteur.Features.Languages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Rapporteur.Web;

/// <summary>One page of a list endpoint: every list in the API answers with this shape.</summary>
public sealed record Page<T>(int Total, int Offset, int Limit, IReadOnlyList<T> Items);

/// <summary><c>offset</c> (0 or more, default 0) and <c>limit</c> (1 to 1000, default 100), the same on every list endpoint.</summary>
public readonly record struct Paging(int Offset, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The paging asked for, or the 400 ProblemDetails that says what is wrong with it.</summary>
    public static Paging? Read(int? offset, int? limit, out ProblemHttpResult? problem)
    {
        var paging = new Paging(offset ?? 0, limit ?? DefaultLimit);
        problem = paging.Limit is < 1 or > MaxLimit || paging.Offset < 0
            ? TypedResults.Problem(title: Say.Text("Invalid paging"), detail: Say.Format("limit must be 1 to {0} and offset 0 or more.", MaxLimit), statusCode: StatusCodes.Status400BadRequest)
            : null;
        return problem is null ? paging : null;
    }

    /// <summary>Counts the query and reads the page from the database.</summary>
    public async Task<Page<T>> ApplyAsync<T>(IQueryable<T> query, CancellationToken ct) =>
        new(await query.CountAsync(ct), Offset, Limit, await query.Skip(Offset).Take(Limit).ToListAsync(ct));

    /// <summary>The page of a list already in memory (lists sorted in code, e.g. by recommendation id).</summary>
    public Page<T> Apply<T>(IReadOnlyList<T> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        return new(all.Count, Offset, Limit, all.Skip(Offset).Take(Limit).ToList());
    }
}
