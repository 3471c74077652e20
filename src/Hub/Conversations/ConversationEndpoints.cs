using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <param name="Attachments">URLs returned by POST /api/conversations/{id}/attachments.</param>
public sealed record ReplyRequest(string? Text, string? ClientMessageId, IReadOnlyList<string>? Attachments = null);

public static class ConversationEndpoints
{
    public static void MapConversationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Conversations").RequireAuthorization(Policies.Operator);
        api.MapGet("/conversations", List);
        api.MapGet("/conversations/{id:long}", Get);
        api.MapGet("/conversations/{id:long}/messages", Messages);
        api.MapPost("/conversations/{id:long}/reply", Reply);
        api.MapPost("/conversations/{id:long}/claim", Claim);
        api.MapPost("/conversations/{id:long}/close", Close);
        api.MapPost("/messages/{id:long}/retry", Retry);
    }

    /// <summary>
    /// The inbox: every channel in one list. view = waiting | mine | all | closed; filters label (id), operator (assigned
    /// operator id); pages of up to 200 with offset (a full page means there may be more).
    /// </summary>
    public static async Task<Results<Ok<List<ConversationDto>>, ProblemHttpResult>> List(
        HttpContext http, ConversationQueries queries, Teams.ConversationScopes scopes, CancellationToken cancellationToken, string? view = null, string? channel = null,
        long? label = null, long? @operator = null, int offset = 0, int limit = ConversationQueries.PageSize)
    {
        if (offset < 0 || limit is < 1 or > ConversationQueries.PageSize)
            return Problems.Invalid($"offset must be ≥ 0 and limit 1–{ConversationQueries.PageSize}.");
        if (!Enum.TryParse<InboxView>(view ?? nameof(InboxView.All), ignoreCase: true, out var inbox) || !Enum.IsDefined(inbox))
            return Problems.Invalid("view must be waiting, mine, all or closed.");
        ChannelKind? only = null;
        if (channel is not null)
        {
            if (!Enum.TryParse<ChannelKind>(channel, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Problems.Invalid($"Unknown channel '{channel}'.");
            only = parsed;
        }
        var scope = await scopes.ForAsync(http.User, cancellationToken);
        return TypedResults.Ok(await queries.ListAsync(new InboxQuery(inbox, only, label, @operator, offset, limit), http.User.OperatorId(), cancellationToken, scope));
    }

    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Get(long id, ConversationQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : Problems.Missing("Conversation", id);

    /// <summary>Full history, or what came after a message id.</summary>
    public static async Task<Results<Ok<List<MessageDto>>, ProblemHttpResult>> Messages(
        long id, ConversationQueries queries, CancellationToken cancellationToken, long after = 0) =>
        await queries.FindAsync(id, cancellationToken) is null
            ? Problems.Missing("Conversation", id)
            : TypedResults.Ok(await queries.MessagesAsync(id, after, cancellationToken));

    public static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Reply(
        long id, ReplyRequest request, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new SendReply(id, http.User.OperatorId(), request.Text, request.ClientMessageId) { Attachments = request.Attachments ?? [] }, cancellationToken)).ToHttp();

    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Claim(long id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ClaimConversation(id, http.User.OperatorId()), cancellationToken)).ToHttp();

    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Close(long id, HttpContext http, IMediator mediator, OmnichannelDb db, CancellationToken cancellationToken) =>
        await Ownership.RefusalAsync(db, id, http.User, cancellationToken) is { } refusal
            ? Problems.Forbidden(refusal)
            : (await mediator.Send(new CloseConversation(id, http.User.OperatorId()), cancellationToken)).ToHttp();

    /// <summary>Sending a failed or unconfirmed reply again is a person's choice — the one who owns the conversation.</summary>
    public static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Retry(long id, HttpContext http, IMediator mediator, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var conversationId = await db.Messages.AsNoTracking().Where(m => m.Id == id).Select(m => (long?)m.ConversationId).FirstOrDefaultAsync(cancellationToken);
        if (conversationId is { } cid && await Ownership.RefusalAsync(db, cid, http.User, cancellationToken) is { } refusal)
            return Problems.Forbidden(refusal);
        return (await mediator.Send(new RetryMessage(id), cancellationToken)).ToHttp();
    }
}
