namespace Omnichannel.Hub.Labels;

/// <summary>A shop-defined, coloured tag for conversations and contacts (e.g. "refund", "vip").</summary>
public sealed class Label
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>#RRGGBB.</summary>
    public required string Color { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ConversationLabel
{
    public long ConversationId { get; set; }
    public long LabelId { get; set; }
}

public sealed class ContactLabel
{
    public long ContactId { get; set; }
    public long LabelId { get; set; }
}

public sealed record LabelDto(long Id, string Name, string Color)
{
    public static LabelDto From(Label l) => new(l.Id, l.Name, l.Color);
}
