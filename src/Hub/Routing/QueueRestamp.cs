using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// At start, before the hub serves: stamps <see cref="Conversation.QueueDeadline"/> on queued conversations that have
/// none (a database from before the column, or rows written without <see cref="QueueStamp"/>) and clears it where a
/// conversation left the queue. A page at a time; a no-op on a database that is already consistent.
/// </summary>
public sealed class QueueRestamp(IServiceScopeFactory scopes, IOptions<RoutingOptions> options, ILogger<QueueRestamp> logger) : IHostedService
{
    private const int Batch = 1000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var fixedRows = 0;
        var after = 0L;
        while (true)
        {
            var stale = await db.Conversations.Where(c => c.Id > after)
                .Where(c => (c.QueueDeadline == null && c.State == ConversationState.Waiting && c.AssignedOperatorId == null && !c.Automatic)
                    || (c.QueueDeadline != null && (c.State != ConversationState.Waiting || c.AssignedOperatorId != null || c.Automatic)))
                .OrderBy(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var conversation in stale)
                conversation.QueueDeadline = QueueRules.Deadline(conversation, options.Value.Promise(conversation.Channel));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            fixedRows += stale.Count;
            if (stale.Count < Batch)
                break;
            after = stale[^1].Id;
        }
        if (fixedRows > 0)
            logger.LogInformation("Stamped the routing queue's order on {Count} conversations", fixedRows);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
