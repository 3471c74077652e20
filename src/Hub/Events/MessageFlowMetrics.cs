using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Omnichannel.Hub.Events;

/// <summary>
/// How long an inbound message spends in each stage after it reached the hub (milliseconds): waiting for the inbound
/// writer, the group's transaction up to its commit, waiting for its event worker, handling (route, push), and the
/// handled events' delete. Read live with <c>dotnet-counters monitor --counters Omnichannel.MessageFlow</c> or at /metrics.
/// </summary>
public static class MessageFlowMetrics
{
    public const string MeterName = "Omnichannel.MessageFlow";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> WriterQueued = Meter.CreateHistogram<double>("omnichannel.flow.writer_queued", "ms", "Persist requested → its group starts.");
    private static readonly Histogram<double> Commit = Meter.CreateHistogram<double>("omnichannel.flow.commit", "ms", "A group's transaction, begin → committed.");
    private static readonly Histogram<double> GroupSize = Meter.CreateHistogram<double>("omnichannel.flow.group_size", "{message}", "Messages per group commit.");
    private static readonly Histogram<double> EventQueued = Meter.CreateHistogram<double>("omnichannel.flow.event_queued", "ms", "Event queued to its worker → handling starts.");
    private static readonly Histogram<double> Handle = Meter.CreateHistogram<double>("omnichannel.flow.handle", "ms", "Handling one event (route, pushes).");
    private static readonly Histogram<double> Delete = Meter.CreateHistogram<double>("omnichannel.flow.delete", "ms", "Deleting a batch of handled events, including its commit.");
    private static readonly Histogram<double> DeleteBatch = Meter.CreateHistogram<double>("omnichannel.flow.delete_batch", "{event}", "Handled events per delete.");

    private static readonly Histogram<double> TurnWait = Meter.CreateHistogram<double>("omnichannel.flow.turn_wait", "ms", "Waiting for the write turn (SQLite's single writer), by holder.");
    private static readonly Histogram<double> TurnHold = Meter.CreateHistogram<double>("omnichannel.flow.turn_held", "ms", "Holding the write turn, by holder: its sum over time is the single writer's busy share.");

    private static readonly Histogram<double> Sync = Meter.CreateHistogram<double>("omnichannel.flow.sync", "ms", "Syncing the log to disk after inbound commits, out of the write turn (SQLite, synchronous FULL).");
    private static readonly Histogram<double> SyncAnswers = Meter.CreateHistogram<double>("omnichannel.flow.sync_answers", "{answer}", "Groups and retries answered after one sync of the log.");

    private static readonly Histogram<double> RoutingGroup = Meter.CreateHistogram<double>("omnichannel.flow.routing_group", "{decision}", "Routing decisions per routing group (one write turn and one transaction, SQLite).");

    private static readonly Counter<long> RoutedOnArrival = Meter.CreateCounter<long>("omnichannel.flow.routed_on_arrival", "{decision}",
        "New conversations routed in the inbound writer's own turn and transaction, with their first message (SQLite).");

    private static readonly Counter<long> Commits = Meter.CreateCounter<long>("omnichannel.flow.commits", "{commit}", "Commits of the flow: inbound groups (kind=group) and handled-event deletes (kind=delete).");
    private static readonly Counter<long> Messages = Meter.CreateCounter<long>("omnichannel.flow.messages", "{message}", "Inbound messages committed by the writer.");

    private static readonly Counter<long> RoutingClaims = Meter.CreateCounter<long>("omnichannel.flow.routing_claims", "{claim}",
        "Routing decisions whose operator had changed since read: re-checked against the fresh load (outcome=rechecked), or lost to a concurrent decision and taken again (outcome=lost).");

    /// <returns>When the turn was taken, for <see cref="TurnHeld"/>.</returns>
    public static long TurnTaken(long asked, string holder)
    {
        var now = Stopwatch.GetTimestamp();
        TurnWait.Record(Stopwatch.GetElapsedTime(asked, now).TotalMilliseconds, new KeyValuePair<string, object?>("holder", holder));
        return now;
    }

    public static void TurnHeld(long taken, string holder) =>
        TurnHold.Record(Stopwatch.GetElapsedTime(taken).TotalMilliseconds, new KeyValuePair<string, object?>("holder", holder));

    public static void RoutingGrouped(int decisions) => RoutingGroup.Record(decisions);

    public static void RoutedWithTheirMessages(int decisions) => RoutedOnArrival.Add(decisions);

    public static void RoutingRechecked() => RoutingClaims.Add(1, new KeyValuePair<string, object?>("outcome", "rechecked"));

    public static void RoutingLost() => RoutingClaims.Add(1, new KeyValuePair<string, object?>("outcome", "lost"));

    public static void WriterWaited(long since) => WriterQueued.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);

    public static void Committed(long since, int messages)
    {
        Commit.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        GroupSize.Record(messages);
        Commits.Add(1, new KeyValuePair<string, object?>("kind", "group"));
        Messages.Add(messages);
    }

    public static void Synced(long since, int answers)
    {
        Sync.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        SyncAnswers.Record(answers);
    }

    public static void EventWaited(long since) => EventQueued.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);

    public static void Handled(long since) => Handle.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);

    public static void Deleted(long since, int events)
    {
        Delete.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        DeleteBatch.Record(events);
        Commits.Add(1, new KeyValuePair<string, object?>("kind", "delete"));
    }
}
