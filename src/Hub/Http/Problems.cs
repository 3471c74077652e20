using Microsoft.AspNetCore.Http.HttpResults;

namespace Omnichannel.Hub.Http;

/// <summary>
/// The problem-details answers every endpoint gives for a refused request: one status, one title each, so clients see
/// the same title for the same kind of refusal everywhere. The detail says what to change.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Invalid(string detail) => Of(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static ProblemHttpResult Unauthorized(string detail) => Of(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static ProblemHttpResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>404 for an id that names nothing: "Conversation 42 does not exist."</summary>
    public static ProblemHttpResult Missing(string what, long id) => NotFound($"{what} {id} does not exist.");

    public static ProblemHttpResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemHttpResult TooManyRequests(string detail) => Of(StatusCodes.Status429TooManyRequests, "Too many requests", detail);

    /// <summary>Any other status; a null title lets ASP.NET Core give the status's standard title.</summary>
    public static ProblemHttpResult Of(int status, string? title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
