using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

public sealed record VisitorSend(string? ClientMessageId, string? Text);

/// <summary>The widget's answer to a send: stored (persisted before this is returned).</summary>
public sealed record VisitorAck(string ClientMessageId, long ConversationId, long MessageId, DateTime CreatedAt, bool Duplicate);

/// <summary>/hubs/visitor: the widget's connection, authenticated by the hub-signed visitor token.</summary>
[Authorize(AuthenticationSchemes = AuthSchemes.Visitor)]
public sealed class VisitorHub(WebChatReceiver receiver, ConversationQueries queries, VisitorMessages visitorMessages) : Hub<IVisitorClient>
{
    private string VisitorId => Context.User!.VisitorId();

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Visitor(VisitorId));
        await base.OnConnectedAsync();
    }

    /// <summary>Sends a message. Safe to repeat with the same client id: it is stored once.</summary>
    public async Task<VisitorAck> Send(VisitorSend message)
    {
        try
        {
            var result = await receiver.ReceiveAsync(VisitorId, message.ClientMessageId, message.Text, Context.ConnectionAborted);
            return new VisitorAck(message.ClientMessageId!, result.ConversationId, result.MessageId, result.CreatedAt, result.Duplicate);
        }
        catch (WebChatRejectedException rejected)
        {
            throw new HubException(rejected.Message);
        }
    }

    /// <summary>The visitor's current conversation, or messages of one of theirs after a given id (what they missed).</summary>
    public async Task<VisitorHistory> History(long? conversationId, long afterMessageId)
    {
        var conversation = conversationId is { } id
            ? await queries.FindAsync(id, Context.ConnectionAborted)
            : await queries.CurrentForVisitorAsync(VisitorId, Context.ConnectionAborted);
        if (conversation is null)
            return conversationId is null ? new VisitorHistory(null, false, []) : throw new HubException("This conversation is not yours.");
        if (conversation.Channel != Adapters.Abstractions.ChannelKind.WebChat || conversation.ContactHandle != VisitorId)
            throw new HubException("This conversation is not yours.");
        var messages = await visitorMessages.AfterAsync(conversation.Id, afterMessageId, Context.ConnectionAborted);
        return new VisitorHistory(conversation.Id, conversation.State == ConversationState.Closed, messages);
    }
}

public sealed record VisitorHistory(long? ConversationId, bool Closed, IReadOnlyList<VisitorMessageDto> Messages);
