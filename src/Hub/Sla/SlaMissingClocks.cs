using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>Start-up repair: customers who wait without a running clock get one, from when they started waiting.</summary>
internal sealed class SlaMissingClocks(IServiceScopeFactory scopes, SlaPolicies policies, ILogger logger)
{
    public async Task<int> StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var waiting = await db.Conversations
            .Where(c => c.State != ConversationState.Closed && c.WaitingSince != null && c.SlaKind == null)
            .ToListAsync(cancellationToken);
        foreach (var conversation in waiting)
            SlaClock.Start(policies.For(conversation.Channel), conversation,
                conversation.FirstRespondedAt is null ? SlaKind.FirstResponse : SlaKind.NextResponse, conversation.WaitingSince!.Value);
        if (waiting.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Started SLA clocks for {Count} conversations already waiting", waiting.Count);
        }
        return waiting.Count;
    }
}
