using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Events;

/// <summary>The domain-event outbox in the real hub: claims in the database, in order per conversation, taken over when they expire.</summary>
public sealed class EventOutboxTests : IDisposable
{
    // The dispatcher looks only when signalled, so what a test stages is not handled behind its back.
    private readonly MessagingHub hub = new() { Settings = { ["Events:PollInterval"] = "01:00:00" } };

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task AStoredMessage_LeavesNoEventBehind_OnceItIsPushed()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await op.ConnectConsoleAsync();
        var form = await PostAsync();
        var pushed = await console.Messages.WaitAsync(m => m.Text == form["Body"]);
        await Eventually.TrueAsync(() => Events(db => db.Set<DomainEvent>().Count(e => e.ConversationId == pushed.ConversationId)) == 0, "the handled event is removed");
    }

    [Fact]
    public async Task AnEventWhoseClaimExpired_IsTakenOverByThisHub_AndPushed()
    {
        var form = await PostAsync();
        var message = (await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"])).Single();
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        await using var console = await op.ConnectConsoleAsync();

        // Another hub process stored it and died before handling it; its claim ran out a minute ago.
        await AddEventAsync(message.ConversationId, message.Id, "dead-node/0123", DateTime.UtcNow.AddMinutes(-1));
        hub.Provider.GetRequiredService<EventSignal>().Notify();

        var pushed = await console.Messages.WaitAsync(m => m.Id == message.Id);
        Assert.Equal(form["Body"], pushed.Text);
        await Eventually.TrueAsync(() => Events(db => db.Set<DomainEvent>().Count(e => e.ConversationId == message.ConversationId)) == 0, "the taken-over event is removed");
    }

    [Fact]
    public async Task AConversationsLaterEvent_CannotBeClaimed_WhileAnEarlierOneIsHeldElsewhere()
    {
        var first = (await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, (await PostAsync())["MessageSid"])).Single();
        var other = (await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, (await PostAsync())["MessageSid"])).Single();
        // Their own events are deleted after the answer (within Events:DeleteWindow): the outbox starts empty.
        await Eventually.TrueAsync(() => Events(db => db.Set<DomainEvent>().Count()) == 0, "the posted messages' events are removed");
        var live = DateTime.UtcNow.AddHours(1);
        var held = await AddEventAsync(first.ConversationId, first.Id, "busy-node/1", live);
        var later = await AddEventAsync(first.ConversationId, first.Id, null, null);
        var elsewhere = await AddEventAsync(other.ConversationId, other.Id, "dead-node/2", DateTime.UtcNow.AddMinutes(-1));

        var claims = hub.Provider.GetRequiredService<EventClaims>();
        Assert.Equal([elsewhere], Events(db => claims.Claimable(db, takeOverEarlierLife: false).Select(e => e.Id).OrderBy(id => id).ToList()));

        // The busy node finished the earlier event: the later one is next.
        Events(db => db.Set<DomainEvent>().Where(e => e.Id == held).ExecuteDelete());
        Assert.Equal([later, elsewhere], Events(db => claims.Claimable(db, takeOverEarlierLife: false).Select(e => e.Id).OrderBy(id => id).ToList()));
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.True(await claims.TryClaimAsync(db, later, takeOverEarlierLife: false, CancellationToken.None));
        Assert.False(await claims.TryClaimAsync(db, later, takeOverEarlierLife: false, CancellationToken.None));
    }

    private async Task<Dictionary<string, string>> PostAsync()
    {
        var phone = "+3463" + Random.Shared.Next(1_000_000, 9_999_999);
        return await hub.WhatsAppFromAsync(phone);
    }

    private async Task<long> AddEventAsync(long conversationId, long messageId, string? claimedBy, DateTime? claimedUntil)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var row = new DomainEvent
        {
            Kind = DomainEventKind.MessageReceived, ConversationId = conversationId, MessageId = messageId, OccurredAt = DateTime.UtcNow,
            ClaimedBy = claimedBy, ClaimedUntil = claimedUntil,
        };
        db.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private T Events<T>(Func<OmnichannelDb, T> read)
    {
        using var scope = hub.Provider.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }
}
