using Omnichannel.Hub.Pipeline;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// The SLA clock in the inbound transaction: when a customer message waits for a human answer (first response, or
/// next response after a reply) the clock is started on the staged conversation, so its due time is committed with
/// the message. Automatic messages start nothing. The deadline is armed once the MessageReceived event is handled.
/// </summary>
public sealed class SlaStaging(SlaTracker sla) : IInboundStaging
{
    public void Staged(StoredInbound stored) => sla.OnInbound(stored);
}
