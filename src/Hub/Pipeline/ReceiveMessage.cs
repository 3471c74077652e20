using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// The one way a customer message enters the hub. Its steps (see <see cref="PipelineExtensions"/>) fill
/// <see cref="Stored"/> as they go, so each later step sees what the earlier ones decided.
/// </summary>
public sealed class ReceiveMessage(InboundMessage inbound) : ICommand<InboundResult>
{
    public InboundMessage Inbound { get; } = inbound;

    /// <summary>Set by the persist step.</summary>
    public StoredInbound? Stored { get; set; }
}

/// <param name="ConversationOpened">True when this message started a new (or reopened a closed) conversation.</param>
public sealed record StoredInbound(Contact Contact, Conversation Conversation, Message Message, bool ConversationOpened);
