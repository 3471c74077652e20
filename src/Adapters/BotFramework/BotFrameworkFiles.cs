using System.Text.Json.Nodes;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>
/// Pure: the <c>attachments</c> of a reply activity (Activity protocol: <c>contentType</c>, <c>contentUrl</c>, <c>name</c>).
/// A file goes as the hub's signed, expiring link when the hub has a public address; without one, a small image goes
/// inline as a <c>data:</c> URL (the protocol allows it for images; Teams shows it in the chat), anything else cannot go.
/// </summary>
public static class BotFrameworkFiles
{
    /// <summary>Largest image sent inline without a public address.</summary>
    public const long MaxInlineBytes = 256 * 1024;

    public enum Way { Link, Inline, Impossible }

    public static Way HowToSend(Attachment file, Uri? link) =>
        link is not null ? Way.Link
        : file.ContentType.StartsWith("image/", StringComparison.Ordinal) && file.Size is > 0 and <= MaxInlineBytes ? Way.Inline
        : Way.Impossible;

    public static JsonObject Linked(Attachment file, Uri link) => Entry(file, link.ToString());

    public static JsonObject Inline(Attachment file, ReadOnlySpan<byte> bytes) => Entry(file, $"data:{file.ContentType};base64,{Convert.ToBase64String(bytes)}");

    public static string CannotSend(Attachment file) =>
        $"{file.Name ?? "The file"} cannot be sent on Bot Framework without Attachments:PublicBaseUrl (only images up to {MaxInlineBytes / 1024} KB go inline).";

    private static JsonObject Entry(Attachment file, string url) => new()
    {
        ["contentType"] = file.ContentType,
        ["contentUrl"] = url,
        ["name"] = file.Name ?? "file",
    };
}
