using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Routing;

/// <summary>An offer as the operator's console shows it (with sound and highlight) until accepted, declined or withdrawn.</summary>
public sealed record OfferDto(long Id, long ConversationId, long OperatorId, ChannelKind Channel, string ContactName, string? Preview, DateTime OfferedAt, DateTime ExpiresAt, bool Broadcast, OfferState State)
{
    public static OfferDto From(Offer o, Conversation c, string contactName) =>
        new(o.Id, o.ConversationId, o.OperatorId, c.Channel, contactName, c.LastMessagePreview, o.OfferedAt, o.ExpiresAt, o.Broadcast, o.State);
}

/// <summary>Pushed to supervisors when a web chat is about to miss its promise.</summary>
public sealed record SupervisorAlertDto(long ConversationId, ChannelKind Channel, string ContactName, DateTime WaitingSince, string Reason);

public sealed record TimelineDto(DateTime At, TimelineKind Kind, long? OperatorId, string? Detail);

public sealed record PresenceRequest(Operators.Presence? Presence);

public sealed record OperatorSettingsRequest(int? LiveCapacity, int? AsyncCapacity, bool? AutoAccept, List<string>? Skills);

public sealed record TransferRequest(long? OperatorId);
