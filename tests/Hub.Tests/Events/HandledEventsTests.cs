using Omnichannel.Hub.Events;

namespace Omnichannel.Hub.Tests.Events;

/// <summary>When a handled event's delete rides in the inbound writer's next transaction, and when it is made at once.</summary>
public sealed class HandledEventsTests
{
    private static HandledEvent Event(long id, List<long> removed) => new(id, () => removed.Add(id));

    [Fact]
    public void WhileTheWriterIsIdle_NothingIsHandedOver_TheProcessorDeletesItself()
    {
        var handled = new HandledEvents();
        Assert.False(handled.TryHandOver([Event(1, [])]));
        Assert.Empty(handled.TakeForGroup(0));
    }

    [Fact]
    public void WhileTheWriterHasMessagesQueued_DeletesAreHandedOver_AndTakenByItsNextGroupOnce()
    {
        var handled = new HandledEvents();
        var removed = new List<long>();
        handled.WriterQueued();
        handled.WriterQueued();

        Assert.True(handled.TryHandOver([Event(1, removed), Event(2, removed)]));
        var first = handled.TakeForGroup(1);
        Assert.Equal([1L, 2L], first.Select(e => e.EventId));
        first.ForEach(e => e.Removed());
        Assert.Equal([1L, 2L], removed);

        // One message is still queued: a later handover goes to the group that takes it.
        Assert.True(handled.TryHandOver([Event(3, removed)]));
        Assert.Equal([3L], handled.TakeForGroup(1).Select(e => e.EventId));
        Assert.False(handled.TryHandOver([Event(4, removed)]));
    }

    [Fact]
    public void AMessageTakenBeforeItWasCounted_NeverLeavesAHandoverBehind()
    {
        // The writer may take a message into a group before PersistAsync counted it: the count dips below zero,
        // and nothing is handed over until a message is counted that no group has taken yet.
        var handled = new HandledEvents();
        Assert.Empty(handled.TakeForGroup(1));
        Assert.False(handled.TryHandOver([Event(1, [])]));
        handled.WriterQueued();
        Assert.False(handled.TryHandOver([Event(2, [])]));
        handled.WriterQueued();
        Assert.True(handled.TryHandOver([Event(3, [])]));
    }
}
