using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Labels;

namespace Omnichannel.Hub.Contacts;

public sealed record IdentityDto(long Id, ChannelKind Channel, string Handle, bool Verified);

public sealed record ContactSummaryDto(long Id, string DisplayName, string? Email, string? Phone, IReadOnlyList<IdentityDto> Identities, int Conversations, DateTime? LastSeenAt);

public sealed record EarlierConversationDto(long Id, ChannelKind Channel, ConversationState State, DateTime CreatedAt, DateTime LastMessageAt, string? Preview, long? AssignedOperatorId);

public sealed record PageViewDto(string Path, string? Title, DateTime At);

/// <summary>What the widget knows about a web visitor: where they are, where they went, their cart and device.</summary>
public sealed record WebSignalsDto(
    string VisitorId, string? CurrentPath, IReadOnlyList<PageViewDto> PageTrail, double? CartValue, int Visits, DateTime FirstSeen, DateTime LastSeen,
    string? Language, string? Browser, string? Device, string? Identity, bool Online);

/// <summary>The proactive greeting the visitor accepted to start this chat.</summary>
public sealed record GreetingContextDto(long RuleId, string RuleName, string Text, DateTime At);

public sealed record CsatGivenDto(long ConversationId, int Score, string? Comment, DateTime AnsweredAt);

/// <summary>The customer panel: the contact, every identity and every conversation on every channel, and the web signals.</summary>
public sealed record ContactProfileDto(
    long Id, string DisplayName, string? Email, string? Phone, string? About, DateTime CreatedAt,
    IReadOnlyList<IdentityDto> Identities, IReadOnlyList<LabelDto> Labels, IReadOnlyList<EarlierConversationDto> Conversations,
    IReadOnlyList<WebSignalsDto> Web, IReadOnlyList<CsatGivenDto> Csat, GreetingContextDto? Greeting, long? MergedIntoContactId);

public sealed record ContactUpdate(string? DisplayName, string? Email, string? Phone, string? About);
