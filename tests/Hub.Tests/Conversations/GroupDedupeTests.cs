using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;

namespace Omnichannel.Hub.Tests.Conversations;

/// <summary>The inbound writer answers a group's provider retries from one query before it writes: exactly the messages
/// stored already, each as what was stored (its conversation, message and time), matched on channel and provider id.</summary>
public sealed class GroupDedupeTests : IDisposable
{
    private readonly MessagingHub hub = new();

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task AGroupsStoredMessages_AreFoundAsStored_AndNewOnesOrTheSameIdOnAnotherChannel_AreNot()
    {
        var at = DateTime.UtcNow;
        InboundMessage WhatsApp(string id) => new(ChannelKind.WhatsApp, "+34600000001", id, "Is the blue one in stock?", at);
        var first = WhatsApp("SM-first");
        var second = WhatsApp("SM-second");
        InboundResult stored1, stored2;
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var sink = scope.ServiceProvider.GetRequiredService<IInboundSink>();
            stored1 = await sink.ReceiveAsync(first, CancellationToken.None);
            stored2 = await sink.ReceiveAsync(second, CancellationToken.None);
        }

        await using var reading = hub.Provider.CreateAsyncScope();
        var db = reading.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var found = await InboundDedupe.FindAllAsync(db,
            [WhatsApp("SM-new"), second, first, new InboundMessage(ChannelKind.Sms, "+34600000001", "SM-first", "hi", at)], CancellationToken.None);

        Assert.Equal(2, found.Count);
        AssertAnsweredAs(stored1, found[(ChannelKind.WhatsApp, "SM-first")]);
        AssertAnsweredAs(stored2, found[(ChannelKind.WhatsApp, "SM-second")]);
    }

    /// <summary>As stored (PostgreSQL keeps the time to the microsecond).</summary>
    private static void AssertAnsweredAs(InboundResult stored, InboundResult answer)
    {
        Assert.Equal((stored.ConversationId, stored.MessageId, true), (answer.ConversationId, answer.MessageId, answer.Duplicate));
        Assert.Equal(stored.CreatedAt, answer.CreatedAt, TimeSpan.FromMilliseconds(1));
    }
}
