using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Messenger;

/// <summary>One thing a webhook delivery told us.</summary>
public abstract record MessengerEvent;

/// <summary>A customer message (text, attachments, quick reply, postback, edit).</summary>
public sealed record MessengerInbound(InboundMessage Message) : MessengerEvent;

/// <summary>Our message moved on: echo (Sent) or delivery (Delivered), by message id.</summary>
public sealed record MessengerStatus(string Mid, MessageStatus Status) : MessengerEvent;

/// <summary>The customer read (or received) everything we sent up to <see cref="Watermark"/>.</summary>
public sealed record MessengerRead(string Psid, DateTime Watermark) : MessengerEvent
{
    public MessageStatus Status { get; init; } = MessageStatus.Read;
}

/// <summary>The customer edited a message; <see cref="AsNew"/> is stored instead when the original is unknown.</summary>
public sealed record MessengerEdit(InboundEdit Edit, InboundMessage AsNew) : MessengerEvent;

/// <summary>The customer reacted to (or unreacted from) a message.</summary>
public sealed record MessengerReaction(InboundReaction Reaction) : MessengerEvent;

/// <summary>An event we do not act on (optins, referrals...), kept for logging.</summary>
public sealed record MessengerIgnored(string Kind) : MessengerEvent;

/// <summary>An event we cannot use (missing mid or sender, timestamp out of range): skipped with the reason, so the
/// rest of the batch is still processed and Meta does not retry (or disable) the subscription for it.</summary>
public sealed record MessengerSkipped(string Reason) : MessengerEvent;

/// <summary>Pure: Meta's webhook signature, payloads and Send API bodies. No I/O.</summary>
public static class MessengerMapper
{
    /// <summary>X-Hub-Signature-256 is "sha256=" + hex HMAC-SHA256 of the raw body with the app secret; compared in constant time.</summary>
    public static bool SignatureMatches(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        const string prefix = "sha256=";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length != prefix.Length + 64)
            return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string Sign(ReadOnlySpan<byte> body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>Every entry and every messaging event of a delivery, or the reason the body is malformed.</summary>
    public static (IReadOnlyList<MessengerEvent> Events, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return ([], "The body is not JSON.");
        }
        if (root is not JsonObject obj || obj["object"]?.GetValueKind() != JsonValueKind.String)
            return ([], "The body is not a webhook delivery (object is missing).");
        if ((string?)obj["object"] != "page")
            return ([new MessengerIgnored($"object {(string?)obj["object"]}")], null);
        if (obj["entry"] is not JsonArray entries)
            return ([], "entry is missing.");
        var events = new List<MessengerEvent>();
        foreach (var entry in entries)
            if (entry is JsonObject && entry["messaging"] is JsonArray messaging)
                foreach (var item in messaging)
                    if (item is JsonObject e)
                        events.Add(MapOrSkip(e));
        return (events, null);
    }

    private static MessengerEvent MapOrSkip(JsonObject e)
    {
        try
        {
            return Map(e);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException or ArgumentException or OverflowException or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return new MessengerSkipped($"A messaging event is malformed: {ex.Message}");
        }
    }

