using System.ComponentModel.DataAnnotations;

namespace Omnichannel.Adapters.WebChat;

/// <summary>Bound from <c>Channels:WebChat</c>.</summary>
public sealed class WebChatOptions
{
    public const string Section = "Channels:WebChat";

    /// <summary>Longest visitor message accepted, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Longest client message id accepted (the widget uses UUIDs).</summary>
    [Range(8, 200)]
    public int MaxClientMessageIdLength { get; set; } = 64;
}
