namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// What the hub's columns can hold (the same on SQLite and PostgreSQL; PostgreSQL enforces them, SQLite does not):
/// identifiers that do not fit — or carry characters no database text can hold (NUL) — are refused with a reason,
/// never cut (a cut id would merge two messages or two customers); free text is cleaned and cut to fit, and says so.
/// </summary>
public static class StoredLimits
{
    public const int ContactHandle = 320;
    public const int ProviderMessageId = 300;
    public const int ContactName = 200;

    /// <summary>Null when <paramref name="value"/> can be stored as the identifier <paramref name="what"/>, else why not.</summary>
    public static string? IdProblem(string what, string? value, int max) => value switch
    {
        null or "" => $"The {what} is empty.",
        { Length: var n } when n > max => $"The {what} is {n} characters long; at most {max} are stored.",
        _ when value.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 => $"The {what} contains control characters.",
        _ => null,
    };

    /// <summary>Free text as a database can hold it: NUL characters (which PostgreSQL refuses in any text) removed.</summary>
    public static string Clean(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    /// <summary>Free text cut to <paramref name="max"/> characters (never inside a surrogate pair), ending in "…" when cut.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return text[..cut] + "…";
    }

    /// <summary>
    /// Pure: the message as it can be stored — its text cut to the channel's documented limit (<see cref="TextLimits"/>),
    /// the sender's name to the column, NULs removed from free text — or the reason it cannot be stored at all
    /// (an identifier that does not fit). The hub applies it to every message of every channel before storing.
    /// </summary>
    public static (InboundMessage? Message, string? Refusal) Fit(InboundMessage message)
    {
        if (IdProblem("contact handle", message.ContactHandle, ContactHandle) is { } handle)
            return (null, handle);
        if (IdProblem("provider message id", message.ProviderMessageId, ProviderMessageId) is { } id)
            return (null, id);
        var fitted = TextLimits.Clip(message with { Text = Clean(message.Text) });
        return (fitted with
        {
            ContactName = message.ContactName is { } name ? NullIfBlank(Cut(Clean(name), ContactName)) : null,
            ThreadKey = message.ThreadKey is { } key ? Clean(key) : null,
            Metadata = CleanAll(message.Metadata),
        }, null);
    }

    /// <summary>True when <paramref name="id"/> can name a stored message or contact (a look-up with anything else finds nothing).</summary>
    public static bool Usable(string? id, int max) => IdProblem("id", id, max) is null;

    private static IReadOnlyDictionary<string, string> CleanAll(IReadOnlyDictionary<string, string> metadata)
    {
        // A mapper may leave a value null (a provider field that was missing): stored as an empty text.
        if (!metadata.Any(p => p.Key.Contains('\0', StringComparison.Ordinal) || p.Value is null || p.Value.Contains('\0', StringComparison.Ordinal)))
            return metadata;
        var cleaned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
            cleaned[Clean(key)] = value is null ? "" : Clean(value);
        return cleaned;
    }

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
