using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Contacts;

/// <summary>A contact's ways to be recognised: e-mail addresses and phone numbers from its identities and edited fields.</summary>
public sealed record ContactKeys(long ContactId, string DisplayName, IReadOnlyList<(ChannelKind Channel, string Handle, bool Verified)> Identities, string? Email, string? Phone, string? WebEmail);

public sealed record MergeSuggestionDto(long ContactId, string ContactName, long OtherContactId, string OtherContactName, string Reason, string Value, bool BothVerified);

/// <summary>Pure: which contacts look like the same person (same e-mail or phone on two channels). Suggested, never merged silently.</summary>
public static class MergeSuggestions
{
    public static IReadOnlyList<MergeSuggestionDto> Find(IEnumerable<ContactKeys> contacts)
    {
        var byKey = new Dictionary<string, List<(ContactKeys Contact, bool Verified)>>();
        foreach (var c in contacts)
            foreach (var (key, verified) in Keys(c).DistinctBy(k => k.Key))
            {
                if (!byKey.TryGetValue(key, out var list))
                    byKey[key] = list = [];
                list.Add((c, verified));
            }
        var seen = new HashSet<(long, long)>();
        var result = new List<MergeSuggestionDto>();
        foreach (var (key, list) in byKey.OrderBy(k => k.Key, StringComparer.Ordinal))
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                {
                    var (a, b) = list[i].Contact.ContactId < list[j].Contact.ContactId ? (list[i], list[j]) : (list[j], list[i]);
                    if (a.Contact.ContactId == b.Contact.ContactId || !seen.Add((a.Contact.ContactId, b.Contact.ContactId)))
                        continue;
                    var (reason, value) = key.StartsWith("email:", StringComparison.Ordinal) ? ("same e-mail", key[6..]) : ("same phone", key[6..]);
                    result.Add(new MergeSuggestionDto(a.Contact.ContactId, a.Contact.DisplayName, b.Contact.ContactId, b.Contact.DisplayName, reason, value, a.Verified && b.Verified));
                }
        return result;
    }

    /// <summary>Normalised keys: "email:ann@example.com", "phone:+31612345678" (WhatsApp's "whatsapp:" prefix dropped).</summary>
    public static IEnumerable<(string Key, bool Verified)> Keys(ContactKeys c)
    {
        foreach (var (channel, handle, verified) in c.Identities)
        {
            if (channel == ChannelKind.Email && Email(handle) is { } e)
                yield return (e, verified);
            else if (channel is ChannelKind.Sms or ChannelKind.WhatsApp && Phone(handle) is { } p)
                yield return (p, verified);
        }
        if (Email(c.Email) is { } email)
            yield return (email, false);
        if (Email(c.WebEmail) is { } web)
            yield return (web, false);
        if (Phone(c.Phone) is { } phone)
            yield return (phone, false);
    }

    private static string? Email(string? value) =>
        value?.Trim() is { Length: > 3 } v && v.Contains('@', StringComparison.Ordinal) ? "email:" + v.ToLowerInvariant() : null;

    private static string? Phone(string? value)
    {
        if (value is null)
            return null;
        var v = value.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? value[9..] : value;
        var digits = new string(v.Where(char.IsDigit).ToArray());
        return digits.Length >= 7 ? "phone:+" + digits : null;
    }
}
