using System.Text.Json.Nodes;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Messenger;

/// <summary>
/// Pure: how an operator's reply goes out on Messenger. The Send API takes text or one attachment per message, so a
/// reply is its text (with any quick replies) followed by one message per file, in order. A file goes by URL
/// (<c>payload.url</c> = the hub's signed, expiring link, which Meta fetches) when the hub has a public address, else
/// uploaded with the message as <c>filedata</c> (multipart, "upload and send" in one step). Never reusable: a
/// customer's file is not kept by Meta for other messages.
/// </summary>
public static class MessengerFiles
{
    public sealed record Part(JsonObject Body, Attachment? Upload);

    public static IReadOnlyList<Part> Plan(JsonObject textBody, OutboundMessage message, Func<Attachment, Uri?> publicLink)
    {
        var parts = new List<Part>();
        if (message.Text.Trim().Length > 0 || message.Attachments.Count == 0)
            parts.Add(new Part(textBody, null));
        foreach (var file in message.Attachments)
        {
            var body = textBody.DeepClone().AsObject();
            var link = publicLink(file);
            var payload = new JsonObject { ["is_reusable"] = false };
            if (link is not null)
                payload["url"] = link.ToString();
            body["message"] = new JsonObject { ["attachment"] = new JsonObject { ["type"] = TypeOf(file.ContentType), ["payload"] = payload } };
            parts.Add(new Part(body, link is null ? file : null));
        }
        return parts;
    }

    /// <summary>Meta's attachment types: image, audio, video, or file for anything else (PDF, text).</summary>
    public static string TypeOf(string contentType) => contentType.Split('/')[0] switch
    {
        "image" => "image",
        "audio" => "audio",
        "video" => "video",
        _ => "file",
    };

    /// <summary>What to tell the operator when a later part failed after earlier ones reached the customer (no automatic resend: it would repeat them).</summary>
    public static string PartlySent(int sent, int total, string reason) =>
        $"Only {sent} of {total} parts reached Messenger (text first, then one message per file); the rest failed: {reason}. Retrying sends the whole reply again.";
}
