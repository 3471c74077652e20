using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Pipeline;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// Step 3: the SLA clock. When a customer message waits for a human answer (first response, or next response
/// after a reply) the clock is started and its due time written in the same commit as the message
/// (<see cref="SlaStaging"/>, run by the inbound writer); this step then arms the deadline engine for it.
/// Automatic messages start nothing.
/// </summary>
public sealed class SlaStep(SlaTracker sla) : IPipelineBehavior<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, MessageHandlerDelegate<ReceiveMessage, InboundResult> next, CancellationToken cancellationToken)
    {
        if (command.Stored is { } stored)
            sla.Saved(stored.Conversation);
        return await next(command, cancellationToken);
    }
}

/// <summary>Starts or restarts the clock on the staged conversation, so its due time is committed with the message.</summary>
public sealed class SlaStaging(SlaTracker sla) : IInboundStaging
{
    public void Staged(StoredInbound stored) => sla.OnInbound(stored);
}
