using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

public sealed record VisitorSend(string? ClientMessageId, string? Text);

/// <summary>The widget's answer to a send: stored (persisted before this is returned).</summary>
public sealed record VisitorAck(string ClientMessageId, long ConversationId, long MessageId, DateTime CreatedAt, bool Duplicate);

/// <summary>/hubs/visitor: the widget's connection, authenticated by the hub-signed visitor token; <see cref="VisitorGate"/>
/// lets nobody else in.</summary>
/// <remarks>SignalR makes a hub for every call: each method takes the services it uses as parameters (resolved for that
/// call only, never sent by the client), so a message sent does not build what typing, history or the wait need.</remarks>
public sealed class VisitorHub : Hub<IVisitorClient>
{
    private string VisitorId => Context.User!.VisitorId();

    public override async Task OnConnectedAsync()
    {
        // One group, the visitor's own: every connection here is a widget, so "every widget" is the hub's All, not a
        // second group each idle connection would carry.
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Visitor(VisitorId));
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Sends a message. Safe to repeat with the same client id: it is stored once. A new chat is only
    /// started while a human can answer within the promise; otherwise the visitor is told why and where
    /// else to write — nothing is kept as a ticket or an offline message.
    /// </summary>
    /// <remarks>The message first goes to the visitor's open chat, if they have one (nothing is checked before: it is
    /// one of theirs). Only when there is none is the new chat checked, and the message sent again to start it.</remarks>
    public async Task<VisitorAck> Send(VisitorSend message, [FromServices] WebChatReceiver receiver,
        [FromServices] Routing.WidgetStateService widgetState, [FromServices] Protection.WidgetQuotas quotas, [FromServices] Reports.TurnedAwayRecorder turnedAway)
    {
        try
        {
            var result = await receiver.ReceiveAsync(VisitorId, message.ClientMessageId, message.Text, onlyIntoOpen: true, Context.ConnectionAborted, Context.ConnectionId);
            if (result.NoOpenConversation)
            {
                await MayStartChatAsync(widgetState, quotas, turnedAway);
                result = await receiver.ReceiveAsync(VisitorId, message.ClientMessageId, message.Text, onlyIntoOpen: false, Context.ConnectionAborted, Context.ConnectionId);
            }
            return new VisitorAck(message.ClientMessageId!, result.ConversationId, result.MessageId, result.CreatedAt, result.Duplicate);
        }
        catch (WebChatRejectedException rejected)
        {
            throw new HubException(rejected.Message);
        }
    }

    /// <summary>A new chat starts only while a human can answer within the promise, and within the IP's quota of new chats.</summary>
    private async Task MayStartChatAsync(Routing.WidgetStateService widgetState, Protection.WidgetQuotas quotas, Reports.TurnedAwayRecorder turnedAway)
    {
        var state = await widgetState.CurrentAsync(Context.ConnectionAborted);
        if (state.State != Routing.WidgetAvailability.Available)
            state = await widgetState.RefreshAsync(Context.ConnectionAborted);
        if (state.State == Routing.WidgetAvailability.Busy)
            await turnedAway.RecordAsync(Reports.TurnedAwayKind.ChatRefused, state.PredictedWaitSeconds, null, Context.ConnectionAborted);
        if (state.State != Routing.WidgetAvailability.Available)
            throw new HubException(state.Message);
        await quotas.NewChatAsync(Protection.WidgetQuotaFilter.ClientIp(Context));
    }

    /// <summary>The visitor is typing (the draft so far; empty: stopped). Passed to operators at most every 2 s, never stored.</summary>
    public Task Typing(string? draft, [FromServices] TypingRelay typing) => typing.VisitorTypingAsync(VisitorId, draft is { Length: > 4000 } ? draft[^4000..] : draft, Context.ConnectionAborted);

    /// <summary>Where the visitor's conversation stands while it waits for a person: place in the queue, predicted wait, promise, slipping (null: nothing waiting).</summary>
    public Task<Routing.VisitorWaitDto?> Waiting([FromServices] Routing.VisitorWait wait) => wait.ForVisitorAsync(VisitorId, Context.ConnectionAborted);

    /// <summary>The widget's current state: available, busy (with the alternatives) or closed (with the hours).</summary>
    public Task<Routing.WidgetState> State([FromServices] Routing.WidgetStateService widgetState) => widgetState.CurrentAsync(Context.ConnectionAborted);

    /// <summary>The visitor's current conversation, or messages of one of theirs after a given id (what they missed).</summary>
    public async Task<VisitorHistory> History(long? conversationId, long afterMessageId,
        [FromServices] ConversationQueries queries, [FromServices] VisitorMessages visitorMessages)
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
