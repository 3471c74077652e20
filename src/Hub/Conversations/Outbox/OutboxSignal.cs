using Omnichannel.Hub.Scheduling;

namespace Omnichannel.Hub.Conversations.Outbox;

/// <summary>Wakes the outbox dispatcher as soon as something was written to the outbox.</summary>
public sealed class OutboxSignal : WakeSignal;
