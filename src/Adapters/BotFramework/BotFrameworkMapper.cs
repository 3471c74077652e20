using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>What one Activity means for the inbox.</summary>
public abstract record BotFrameworkEvent;

public sealed record BotFrameworkInbound(InboundMessage Message) : BotFrameworkEvent;

public sealed record BotFrameworkEdit(InboundEdit Edit) : BotFrameworkEvent;

public sealed record BotFrameworkReaction(InboundReaction Reaction) : BotFrameworkEvent;

public sealed record BotFrameworkIgnored(string Reason) : BotFrameworkEvent;

/// <summary>Pure mapping between Bot Framework Activities (JSON) and the hub's messages. No I/O.</summary>
public static partial class BotFrameworkMapper
{
    /// <summary>The activity, or why the body is not one.</summary>
    public static (JsonObject? Activity, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject activity)
                return (null, "The body is not a JSON object.");
            if (Text(activity, "type") is null)
                return (null, "type is missing.");
            if (Text(activity, "serviceUrl") is not { } serviceUrl || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out _))
                return (null, "serviceUrl is missing or not a URL.");
            if (Text(activity["conversation"], "id") is null)
                return (null, "conversation.id is missing.");
            return (activity, null);
        }
        catch (JsonException)
        {
            return (null, "The body is not JSON.");
        }
    }

    public static string? ServiceUrl(JsonObject activity) => Text(activity, "serviceUrl");

    /// <summary>message → a customer message (text, files, card text, card submit payload); messageUpdate → an edit;
    /// messageReaction → a reaction; conversationUpdate, typing and the rest are not for the inbox.
    /// Group conversations (Teams channels, group chats) and other bots are ignored, like Telegram groups.</summary>
    public static BotFrameworkEvent Map(JsonObject activity, DateTime receivedAt)
    {
        var type = Text(activity, "type")!;
        if ((bool?)activity["conversation"]?["isGroup"] == true)
            return new BotFrameworkIgnored($"a {type} in a group conversation");
        if (Text(activity["from"], "role") == "bot")
            return new BotFrameworkIgnored($"a {type} from a bot");
        var address = Address(activity);
        if (address is null)
            return new BotFrameworkIgnored($"a {type} without from/recipient");
        var handle = Handle(address);
        var id = Text(activity, "id");
        switch (type)
        {
            case "message":
                return new BotFrameworkInbound(Message(activity, address, handle, id ?? $"{receivedAt.Ticks}", receivedAt));
            case "messageUpdate" when id is not null:
                return new BotFrameworkEdit(new InboundEdit(ChannelKind.BotFramework, handle, Key(address.ConversationId, id), CleanText(Text(activity, "text") ?? ""), receivedAt));
            case "messageReaction" when Text(activity, "replyToId") is { } target:
                var added = (activity["reactionsAdded"] as JsonArray)?.Select(r => Text(r, "type")).FirstOrDefault(t => t is not null);
                return new BotFrameworkReaction(new InboundReaction(ChannelKind.BotFramework, handle, Key(address.ConversationId, target), added is null ? null : Emoji(added), receivedAt));
            case "typing":
                return new BotFrameworkIgnored("typing");
            case "conversationUpdate":
                return new BotFrameworkIgnored("conversationUpdate (members added or removed)");
            default:
                return new BotFrameworkIgnored($"activity type {type}");
        }
    }

    /// <summary>The contact: the user on that channel (Teams user id, Direct Line user id).</summary>
    public static string Handle(BotFrameworkAddress address) => $"{address.ChannelId}:{address.UserId}";

    /// <summary>A provider id is conversation|activity id (activity ids are unique per conversation).</summary>
    public static string Key(string conversationId, string activityId) => $"{conversationId}|{activityId}";

    private static InboundMessage Message(JsonObject activity, BotFrameworkAddress address, string handle, string id, DateTime receivedAt)
    {
        var text = CleanText(Text(activity, "text") ?? "");
        var attachments = new List<Attachment>();
        var metadata = new Dictionary<string, string>();
        if (activity["attachments"] is JsonArray list)
            foreach (var node in list)
            {
                var contentType = Text(node, "contentType") ?? "application/octet-stream";
                var name = Text(node, "name");
                if (contentType.StartsWith("application/vnd.microsoft.card.", StringComparison.Ordinal))
                {
                    // Adaptive, hero and thumbnail cards: their words, in reading order.
                    var words = string.Join("\n", CardText(node?["content"]));
                    if (words.Length > 0)
                        text = text.Length == 0 ? words : $"{text}\n{words}";
                    metadata[MetadataKeys.Kind] = "card";
                }
                else if (contentType == "application/vnd.microsoft.teams.file.download.info" && Text(node?["content"], "downloadUrl") is { } download)
                    attachments.Add(new Attachment(download, Text(node?["content"], "fileType") is { } ext ? MimeOf(ext) : "application/octet-stream", name));
                else if (Text(node, "contentUrl") is { } url && contentType != "text/html")
                    attachments.Add(new Attachment(url, contentType, name));
            }
        if (activity["value"] is JsonNode value && value.GetValueKind() is JsonValueKind.Object or JsonValueKind.String)
        {
            metadata[MetadataKeys.Kind] = "card_submit";
            metadata[MetadataKeys.Payload] = value.GetValueKind() == JsonValueKind.String ? (string)value! : value.ToJsonString();
            if (text.Length == 0)
                text = "[Card submitted]";
        }
        if (text.Length == 0 && attachments.Count == 0)
            text = "[Unsupported Bot Framework message — open it in the customer's app]";
        return new InboundMessage(ChannelKind.BotFramework, handle, Key(address.ConversationId, id), text, receivedAt)
        {
            ContactName = address.UserName,
            Attachments = attachments,
            Metadata = metadata,
            ThreadKey = address.Serialize(),
        };
    }

    private static BotFrameworkAddress? Address(JsonObject activity)
    {
        var from = activity["from"];
        var recipient = activity["recipient"];
        if (Text(from, "id") is not { } userId || Text(recipient, "id") is not { } botId)
            return null;
        return new BotFrameworkAddress(Text(activity, "serviceUrl")!, Text(activity, "channelId") ?? "unknown", Text(activity["conversation"], "id")!,
            botId, Text(recipient, "name"), userId, Text(from, "name"), Text(activity, "id"));
    }

    /// <summary>Every text a card shows (TextBlock, RichTextBlock runs, FactSet, hero title/subtitle/text), depth-first.</summary>
    public static IEnumerable<string> CardText(JsonNode? card)
    {
        switch (card)
        {
            case JsonObject obj when Text(obj, "type") is null && Text(obj, "title") is { } name && Text(obj, "value") is { } fact:
                yield return $"{name}: {fact}";
                break;
            case JsonObject obj:
                foreach (var key in new[] { "title", "subtitle", "text" })
                    if (Text(obj, key) is { Length: > 0 } words)
                        yield return words;
                foreach (var (key, child) in obj)
                    if (key is "body" or "items" or "columns" or "inlines" or "facts" or "content")
                        foreach (var words in CardText(child))
                            yield return words;
                break;
            case JsonArray array:
                foreach (var item in array)
                    foreach (var words in CardText(item))
                        yield return words;
                break;
        }
    }

    /// <summary>Teams puts mentions of the bot in the text as &lt;at&gt;Name&lt;/at&gt;: they are not the customer's words.</summary>
    private static string CleanText(string text) => MentionTag().Replace(text, "").Trim();

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionTag();

    private static string Emoji(string reaction) => reaction switch
    {
        "like" => "👍",
        "heart" => "❤️",
        "laugh" => "😆",
        "surprised" => "😮",
        "sad" => "😢",
        "angry" => "😠",
        _ => reaction,
    };

    private static string MimeOf(string extension) => extension.ToLowerInvariant() switch
    {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" or "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    };

    private static string? Text(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The reply activity (plain text), addressed back to the user in the same conversation.</summary>
    public static JsonObject Reply(BotFrameworkAddress address, string text) => new()
    {
        ["type"] = "message",
        ["from"] = new JsonObject { ["id"] = address.BotId, ["name"] = address.BotName },
        ["recipient"] = new JsonObject { ["id"] = address.UserId, ["name"] = address.UserName },
        ["conversation"] = new JsonObject { ["id"] = address.ConversationId },
        ["replyToId"] = address.ReplyToId,
        ["text"] = text,
        ["textFormat"] = "plain",
    };

    /// <summary>POST {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}] (Bot Connector REST API).</summary>
    public static Uri ReplyUri(BotFrameworkAddress address)
    {
        var baseUrl = address.ServiceUrl.TrimEnd('/');
        var path = $"/v3/conversations/{Uri.EscapeDataString(address.ConversationId)}/activities";
        if (address.ReplyToId is { } replyTo)
            path += "/" + Uri.EscapeDataString(replyTo);
        return new Uri(baseUrl + path);
    }
}
