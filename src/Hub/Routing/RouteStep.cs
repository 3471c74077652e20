using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Pipeline;

namespace Omnichannel.Hub.Routing;

/// <summary>Pipeline step: a conversation that waits for a human is offered to the best free operator (or queued by deadline).</summary>
public sealed class RouteStep(RoutingEngine routing, Rules.RoutingNeedsStep needs) : IPipelineBehavior<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, MessageHandlerDelegate<ReceiveMessage, InboundResult> next, CancellationToken cancellationToken)
    {
        var conversation = command.Stored!.Conversation;
        if (conversation.State == ConversationState.Waiting && conversation.AssignedOperatorId is null)
        {
            await needs.ApplyAsync(command.Stored, cancellationToken);
            await routing.RouteAsync(conversation.Id, cancellationToken);
        }
        return await next(command, cancellationToken);
    }
}
