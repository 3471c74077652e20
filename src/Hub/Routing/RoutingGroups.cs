using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>What a routing decision taken in a group came to, with the notifications for its caller to publish.</summary>
/// <remarks><see cref="GroupedOutcome.Retry"/>: the conversation changed since read, read it again;
/// <see cref="GroupedOutcome.Failed"/>: the group was rolled back (or the writer is gone), decide alone.</remarks>
public enum GroupedOutcome { Routed, NoRoom, NotQueued, Retry, Failed }

public sealed record GroupedDecision(GroupedOutcome Outcome, IReadOnlyList<INotification> Events)
{
    public static readonly GroupedDecision Retry = new(GroupedOutcome.Retry, []);
    public static readonly GroupedDecision Failed = new(GroupedOutcome.Failed, []);
}

/// <summary>A conversation to route: as its caller just committed it (<paramref name="Known"/>), or read in the group's transaction.</summary>
public sealed record RoutingRequest(long ConversationId, QueuedConversation? Known);

/// <summary>
/// Group commit for routing decisions on SQLite, like the inbound writer's for messages. Each new conversation needs a
/// decision (a claim, an offer or an assignment, a commit), and on SQLite every decision waited for the one write lock in
/// its own turn: with new contacts arriving the lock was held 83–97 % of the time by turns of 3–5 ms, and new contacts
/// queued for seconds (docs/performance.md, session 15). Here the decisions that queued up while the previous group
/// wrote are taken in one turn and one transaction, on candidates read once inside it, each pick adding to its operator's
/// load before the next. A group that fails is rolled back whole; its callers then decide one at a time as before.
/// A group commits without a disk sync of its own (<see cref="SqliteUnsynced"/>): lost to a power cut, its conversations
/// are waiting again after the restart and are routed again — no message goes out to a customer on a decision alone, and any
/// later synced commit (the next inbound message, a reply) syncs it too.
/// On PostgreSQL (no write lock to share; several nodes lock operators' rows) decisions stay one per transaction.
/// </summary>
public sealed class RoutingGroups : IAsyncDisposable
{
    /// <summary>Upper bound on one group: a burst still commits in pieces of bounded size.</summary>
    public const int MaxGroup = 64;

    private readonly IServiceScopeFactory scopes;
    private readonly SqliteSynchronous synchronous;
    private readonly ILogger<RoutingGroups> logger;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;
    private int waiting;
    private long groupsTaken;
    private Session? session;

    public RoutingGroups(IServiceScopeFactory scopes, WriteTurns turns, IOptions<StorageOptions> storage, ILogger<RoutingGroups> logger)
    {
        this.scopes = scopes;
        synchronous = storage.Value.Synchronous;
        this.logger = logger;
        Enabled = turns.Serialised;
        loop = Enabled ? Task.Run(RunAsync) : Task.CompletedTask;
    }

    /// <summary>Decisions are grouped here (SQLite); otherwise each router claims in its own transaction.</summary>
    public bool Enabled { get; }

    /// <summary>Decisions asked for and not answered yet.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Groups taken so far (each one write turn and one transaction).</summary>
    public long Groups => Interlocked.Read(ref groupsTaken);

    private sealed record Pending(RoutingRequest Request, TaskCompletionSource<GroupedDecision> Done);

    /// <summary>Decides with the next group; <see cref="GroupedDecision.Failed"/> when the caller should decide alone.</summary>
    public Task<GroupedDecision> DecideAsync(RoutingRequest request)
    {
        var pending = new Pending(request, new TaskCompletionSource<GroupedDecision>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref waiting);
        if (queue.Writer.TryWrite(pending))
            return pending.Done.Task;
        Interlocked.Decrement(ref waiting);
        return Task.FromResult(GroupedDecision.Failed);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var pending))
                group.Add(pending);
            GroupedDecision[] decisions;
            try
            {
                session ??= await Session.OpenAsync(scopes, synchronous);
                decisions = await session.Engine.DecideGroupAsync(group.ConvertAll(p => p.Request), CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Rolled back: nothing of the group was written. Each caller takes its decision alone (and, failing
                // again, fails its event, which is retried); the next group starts a new session.
                logger.LogWarning(ex, "Routing a group of {Count} conversations failed; each is routed on its own", group.Count);
                decisions = [.. group.Select(_ => GroupedDecision.Failed)];
                await DropSessionAsync();
            }
            Interlocked.Increment(ref groupsTaken);
            MessageFlowMetrics.RoutingGrouped(group.Count);
            Interlocked.Add(ref waiting, -group.Count);
            for (var i = 0; i < group.Count; i++)
                group[i].Done.TrySetResult(decisions[i]);
        }
        await DropSessionAsync();
    }

    private async Task DropSessionAsync()
    {
        if (session is null)
            return;
        try
        {
            await session.DisposeAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Closing the routing groups' connection failed");
        }
        session = null;
    }

    /// <summary>
    /// The writer's engine and context, kept from group to group with the connection open and unsynced (set once, not
    /// twice per group; restored when the session ends): a group costs no scope, no context, no pooled connection opened.
    /// Dropped after any failure.
    /// </summary>
    private sealed class Session(AsyncServiceScope scope, RoutingEngine engine, IAsyncDisposable connection) : IAsyncDisposable
    {
        public RoutingEngine Engine => engine;

        public static async Task<Session> OpenAsync(IServiceScopeFactory scopes, SqliteSynchronous synchronous)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var connection = await SqliteUnsynced.OpenAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), synchronous, CancellationToken.None);
                return new Session(scope, scope.ServiceProvider.GetRequiredService<RoutingEngine>(), connection);
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.DisposeAsync();
            }
            finally
            {
                await scope.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
