using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>The test's own reads of the hub's database (tagged, so the recorder leaves them out) and its posts.</summary>
public sealed partial class MessagePaths
{
    /// <summary>Every event written so far is handled (and, with no delete window, gone).</summary>
    private Task HandledAsync() => hub.EventsHandledAsync();

    private async Task PostTwilioAsync(string path, Dictionary<string, string> form) =>
        Assert.Equal(HttpStatusCode.OK, (await hub.PostTwilioAsync(path, form)).StatusCode);

    private static Dictionary<string, string> WhatsApp(string phone) =>
        MessagingHub.Form("Twilio/whatsapp-text.txt", ("+34600111222", phone), ("34600111222", phone.TrimStart('+')),
            ("SM1f0e8ae6ade43cb3c0ce4525424e404f", "SM" + Guid.NewGuid().ToString("N")));

    private async Task<string> ProviderIdAsync(long messageId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Messages.TagWith(SqlCommandCounter.ProbeTag).Where(m => m.Id == messageId).Select(m => m.ProviderMessageId!).SingleAsync();
    }

    private async Task<long> LastMessageIdAsync()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Messages.TagWith(SqlCommandCounter.ProbeTag).MaxAsync(m => m.Id);
    }

    private async Task<long> ContactOfAsync(long conversationId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.TagWith(SqlCommandCounter.ProbeTag).Where(c => c.Id == conversationId).Select(c => c.ContactId).SingleAsync();
    }

    private async Task<(long Contact, long Conversation)> SeededOpenSmsAsync()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var open = await db.Conversations.TagWith(SqlCommandCounter.ProbeTag)
            .Where(c => c.Channel == ChannelKind.Sms && c.LastMessagePreview == "Seeded" && c.State == ConversationState.Assigned)
            .OrderBy(c => c.Id).Select(c => new { c.ContactId, c.Id }).FirstAsync();
        return (open.ContactId, open.Id);
    }

    /// <summary>A seeded WhatsApp contact whose conversations are all closed.</summary>
    private async Task<long> SeededWhatsAppContactAsync()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.TagWith(SqlCommandCounter.ProbeTag)
            .Where(c => c.Channel == ChannelKind.WhatsApp && c.LastMessagePreview == "Seeded")
            .GroupBy(c => c.ContactId).Where(g => g.All(c => c.State == ConversationState.Closed)).Select(g => g.Key).OrderBy(k => k).FirstAsync();
    }
}
