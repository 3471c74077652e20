namespace Omnichannel.Hub.Notes;

/// <summary>Bound from <c>Notes</c>.</summary>
public sealed class NotesOptions
{
    public const string Section = "Notes";

    /// <summary>Longest internal note, in characters.</summary>
    public int MaxLength { get; set; } = 4000;
}
