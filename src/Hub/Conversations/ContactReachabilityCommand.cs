using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>The customer blocked us on a channel (or came back): replies there are refused with the reason until they return.</summary>
public sealed record SetContactReachability(ContactReachability Change) : ICommand<bool>;

public sealed class SetContactReachabilityHandler(OmnichannelDb db, IPublisher publisher) : ICommandHandler<SetContactReachability, bool>
{
    public async ValueTask<bool> Handle(SetContactReachability command, CancellationToken cancellationToken)
    {
        var change = command.Change;
        var identity = await db.ContactIdentities.FirstOrDefaultAsync(i => i.Channel == change.Channel && i.Handle == change.ContactHandle, cancellationToken);
        if (identity is null || identity.BlockedReason == change.BlockedReason)
            return false;
        identity.BlockedReason = change.BlockedReason;
        identity.BlockedAt = change.BlockedReason is null ? null : change.At;
        await db.SaveChangesAsync(cancellationToken);
        var open = await db.Conversations.Include(c => c.Contact)
            .Where(c => c.ContactId == identity.ContactId && c.Channel == change.Channel && c.State != ConversationState.Closed)
            .ToListAsync(cancellationToken);
        foreach (var conversation in open)
            await publisher.Publish(new ConversationChanged(ConversationDto.From(conversation, conversation.Contact!.DisplayName)), cancellationToken);
        return true;
    }
}
