namespace Omnichannel.Hub.Notes;

/// <summary>An internal note in a conversation's timeline: operators only, never sent to the customer (it is not a Message and has no outbox row).</summary>
public sealed class Note
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public long OperatorId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Operators alerted by an @mention in the text (ids, as strings).</summary>
    public List<string> Mentions { get; set; } = [];
    /// <summary>A note only some people see, e.g. a supervisor's whisper; null for every operator. Reserved for supervision.</summary>
    public string? Kind { get; set; }
}

/// <summary>A note as the console shows it.</summary>
public sealed record NoteDto(long Id, long ConversationId, long OperatorId, string OperatorName, string Text, DateTime CreatedAt, IReadOnlyList<long> Mentions)
{
    public static NoteDto From(Note n, string operatorName) => new(
        n.Id, n.ConversationId, n.OperatorId, operatorName, n.Text, n.CreatedAt,
        [.. n.Mentions.Select(m => long.Parse(m, System.Globalization.CultureInfo.InvariantCulture))]);
}

/// <summary>Pushed to a mentioned operator: who mentioned them, where.</summary>
public sealed record MentionDto(long NoteId, long ConversationId, string ContactName, long ByOperatorId, string ByOperatorName, string Text);
