using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

public static class TypingEndpoints
{
    public static void MapTypingApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/conversations/{id:long}/typing", OperatorTyping).WithTags("Conversations").RequireAuthorization(Policies.Operator);

    /// <summary>The operator is typing a reply (or stopped): the visitor sees "Olivia is typing…". At most every 2 s reaches the visitor; never stored.</summary>
    public static async Task<Results<NoContent, NotFound>> OperatorTyping(
        long id, OperatorTypingRequest? request, ClaimsPrincipal user, TypingRelay typing, CancellationToken cancellationToken) =>
        await typing.OperatorTypingAsync(user.OperatorId(), user.FindFirstValue(ClaimTypes.Name) ?? "", id, request?.Typing ?? true, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
}
