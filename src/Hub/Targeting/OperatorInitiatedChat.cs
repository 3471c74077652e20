using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Targeting;

public sealed record StartChatRequest(string? Text);

/// <summary>An operator starts a web chat with a visitor from the live visitors list — only with free live chat capacity.</summary>
public static class OperatorInitiatedChat
{
    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Start(
        string visitorId, StartChatRequest request, HttpContext http, SharedState.ILiveVisitorDirectory live, RoutingQueries routing, OmnichannelDb db,
        IPublisher publisher, OutboxSignal outbox, WidgetStateService widgetState, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 1000)
            return Problems.Of(StatusCodes.Status400BadRequest, null, "Write an opening message (up to 1000 characters).");
        if (await live.FindAsync(visitorId, cancellationToken) is not { } visitor)
            return Problems.Of(StatusCodes.Status404NotFound, null, "This visitor is not on the site now.");
        var me = http.User.OperatorId();
        var candidate = (await routing.CandidatesAsync(cancellationToken)).FirstOrDefault(c => c.OperatorId == me);
        if (candidate is null || candidate.FreeFor(ChannelKind.WebChat) <= 0)
            return Problems.Of(StatusCodes.Status409Conflict, null, "You have no free live chat capacity (be Available with a free chat slot).");
        if (await db.Conversations.AnyAsync(c => c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId && c.State != ConversationState.Closed, cancellationToken))
            return Problems.Of(StatusCodes.Status409Conflict, null, "This visitor already has an open conversation.");

        var now = time.GetUtcNow().UtcDateTime;
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Identities.Any(i => i.Channel == ChannelKind.WebChat && i.Handle == visitorId), cancellationToken);
        if (contact is null)
        {
            db.Contacts.Add(contact = new Contact
            {
                DisplayName = visitor.Name ?? visitorId,
                CreatedAt = now,
                Identities = [new ContactIdentity { Channel = ChannelKind.WebChat, Handle = visitorId }],
            });
        }
        var conversation = new Conversation
        {
            Contact = contact,
            Channel = ChannelKind.WebChat,
            ContactHandle = visitorId,
            State = ConversationState.Assigned,
            AssignedOperatorId = me,
            CreatedAt = now,
            LastMessageAt = now,
        };
        var message = new Message
        {
            Conversation = conversation,
            Channel = ChannelKind.WebChat,
            Direction = MessageDirection.Outbound,
            Text = text,
            Status = MessageStatus.Pending,
            OperatorId = me,
            CreatedAt = now,
        };
        ConversationRules.ApplyReply(conversation, message, me);
        db.Conversations.Add(conversation);
        db.Messages.Add(message);
        db.Outbox.Add(new OutboxItem { Message = message, DueAt = now, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        await live.InviteAsync(visitorId, conversation.Id, cancellationToken);

        var dto = ConversationDto.From(conversation, contact.DisplayName);
        await publisher.Publish(new ConversationChanged(dto), cancellationToken);
        await publisher.Publish(new ReplyQueued(dto, MessageDto.From(message)), cancellationToken);
        await widgetState.RefreshAsync(cancellationToken);
        return TypedResults.Ok(dto);
    }

}
