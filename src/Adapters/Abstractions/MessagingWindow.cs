namespace Omnichannel.Adapters.Abstractions;

/// <summary>How a reply may go out right now on a channel with a customer-service window.</summary>
public enum WindowMode
{
    /// <summary>No window on this channel (web chat, SMS, Telegram, email): free-form replies any time.</summary>
    Unlimited,
    /// <summary>Inside the window: a free-form reply goes out as written.</summary>
    Open,
    /// <summary>WhatsApp outside 24 h: the reply is sent through the configured approved template.</summary>
    Template,
    /// <summary>Messenger between 24 h and 7 days: the reply is sent with the HUMAN_AGENT tag.</summary>
    HumanAgentTag,
    /// <summary>Outside every window: a reply cannot be delivered; the reason says why.</summary>
    Closed,
}

/// <param name="ClosesAt">When the current mode ends (null when unlimited or closed).</param>
/// <param name="Notice">What the console shows above the reply box (null when nothing needs saying).</param>
public sealed record WindowState(ChannelKind Channel, WindowMode Mode, DateTime? LastInboundAt, DateTime? ClosesAt, string? Notice)
{
    public bool CanReply => Mode != WindowMode.Closed;
}

/// <summary>Pure rules of the providers' customer-service windows. No I/O; tested with data.</summary>
public static class MessagingWindow
{
    public static readonly TimeSpan Standard = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgent = TimeSpan.FromDays(7);

    public static WindowState Evaluate(ChannelKind channel, DateTime? lastInboundAt, DateTime now, bool templateConfigured = false) => channel switch
    {
        ChannelKind.WhatsApp => WhatsApp(lastInboundAt, now, templateConfigured),
        ChannelKind.Messenger => Messenger(lastInboundAt, now),
        _ => new WindowState(channel, WindowMode.Unlimited, lastInboundAt, null, null),
    };

    private static WindowState WhatsApp(DateTime? last, DateTime now, bool templateConfigured)
    {
        if (last is { } l && now < l + Standard)
            return new(ChannelKind.WhatsApp, WindowMode.Open, last, l + Standard, null);
        return templateConfigured
            ? new(ChannelKind.WhatsApp, WindowMode.Template, last, null,
                "The 24-hour WhatsApp window is closed: your reply will be sent inside the approved template.")
            : new(ChannelKind.WhatsApp, WindowMode.Closed, last, null,
                "The 24-hour WhatsApp window is closed and no approved template is configured (Channels:WhatsApp:TemplateContentSid): the customer must write first.");
    }

    private static WindowState Messenger(DateTime? last, DateTime now)
    {
        if (last is { } l && now < l + Standard)
            return new(ChannelKind.Messenger, WindowMode.Open, last, l + Standard, null);
        if (last is { } h && now < h + HumanAgent)
            return new(ChannelKind.Messenger, WindowMode.HumanAgentTag, last, h + HumanAgent,
                "The 24-hour Messenger window is closed: your reply goes out with the HUMAN_AGENT tag (allowed up to 7 days after the customer's last message).");
        return new(ChannelKind.Messenger, WindowMode.Closed, last, null,
            "More than 7 days since the customer's last Messenger message: Meta allows no reply until they write again.");
    }
}
