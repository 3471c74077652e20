namespace Omnichannel.Hub.Conversations;

/// <summary>Bound from <c>Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>A customer who writes again within this time after a close reopens the same conversation; later, a new one starts.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest reply an operator may send, in characters.</summary>
    public int MaxReplyLength { get; set; } = 4000;
}
