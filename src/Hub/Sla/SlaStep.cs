using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// Step 3: starts the SLA clock when a customer message waits for a human answer (first response, or next
/// response after a reply), persists its due time and arms the deadline engine. Automatic messages start nothing.
/// </summary>
public sealed class SlaStep(OmnichannelDb db, SlaTracker sla) : IPipelineBehavior<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, MessageHandlerDelegate<ReceiveMessage, InboundResult> next, CancellationToken cancellationToken)
    {
        if (command.Stored is { } stored)
        {
            sla.OnInbound(stored);
            await db.SaveChangesAsync(cancellationToken);
            sla.Saved(stored.Conversation);
        }
        return await next(command, cancellationToken);
    }
}
