using Microsoft.AspNetCore.WebUtilities;

namespace Omnichannel.Adapters.Tests;

/// <summary>Recorded provider payloads under Payloads/{Channel}/, one file per case.</summary>
public static class Payloads
{
    public static string Text(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", path));

    public static byte[] Bytes(string path) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", path));

    /// <summary>A Twilio webhook body (application/x-www-form-urlencoded) as the fields the receiver reads.</summary>
    public static Dictionary<string, string> Form(string path) =>
        QueryHelpers.ParseQuery("?" + Text(path)).ToDictionary(p => p.Key, p => p.Value.ToString());

    public static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
}
