using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// Applies the pure <see cref="SlaClock"/> rules to tracked conversations where messages are persisted, and
/// tells the deadline engine about new deadlines. Callers save in their own SaveChanges.
/// </summary>
public sealed class SlaTracker(SlaPolicies policies, SlaDeadlineEngine engine, SlaMetrics metrics)
{
    /// <summary>A customer message was stored: start (or restart) the clock. Returns true when one started.</summary>
    public bool OnInbound(StoredInbound stored) =>
        SlaClock.OnInbound(policies.For(stored.Conversation.Channel), stored.Conversation, stored.Message, stored.ConversationOpened);

    /// <summary>An operator reply is about to be saved: stop the clock and record how long the customer waited.</summary>
    public SlaMeasurement? OnReply(OmnichannelDb db, Conversation conversation, DateTime now, long operatorId)
    {
        var measured = SlaClock.OnReply(policies.For(conversation.Channel), conversation, now, operatorId);
        if (measured is not null)
            db.SlaMeasurements.Add(measured);
        return measured;
    }

    /// <summary>After the save: arm the engine for the new deadline, record metrics.</summary>
    public void Saved(Conversation conversation, SlaMeasurement? measured = null)
    {
        engine.Schedule(conversation.SlaNextCheckAt);
        if (measured is not null)
            metrics.Responded(measured);
    }
}
