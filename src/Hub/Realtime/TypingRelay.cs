using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Realtime;

/// <summary>Typing indicators both ways: throttled, passed on live, never stored.</summary>
public sealed class TypingRelay(
    OmnichannelDb db, TypingThrottle throttle, IOptionsMonitor<WidgetEmbedOptions> options,
    ConsolePush console, IHubContext<VisitorHub, IVisitorClient> visitors)
{
    /// <summary>The visitor typed in their open conversation: operators see it (and the draft, unless previews are off).</summary>
    public async Task VisitorTypingAsync(string visitorId, string? draft, CancellationToken cancellationToken)
    {
        if (!throttle.Allow("visitor:" + visitorId))
            return;
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId)
            .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.State }).FirstOrDefaultAsync(cancellationToken);
        if (conversation is null || conversation.State == ConversationState.Closed)
            return;
        await console.VisitorTyping(
            new VisitorTypingDto(conversation.Id, !string.IsNullOrWhiteSpace(draft), TypingRules.Preview(draft, options.CurrentValue.TypingPreview)));
    }

    /// <returns>false when the conversation does not exist or is not an open web chat.</returns>
    public async Task<bool> OperatorTypingAsync(long operatorId, string name, long conversationId, bool typing, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Channel, c.ContactHandle, c.State }).FirstOrDefaultAsync(cancellationToken);
        if (conversation is null || conversation.Channel != ChannelKind.WebChat || conversation.State == ConversationState.Closed)
            return false;
        if (throttle.Allow($"operator:{operatorId}:{conversationId}"))
            await visitors.Clients.Group(HubGroups.Visitor(conversation.ContactHandle)).OperatorTyping(new OperatorTypingDto(conversationId, name, typing));
        return true;
    }
}
