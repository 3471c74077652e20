using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Routing;

/// <summary>Computes the widget's state from live capacity, queue and handling times, and pushes it when it flips.</summary>
public sealed class WidgetStateService(
    IServiceScopeFactory scopes, TimeProvider time, OpeningHours hours, IOptions<RoutingOptions> routing, IOptions<WidgetTextOptions> widget,
    IOptions<AvailabilityOptions> availability, HandleTimeLearner handleTimes, VisitorPushes visitors)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private WidgetState? current;
    private DateTime currentSince;
    private ITimer? holdTimer;

    /// <summary>Raised after every computation (e.g. for the loader's state stream); listeners must not block.</summary>
    public event Action<WidgetState>? Computed;

    public async Task<WidgetState> CurrentAsync(CancellationToken cancellationToken) => current ?? await RefreshAsync(cancellationToken);

    public async Task<WidgetState> RefreshAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var (next, heldUntil) = await ComputeAsync(cancellationToken);
            var flipped = current is null || current.State != next.State;
            if (flipped)
                currentSince = time.GetUtcNow().UtcDateTime;
            current = next;
            ScheduleRecompute(heldUntil);
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

    /// <summary>A busy spell held by hysteresis ends without any routing event: recompute when it does.</summary>
    private void ScheduleRecompute(DateTime? heldUntil)
    {
        holdTimer?.Dispose();
        holdTimer = null;
        if (heldUntil is not { } until)
            return;
        var due = until - time.GetUtcNow().UtcDateTime;
        holdTimer = time.CreateTimer(_ => _ = RecomputeQuietlyAsync(), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private async Task RecomputeQuietlyAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    private async Task<(WidgetState State, DateTime? HeldUntil)> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var promise = routing.Value.Promise(ChannelKind.WebChat);
        var alternatives = widget.Value.Alternatives.Select(a =>
        {
            var p = routing.Value.Promise(a.Channel);
            return new AlternativeChannel(a.Channel, a.Label ?? a.Channel.ToString(), a.Url, (int)p.TotalSeconds, WidgetStateRules.DescribePromise(p));
        }).ToList();
        var open = hours.IsOpen(now);
        var capacity = new LiveCapacity(0, 0, 0);
        var handle = HandleTimeEstimate.From(routing.Value.DefaultHandleTime, availability.Value.PriorWeight, []);
        if (open)
        {
            await using var scope = scopes.CreateAsyncScope();
            capacity = await LiveCapacityAsync(scope.ServiceProvider, cancellationToken);
            handle = await handleTimes.EstimateAsync(ChannelKind.WebChat, cancellationToken);
        }
        var decision = AvailabilityGate.Decide(
            new GateInput(open, capacity, handle, routing.Value.AcceptTime, promise, current?.State, current is null ? null : currentSince, now), availability.Value);
        var wait = decision.PredictedWait;
        return (new WidgetState(decision.State, wait is { } w ? (int)Math.Ceiling(w.TotalSeconds) : null, (int)promise.TotalSeconds,
            WidgetStateRules.Message(decision.State, alternatives), hours.Describe(), hours.NextOpening(now), alternatives), decision.HeldUntil);
    }

    private static async Task<LiveCapacity> LiveCapacityAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queries = services.GetRequiredService<RoutingQueries>();
        var candidates = await queries.CandidatesAsync(cancellationToken);
        var queued = (await queries.QueueAsync(cancellationToken)).Count(q => q.Channel == ChannelKind.WebChat);
        return new LiveCapacity(candidates.Sum(c => c.LiveCapacity), candidates.Sum(c => Math.Max(0, c.FreeFor(ChannelKind.WebChat))), queued);
    }
}
