namespace Omnichannel.Hub.Conversations;

/// <summary>Pure state changes of a conversation as messages flow. No I/O; tested with data.</summary>
public static class ConversationRules
{
    public const int PreviewLength = 140;

    public static void ApplyInbound(Conversation conversation, Message message)
    {
        conversation.LastMessageAt = message.CreatedAt;
        conversation.LastMessagePreview = Preview(message.Text);
        conversation.LastInboundAt = message.CreatedAt;
        // Automatic mail (auto-replies, bounces) is shown but does not make a customer wait.
        if (!message.IsAutomated)
        {
            conversation.WaitingSince ??= message.CreatedAt;
            conversation.Automatic = false;
        }
    }

    public static void ApplyReply(Conversation conversation, Message reply, long operatorId)
    {
        conversation.LastMessageAt = reply.CreatedAt;
        conversation.LastMessagePreview = Preview(reply.Text.Length > 0 || reply.Attachments.Count == 0 ? reply.Text : "📎 " + string.Join(", ", reply.Attachments.Select(a => a.Name)));
        conversation.WaitingSince = null;
        if (conversation.State == ConversationState.Waiting)
            Assign(conversation, operatorId);
    }

    public static void Assign(Conversation conversation, long operatorId)
    {
        conversation.State = ConversationState.Assigned;
        conversation.AssignedOperatorId = operatorId;
    }

    /// <param name="acceptedAt">When the latest accepted offer of it was accepted (null: never accepted, no handle time).</param>
    public static void Close(Conversation conversation, DateTime now, DateTime? acceptedAt = null)
    {
        conversation.State = ConversationState.Closed;
        conversation.ClosedAt = now;
        conversation.ResolutionSeconds = ResolutionSeconds(conversation.CreatedAt, now);
        conversation.HandleSeconds = acceptedAt is { } accepted ? ResolutionSeconds(accepted, now) : null;
        conversation.WaitingSince = null;
    }

    /// <summary>A closed conversation the customer writes to again goes back to the queue, unassigned.</summary>
    public static void Reopen(Conversation conversation)
    {
        conversation.State = ConversationState.Waiting;
        conversation.AssignedOperatorId = null;
        conversation.ClosedAt = null;
        conversation.ResolutionSeconds = null;
        conversation.HandleSeconds = null;
    }

    /// <summary>Opened → closed, rounded to the millisecond (what the resolution-time report counts).</summary>
    public static double ResolutionSeconds(DateTime openedAt, DateTime closedAt) => Math.Round((closedAt - openedAt).TotalSeconds, 3);

    public static string Preview(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= PreviewLength ? flat : flat[..(PreviewLength - 1)] + "…";
    }
}
