using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>How long each taken web chat slot of the available operators has been held, for the gate's residual times.</summary>
public static class BusySlots
{
    /// <summary>Accepted chats still open, since their accept; pending offers hold a slot from 0 (the chat has not begun).</summary>
    public static async Task<IReadOnlyList<TimeSpan>> ElapsedAsync(IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<OmnichannelDb>();
        var available = db.Operators.Where(o => o.Presence == Presence.Available).Select(o => o.Id);
        var accepted = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == ChannelKind.WebChat && c.State == ConversationState.Assigned && c.AssignedOperatorId != null && available.Contains(c.AssignedOperatorId.Value))
            .Select(c => db.Offers.Where(o => o.ConversationId == c.Id && o.OperatorId == c.AssignedOperatorId && o.State == OfferState.Accepted).Max(o => o.AnsweredAt) ?? c.CreatedAt)
            .ToListAsync(cancellationToken);
        var pending = await db.Offers.AsNoTracking().CountAsync(o => o.State == OfferState.Pending && !o.Broadcast && available.Contains(o.OperatorId), cancellationToken);
        return [.. accepted.Select(at => now - at), .. Enumerable.Repeat(TimeSpan.Zero, pending)];
    }
}
