using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>Computes the widget's state from live capacity, queue and handling times, and pushes it when it flips.</summary>
public sealed class WidgetStateService(
    IServiceScopeFactory scopes, TimeProvider time, OpeningHours hours, IOptions<RoutingOptions> routing, IOptions<WidgetTextOptions> widget,
    VisitorPushes visitors)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private WidgetState? current;

    /// <summary>Raised after every computation (e.g. for the loader's state stream); listeners must not block.</summary>
    public event Action<WidgetState>? Computed;

    public async Task<WidgetState> CurrentAsync(CancellationToken cancellationToken) => current ?? await RefreshAsync(cancellationToken);

    public async Task<WidgetState> RefreshAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var next = await ComputeAsync(cancellationToken);
            var flipped = current is null || current.State != next.State;
            current = next;
            if (flipped)
                await visitors.WidgetStateChanged(next);
            Computed?.Invoke(next);
            return next;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<WidgetState> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var promise = routing.Value.Promise(ChannelKind.WebChat);
        var alternatives = widget.Value.Alternatives.Select(a =>
        {
            var p = routing.Value.Promise(a.Channel);
            return new AlternativeChannel(a.Channel, a.Label ?? a.Channel.ToString(), a.Url, (int)p.TotalSeconds, WidgetStateRules.DescribePromise(p));
        }).ToList();
        var open = hours.IsOpen(now);
        TimeSpan? wait = null;
        if (open)
        {
            await using var scope = scopes.CreateAsyncScope();
            wait = WaitPredictor.Predict(await LiveCapacityAsync(scope.ServiceProvider, cancellationToken),
                await AverageHandleTimeAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), cancellationToken), routing.Value.AcceptTime);
        }
        var state = WidgetStateRules.Decide(open, wait, promise);
        return new WidgetState(state, wait is { } w ? (int)Math.Ceiling(w.TotalSeconds) : null, (int)promise.TotalSeconds,
            WidgetStateRules.Message(state, alternatives), hours.Describe(), hours.NextOpening(now), alternatives);
    }

    private static async Task<LiveCapacity> LiveCapacityAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queries = services.GetRequiredService<RoutingQueries>();
        var candidates = await queries.CandidatesAsync(cancellationToken);
        var queued = (await queries.QueueAsync(cancellationToken)).Count(q => q.Channel == ChannelKind.WebChat);
        return new LiveCapacity(candidates.Sum(c => c.LiveCapacity), candidates.Sum(c => Math.Max(0, c.FreeFor(ChannelKind.WebChat))), queued);
    }

    /// <summary>Mean duration of the last 20 closed web chats; the configured default until there are 5.</summary>
    private async Task<TimeSpan> AverageHandleTimeAsync(OmnichannelDb db, CancellationToken cancellationToken)
    {
        var recent = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == ChannelKind.WebChat && c.State == ConversationState.Closed && c.ClosedAt != null)
            .OrderByDescending(c => c.ClosedAt).Take(20)
            .Select(c => new { c.CreatedAt, ClosedAt = c.ClosedAt!.Value }).ToListAsync(cancellationToken);
        return recent.Count < 5 ? routing.Value.DefaultHandleTime : TimeSpan.FromTicks((long)recent.Average(r => (r.ClosedAt - r.CreatedAt).Ticks));
    }
}
