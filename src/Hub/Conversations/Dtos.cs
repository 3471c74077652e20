using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Conversations;

/// <summary>A conversation as the console lists it.</summary>
public sealed record ConversationDto(
    long Id,
    ChannelKind Channel,
    ConversationState State,
    long ContactId,
    string ContactName,
    string ContactHandle,
    long? AssignedOperatorId,
    DateTime CreatedAt,
    DateTime LastMessageAt,
    DateTime? WaitingSince,
    string? LastMessagePreview,
    DateTime? SlaDueAt = null,
    Sla.SlaState SlaState = Sla.SlaState.None,
    Sla.SlaKind? SlaKind = null,
    DateTime? SlaStartedAt = null,
    DateTime? SlaAtRiskAt = null,
    bool Automatic = false,
    IReadOnlyList<long>? LabelIds = null)
{
    /// <remarks>
    /// The SLA fields let the inbox sort by time left and run a countdown: the clock turns at risk at
    /// <see cref="SlaAtRiskAt"/> and breaches at <see cref="SlaDueAt"/> (null when nobody waits for an answer).
    /// LabelIds is filled by the inbox queries and label changes; a push without it (null) leaves the labels as they were.
    /// </remarks>
    public static ConversationDto From(Conversation c, string contactName) => new(
        c.Id, c.Channel, c.State, c.ContactId, contactName, c.ContactHandle, c.AssignedOperatorId,
        c.CreatedAt, c.LastMessageAt, c.WaitingSince, c.LastMessagePreview,
        c.SlaDueAt, Sla.SlaClock.StoredState(c), c.SlaKind, c.SlaStartedAt, c.SlaAtRiskAt, c.Automatic);
}

/// <summary>A message as the console and the widget show it. Text is plain text; clients never render it as HTML.</summary>
public sealed record MessageDto(
    long Id,
    long ConversationId,
    ChannelKind Channel,
    MessageDirection Direction,
    string Text,
    MessageStatus Status,
    string? StatusReason,
    long? OperatorId,
    string? ClientMessageId,
    DateTime CreatedAt,
    bool IsAutomated,
    IReadOnlyList<Attachment> Attachments,
    DateTime? EditedAt = null,
    string? Reaction = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public static MessageDto From(Message m) => new(
        m.Id, m.ConversationId, m.Channel, m.Direction, m.Text, m.Status, m.StatusReason, m.OperatorId,
        m.ClientMessageId ?? ClientIdOf(m), m.CreatedAt, m.IsAutomated, m.Attachments, m.EditedAt, m.Reaction, m.Metadata);

    /// <summary>For web chat, the widget's client id is the tail of the provider id (visitor:client).</summary>
    private static string? ClientIdOf(Message m) =>
        m.Channel == ChannelKind.WebChat && m.Direction == MessageDirection.Inbound && m.ProviderMessageId is { } p
            ? p[(p.IndexOf(':') + 1)..]
            : null;
}
