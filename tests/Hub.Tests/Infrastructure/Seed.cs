using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Infrastructure;

public static class Seed
{
    /// <summary>An open conversation with a contact on the channel, assigned to the operator.</summary>
    public static async Task<long> ConversationAsync(HubFactory hub, ChannelKind channel, long operatorId, string? handle = null, string? name = null, string firstMessage = "Hello?")
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        handle ??= channel switch
        {
            ChannelKind.WhatsApp => $"whatsapp:+3162{Random.Shared.Next(1000000, 9999999)}",
            ChannelKind.Sms => $"+3161{Random.Shared.Next(1000000, 9999999)}",
            ChannelKind.Email => $"customer-{Guid.NewGuid():N}@example.com",
            _ => $"{channel}-{Guid.NewGuid():N}"[..20],
        };
        var now = hub.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var contact = new Contact { DisplayName = name ?? $"Customer on {channel}", CreatedAt = now, Identities = [new ContactIdentity { Channel = channel, Handle = handle }] };
        var conversation = new Conversation
        {
            Contact = contact, Channel = channel, ContactHandle = handle, State = ConversationState.Assigned,
            AssignedOperatorId = operatorId, CreatedAt = now, LastMessageAt = now, LastInboundAt = now,
        };
        db.Conversations.Add(conversation);
        db.Messages.Add(new Message { Conversation = conversation, Channel = channel, Direction = MessageDirection.Inbound, Text = firstMessage, ProviderMessageId = $"seed-{Guid.NewGuid():N}", Status = MessageStatus.Delivered, CreatedAt = now });
        await db.SaveChangesAsync();
        return conversation.Id;
    }
}
