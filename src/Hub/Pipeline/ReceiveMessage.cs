using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;

namespace Omnichannel.Hub.Pipeline;

/// <summary>The one way a customer message enters the hub (see <see cref="ReceiveMessageHandler"/> for its flow).</summary>
public sealed record ReceiveMessage(InboundMessage Inbound) : ICommand<InboundResult>;

/// <param name="ConversationOpened">True when this message started a new (or reopened a closed) conversation.</param>
public sealed record StoredInbound(Contact Contact, Conversation Conversation, Message Message, bool ConversationOpened)
{
    /// <summary>The MessageReceived event written in the same transaction (null when read back after a restart).</summary>
    public DomainEvent? Event { get; init; }

    /// <summary>The live connection the message came over (<see cref="InboundMessage.SentOver"/>; null when read back).</summary>
    public string? SentOver { get; init; }

    /// <summary>The conversation was created for this message (not found, not reopened): no offer of it exists or
    /// existed when it was committed, so routing can start from the entity in memory instead of reading it back.</summary>
    public bool Created { get; init; }

    /// <summary>A created conversation's routing decision, taken in the writer's transaction and committed with the
    /// message (<see cref="InboundRouting"/>): its event's handler publishes it instead of routing. Null otherwise.</summary>
    public Routing.GroupedDecision? Routed { get; init; }
}
