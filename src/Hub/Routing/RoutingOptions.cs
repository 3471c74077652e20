using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Routing;

/// <summary>Bound from <c>Routing</c>.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>How long a web chat offer waits for accept/decline before it moves to the next operator.</summary>
    public TimeSpan LiveOfferTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The same for asynchronous channels.</summary>
    public TimeSpan AsyncOfferTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Web chat ladder: after this wait the chat is offered to every eligible operator at once.</summary>
    public TimeSpan BroadcastAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Web chat ladder: after this wait the supervisors are alerted.</summary>
    public TimeSpan SupervisorAlertAfter { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>An operator whose console disconnected is set offline (and their conversations re-routed) after this.</summary>
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often offer timeouts and the ladder are checked.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Handle time assumed for predicted wait until enough chats were closed to measure it.</summary>
    public TimeSpan DefaultHandleTime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Typical time for an operator to accept an offer (added to every predicted wait).</summary>
    public TimeSpan AcceptTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Each channel's promise (first response). The queue orders by arrival + promise.</summary>
    public Dictionary<ChannelKind, TimeSpan> Promises { get; set; } = new()
    {
        [ChannelKind.WebChat] = TimeSpan.FromSeconds(30),
        [ChannelKind.WhatsApp] = TimeSpan.FromMinutes(5),
        [ChannelKind.Messenger] = TimeSpan.FromMinutes(5),
        [ChannelKind.Telegram] = TimeSpan.FromMinutes(5),
        [ChannelKind.Sms] = TimeSpan.FromMinutes(5),
        [ChannelKind.Email] = TimeSpan.FromDays(1),
    };

    public TimeSpan Promise(ChannelKind channel) => Promises.TryGetValue(channel, out var promise) ? promise : TimeSpan.FromMinutes(5);

    public TimeSpan OfferTimeout(ChannelKind channel) => channel.IsLive() ? LiveOfferTimeout : AsyncOfferTimeout;
}
