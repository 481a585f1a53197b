namespace Rapporteur.Core.Import;

/// <summary>A warning about the input: a piece of text the reader could not place, or a doubtful reading.</summary>
/// <param name="Code">Stable, camelCase code ("footnoteUndefined", "pageJunk", ...).</param>
/// <param name="Line">The source line (or paragraph, for DOCX) it concerns; 0 when it concerns the whole file.</param>
/// <param name="Message">A sentence for people. When text was set aside, it quotes that text in full.</param>
public sealed record ParseWarning(string Code, int Line, string Message);

/// <summary>A fatal problem with the input: the file cannot be read as the format or kind it claims.</summary>
/// <param name="Line">The line it concerns, when one does.</param>
public sealed record ParseError(string File, string Message, int? Line = null)
{
    /// <summary>One readable line: "file:line: message".</summary>
    public override string ToString() => Line is { } l ? $"{File}:{l}: {Message}" : $"{File}: {Message}";
}

/// <summary>The result of parsing: a value with warnings, or an error. Expected failures are values, not exceptions.</summary>
public sealed record ParseResult<T>
    where T : class
{
    private ParseResult(T? value, ParseError? error, IReadOnlyList<ParseWarning> warnings)
    {
        Value = value;
        Error = error;
        Warnings = warnings;
    }

    public T? Value { get; }
    public ParseError? Error { get; }
    public IReadOnlyList<ParseWarning> Warnings { get; }

    public bool Success => Error is null;

    internal static ParseResult<T> Create(T? value, ParseError? error, IReadOnlyList<ParseWarning>? warnings) => new(value, error, warnings ?? []);

    /// <summary>The value, or an <see cref="InvalidOperationException"/> naming the error (for callers that checked).</summary>
    public T GetValueOrThrow() => Value ?? throw new InvalidOperationException(Error?.ToString() ?? "No value.");
}

/// <summary>Builds <see cref="ParseResult{T}"/> values.</summary>
public static class ParseResult
{
    public static ParseResult<T> Ok<T>(T value, IReadOnlyList<ParseWarning>? warnings = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return ParseResult<T>.Create(value, null, warnings);
    }

    public static ParseResult<T> Fail<T>(ParseError error, IReadOnlyList<ParseWarning>? warnings = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(error);
        return ParseResult<T>.Create(null, error, warnings);
    }
}
