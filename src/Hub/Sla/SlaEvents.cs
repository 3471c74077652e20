using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Sla;

/// <summary>A clock used <see cref="SlaPolicy.AtRiskRatio"/> of its target: someone should answer now.</summary>
public sealed record SlaAtRisk(SlaAlertDto Alert, ConversationDto Conversation) : INotification;

/// <summary>A promise was broken; the breach is stored.</summary>
public sealed record SlaBreached(BreachDto Breach, ConversationDto Conversation) : INotification;

public sealed record SlaAlertDto(
    long ConversationId, ChannelKind Channel, SlaKind Kind, DateTime StartedAt, DateTime AtRiskAt, DateTime DueAt, DateTime RaisedAt,
    long? AssignedOperatorId, string ContactName);

public sealed record BreachDto(
    long Id, long ConversationId, ChannelKind Channel, SlaKind Kind, double TargetSeconds, bool BusinessHours,
    DateTime StartedAt, DateTime DueAt, DateTime RaisedAt, long? OperatorId, string? ContactName)
{
    public static BreachDto From(Breach b, string? contactName) => new(
        b.Id, b.ConversationId, b.Channel, b.Kind, b.TargetSeconds, b.BusinessHours, b.StartedAt, b.DueAt, b.RaisedAt, b.OperatorId, contactName);
}
