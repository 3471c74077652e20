using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Pipeline;

/// <summary>The end of the pipeline: the message is stored; tell everyone who is listening.</summary>
public sealed class ReceiveMessageHandler(IPublisher publisher) : ICommandHandler<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, CancellationToken cancellationToken)
    {
        var stored = command.Stored ?? throw new InvalidOperationException("The persist step did not run.");
        var conversation = ConversationDto.From(stored.Conversation, stored.Contact.DisplayName);
        await publisher.Publish(new MessageReceived(conversation, MessageDto.From(stored.Message), stored.ConversationOpened), cancellationToken);
        return new InboundResult(stored.Conversation.Id, stored.Message.Id, Duplicate: false, stored.Message.CreatedAt);
    }
}
