using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.WebChat;

namespace Omnichannel.Hub.Realtime;

/// <summary>The web chat channel's way out: push the operator's reply to every open widget of the visitor.</summary>
public sealed class VisitorPush(VisitorPushes visitors, VisitorMessages messages) : IVisitorPush
{
    public async Task PushAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var dto = await messages.OneAsync(message.MessageId, cancellationToken)
            ?? throw new InvalidOperationException($"Message {message.MessageId} vanished before it was pushed.");
        await visitors.MessageAdded(message.ContactHandle, dto);
    }
}
