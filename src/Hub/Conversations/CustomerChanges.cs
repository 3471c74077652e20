using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>The customer edited one of their messages: the text changes in place and is shown as edited. No new
/// message, no new SLA clock, no new offer — the customer is not waiting any more (or less) than before.</summary>
public sealed record EditMessage(InboundEdit Edit) : ICommand<bool>;

public sealed class EditMessageHandler(OmnichannelDb db, IPublisher publisher) : ICommandHandler<EditMessage, bool>
{
    public async ValueTask<bool> Handle(EditMessage command, CancellationToken cancellationToken)
    {
        var edit = command.Edit;
        var message = await db.Messages.Include(m => m.Conversation).FirstOrDefaultAsync(
            m => m.Channel == edit.Channel && m.ProviderMessageId == edit.ProviderMessageId && m.Direction == MessageDirection.Inbound
                 && m.Conversation!.ContactHandle == edit.ContactHandle, cancellationToken);
        if (message is null)
            return false;
        if (!CustomerChangeRules.ApplyEdit(message, message.Conversation!, edit))
            return true;
        await db.SaveChangesAsync(cancellationToken);
        await publisher.Publish(new MessageUpdated(MessageDto.From(message)), cancellationToken);
        return true;
    }
}

/// <summary>The customer reacted to a message of theirs or ours (null emoji: took the reaction back).</summary>
public sealed record ReactToMessage(InboundReaction Reaction) : ICommand<bool>;

public sealed class ReactToMessageHandler(OmnichannelDb db, IPublisher publisher) : ICommandHandler<ReactToMessage, bool>
{
    public async ValueTask<bool> Handle(ReactToMessage command, CancellationToken cancellationToken)
    {
        var reaction = command.Reaction;
        var message = await db.Messages.FirstOrDefaultAsync(
            m => m.Channel == reaction.Channel && m.ProviderMessageId == reaction.ProviderMessageId
                 && m.Conversation!.ContactHandle == reaction.ContactHandle, cancellationToken);
        if (message is null)
            return false;
        if (message.Reaction == reaction.Emoji)
            return true;
        message.Reaction = reaction.Emoji;
        await db.SaveChangesAsync(cancellationToken);
        await publisher.Publish(new MessageUpdated(MessageDto.From(message)), cancellationToken);
        return true;
    }
}

/// <summary>Pure rules for changes a customer makes to what is already stored. No I/O; tested with data.</summary>
public static class CustomerChangeRules
{
    /// <summary>Applies an edit (false when it changes nothing: a redelivered or older edit).</summary>
    public static bool ApplyEdit(Message message, Conversation conversation, InboundEdit edit)
    {
        if (message.Text == edit.Text || (message.EditedAt is { } last && edit.EditedAt < last))
            return false;
        message.Text = edit.Text;
        message.EditedAt = edit.EditedAt;
        var latest = conversation.LastMessageAt <= message.CreatedAt;
        if (latest)
            conversation.LastMessagePreview = ConversationRules.Preview(edit.Text);
        return true;
    }
}
