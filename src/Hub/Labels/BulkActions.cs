using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Labels;

public enum BulkAction
{
    Close,
    Label,
}

public sealed record BulkRequest(List<long>? ConversationIds, BulkAction? Action, long? LabelId);

/// <summary>What happened to each conversation of a bulk action (one failure does not stop the rest).</summary>
public sealed record BulkResultDto(List<long> Done, Dictionary<long, string> Failed);

public static class BulkActions
{
    public const int MaxBatch = 200;

    public static void MapBulkApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/conversations/bulk", Run).WithTags("Conversations").RequireAuthorization(Policies.Operator);

    public static async Task<Results<Ok<BulkResultDto>, ProblemHttpResult>> Run(
        BulkRequest request, HttpContext http, IMediator mediator, LabelStore labels, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var ids = (request.ConversationIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > MaxBatch)
            return Problems.Invalid($"Choose 1–{MaxBatch} conversations.");
        if (request.Action is not { } action)
            return Problems.Invalid("action must be Close or Label.");
        var existing = await db.Conversations.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var failed = ids.Except(existing).ToDictionary(id => id, id => "does not exist");
        var done = new List<long>();
        if (action == BulkAction.Label)
        {
            if (request.LabelId is not { } labelId || !await db.Set<Label>().AnyAsync(l => l.Id == labelId, cancellationToken))
                return Problems.Invalid("labelId must be an existing label.");
            await labels.AddToConversationsAsync(existing, labelId, cancellationToken);
            done.AddRange(existing);
        }
        else
            foreach (var id in existing)
            {
                var outcome = await mediator.Send(new CloseConversation(id, http.User.OperatorId()), cancellationToken);
                if (outcome.Kind == OutcomeKind.Ok)
                    done.Add(id);
                else
                    failed[id] = outcome.Error ?? outcome.Kind.ToString();
            }
        return TypedResults.Ok(new BulkResultDto(done, failed));
    }
}