    private static MessengerEvent Map(JsonObject e)
    {
        var sender = (string?)e["sender"]?["id"] is { Length: > 0 } id ? id : null;
        var recipient = (string?)e["recipient"]?["id"];
        var at = FromUnixMs(e["timestamp"]);
        if (e["message"] is JsonObject message)
        {
            var mid = (string?)message["mid"] ?? throw new FormatException("message.mid is missing");
            if ((bool?)message["is_echo"] == true)
                return new MessengerStatus(mid, MessageStatus.Sent);
            var metadata = new Dictionary<string, string>();
            var text = MessageText(message, metadata, out var attachments);
            if ((string?)message["quick_reply"]?["payload"] is { } quickPayload)
            {
                metadata[MetadataKeys.Kind] = "quick_reply";
                metadata[MetadataKeys.Payload] = quickPayload;
            }
            return new MessengerInbound(Inbound(sender, mid, text, at, attachments) with { Metadata = metadata });
        }
        if (e["message_edit"] is JsonObject edit)
        {
            var mid = (string?)edit["mid"] ?? throw new FormatException("message_edit.mid is missing");
            var n = (int?)edit["num_edit"] ?? 1;
            var text = (string?)edit["text"] ?? "";
            var psid = sender ?? throw new FormatException("sender.id is missing");
            return new MessengerEdit(new InboundEdit(ChannelKind.Messenger, psid, mid, text, at), Inbound(sender, $"{mid}#edit{n}", $"✏️ Edited: {text}", at, []));
        }
        if (e["postback"] is JsonObject postback)
        {
            var mid = (string?)postback["mid"] ?? $"postback:{sender}:{(long?)e["timestamp"]}";
            var payload = (string?)postback["payload"];
            var metadata = new Dictionary<string, string> { [MetadataKeys.Kind] = "postback" };
            if (payload is not null)
                metadata[MetadataKeys.Payload] = payload;
            if ((string?)postback["referral"]?["ref"] is { } reference)
                metadata[MetadataKeys.StartParameter] = reference;
            return new MessengerInbound(Inbound(sender, mid, (string?)postback["title"] ?? payload ?? "[button]", at, []) with { Metadata = metadata });
        }
        if (e["reaction"] is JsonObject reaction)
        {
            var mid = (string?)reaction["mid"] ?? throw new FormatException("reaction.mid is missing");
            var removed = (string?)reaction["action"] == "unreact";
            var emoji = removed ? null : (string?)reaction["emoji"] ?? (string?)reaction["reaction"] ?? "👍";
            return new MessengerReaction(new InboundReaction(ChannelKind.Messenger, sender ?? throw new FormatException("sender.id is missing"), mid, emoji, at));
        }
        if (e["delivery"] is JsonObject delivery)
        {
            var mids = delivery["mids"] as JsonArray;
            if (mids is { Count: > 0 })
                return new MessengerDelivery([.. mids.Select(m => (string)m!)]);
            return sender is null ? new MessengerIgnored("delivery") : new MessengerRead(sender, FromUnixMs(delivery["watermark"])) { Status = MessageStatus.Delivered };
        }
        if (e["read"] is JsonObject read)
            return new MessengerRead(sender ?? throw new FormatException("sender.id is missing"), FromUnixMs(read["watermark"]));
        return new MessengerIgnored(e.Select(p => p.Key).FirstOrDefault(k => k is not ("sender" or "recipient" or "timestamp")) ?? "empty");
    }

    private static InboundMessage Inbound(string? psid, string mid, string text, DateTime at, IReadOnlyList<Attachment> attachments) =>
        new(ChannelKind.Messenger, psid ?? throw new FormatException("sender.id is missing"), mid, text, at) { Attachments = attachments };

    private static string MessageText(JsonObject message, Dictionary<string, string> metadata, out List<Attachment> attachments)
    {
        attachments = [];
        var text = (string?)message["text"] ?? "";
        if (message["attachments"] is JsonArray list)
            foreach (var a in list)
            {
                var type = (string?)a?["type"] ?? "file";
                var payload = a?["payload"];
                var url = (string?)payload?["url"] ?? (string?)a?["url"];
                if (type == "location" && payload?["coordinates"] is JsonObject c)
                {
                    var lat = ((double?)c["lat"] ?? 0).ToString(CultureInfo.InvariantCulture);
                    var lon = ((double?)c["long"] ?? 0).ToString(CultureInfo.InvariantCulture);
                    text = $"📍 Location: {(string?)a?["title"] ?? ""} ({lat}, {lon})".Replace(":  (", ": (", StringComparison.Ordinal);
                    attachments.Add(new Attachment($"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}", "application/vnd.geo+link", "Location"));
                    metadata[MetadataKeys.Kind] = "location";
                    metadata[MetadataKeys.Latitude] = lat;
                    metadata[MetadataKeys.Longitude] = lon;
                }
                else if (type == "fallback")
                {
                    // A shared link or content Meta cannot pass through: its title, and the link when there is one.
                    var title = (string?)a?["title"] ?? (string?)payload?["title"];
                    metadata[MetadataKeys.Kind] = "fallback";
                    if (text.Length == 0)
                        text = title ?? (url is null ? "[Shared content — open it in the Page inbox]" : "[Shared link]");
                    if (url is not null && attachments.All(x => x.Url != url))
                        attachments.Add(new Attachment(url, "text/uri-list", title));
                }
                else if (url is not null)
                {
                    // A sticker comes as an image attachment plus sticker_id (and sometimes twice): one image, named.
                    var sticker = payload?["sticker_id"] is not null || message["sticker_id"] is not null;
                    if (sticker)
                    {
                        metadata[MetadataKeys.Kind] = "sticker";
                        text = text.Length > 0 ? text : "[Sticker]";
                    }
                    if (attachments.All(x => x.Url != url))
                        attachments.Add(new Attachment(url, ContentType(type), (string?)a?["title"] ?? (sticker ? "Sticker" : null)));
                }
                else
                    text = text.Length > 0 ? text : $"[Unsupported Messenger attachment: {type}]";
            }
        if (text.Length == 0 && attachments.Count == 0)
            text = "[Unsupported Messenger message — open it in the Page inbox]";
        return text;
    }

