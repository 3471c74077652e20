using Microsoft.AspNetCore.Http.HttpResults;
using Omnichannel.Hub.Http;

namespace Omnichannel.Hub.Conversations;

public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>What a command decided: a value, or why not. Endpoints turn it into a status with a problem-details body.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, string? Error)
{
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, null);
    public static Outcome<T> Invalid(string error) => new(OutcomeKind.Invalid, default, error);
    public static Outcome<T> NotFound(string error) => new(OutcomeKind.NotFound, default, error);
    public static Outcome<T> Forbidden(string error) => new(OutcomeKind.Forbidden, default, error);
    public static Outcome<T> Conflict(string error) => new(OutcomeKind.Conflict, default, error);

    public Results<Ok<T>, ProblemHttpResult> ToHttp() => Kind switch
    {
        OutcomeKind.Ok => TypedResults.Ok(Value!),
        OutcomeKind.Invalid => Problems.Invalid(Error!),
        OutcomeKind.NotFound => Problems.NotFound(Error!),
        OutcomeKind.Forbidden => Problems.Forbidden(Error!),
        _ => Problems.Conflict(Error!),
    };
}
