using System.Text.Json;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>Where a reply to a Bot Framework conversation goes: kept as the conversation's thread key, refreshed by
/// every activity the customer sends (the serviceUrl can change).</summary>
public sealed record BotFrameworkAddress(
    string ServiceUrl, string ChannelId, string ConversationId, string BotId, string? BotName, string UserId, string? UserName, string? ReplyToId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static BotFrameworkAddress? Parse(string? threadKey)
    {
        if (string.IsNullOrWhiteSpace(threadKey))
            return null;
        try
        {
            return JsonSerializer.Deserialize<BotFrameworkAddress>(threadKey, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