    private static string ContentType(string type) => type switch
    {
        "image" => "image/*",
        "video" => "video/*",
        "audio" => "audio/*",
        _ => "application/octet-stream",
    };

    private static DateTime FromUnixMs(JsonNode? node) =>
        node is null ? DateTime.UnixEpoch : DateTimeOffset.FromUnixTimeMilliseconds((long)node).UtcDateTime;

    /// <summary>The Send API body for a reply: RESPONSE inside 24 h, MESSAGE_TAG + HUMAN_AGENT up to 7 days, or a refusal.</summary>
    public static (JsonObject? Body, string? Refusal, WindowMode Mode) PlanSend(OutboundMessage message, DateTime now)
    {
        var window = MessagingWindow.Evaluate(ChannelKind.Messenger, message.LastInboundAt, now);
        if (window.Mode == WindowMode.Closed)
            return (null, window.Notice, window.Mode);
        var body = new JsonObject
        {
            ["recipient"] = new JsonObject { ["id"] = message.ContactHandle },
            ["messaging_type"] = window.Mode == WindowMode.HumanAgentTag ? "MESSAGE_TAG" : "RESPONSE",
            ["message"] = new JsonObject { ["text"] = message.Text },
        };
        if (window.Mode == WindowMode.HumanAgentTag)
            body["tag"] = "HUMAN_AGENT";
        if (message.QuickReplies.Count > 0)
            body["message"]!["quick_replies"] = new JsonArray([.. message.QuickReplies.Take(13).Select(q =>
                (JsonNode)new JsonObject { ["content_type"] = "text", ["title"] = q, ["payload"] = q })]);
        return (body, null, window.Mode);
    }

    /// <summary>Reads a Graph error body: its message and code (0 when absent).</summary>
    public static (string Message, int Code) GraphError(string body, int httpStatus)
    {
        try
        {
            if (JsonNode.Parse(body)?["error"] is JsonObject error)
                return ((string?)error["message"] ?? $"HTTP {httpStatus}", (int?)error["code"] ?? 0);
        }
        catch (JsonException)
        {
        }
        return ($"HTTP {httpStatus}", 0);
    }

    /// <summary>Graph answers token problems with 400 + OAuthException code 190 (expired, revoked) or 10/200 (permission).</summary>
    public static bool IsCredentialsProblem(int httpStatus, int code) =>
        SendFailures.IsCredentialsProblem(httpStatus) || code is 190 or 102 or 10 or 200;

    /// <summary>Rate limits and temporary errors are retried even when Graph answers them with 400.</summary>
    public static bool IsTransient(int httpStatus, int code) =>
        SendFailures.IsTransient(httpStatus) || code is 1 or 2 or 4 or 17 or 32 or 613;
}

/// <summary>Delivery receipts for several messages.</summary>
public sealed record MessengerDelivery(IReadOnlyList<string> Mids) : MessengerEvent;
