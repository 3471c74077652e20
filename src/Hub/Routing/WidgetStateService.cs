using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
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

    /// <summary>When the current state began (a busy spell's start).</summary>
    public DateTime Since => currentSince;

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
            return new AlternativeChannel(a.Channel, a.LabelIn("en"), a.Url, (int)p.TotalSeconds, WidgetStateRules.DescribePromise(p));
        }).ToList();
        var open = hours.IsOpen(now);
        var capacity = new LiveCapacity(0, 0, 0);
        var handle = HandleTimeEstimate.From(routing.Value.DefaultHandleTime, availability.Value.PriorWeight, []);
        IReadOnlyList<TimeSpan> busy = [];
        if (open)
        {
            await using var scope = scopes.CreateAsyncScope();
            capacity = await LiveCapacityAsync(scope.ServiceProvider, cancellationToken);
            handle = await handleTimes.EstimateAsync(ChannelKind.WebChat, cancellationToken);
            if (capacity.FreeSlots <= capacity.Queued)
                busy = await BusySlots.ElapsedAsync(scope.ServiceProvider, now, cancellationToken);
        }
        // Hysteresis is for a busy spell caused by load; one because nobody was online ends as soon as someone is.
        var previous = current is { NobodyOnline: false } ? current : null;
        var decision = AvailabilityGate.Decide(
            new GateInput(open, capacity, handle, routing.Value.AcceptTime, promise, previous?.State, previous is null ? null : currentSince, now) { Busy = busy }, availability.Value);
        var wait = decision.PredictedWait;
        var english = new WidgetState(decision.State, wait is { } w ? (int)Math.Ceiling(w.TotalSeconds) : null, (int)promise.TotalSeconds,
            "", [], hours.NextOpening(now), alternatives, NobodyOnline: open && capacity.TotalSlots == 0);
        return (InLanguage(english, "en"), decision.HeldUntil);
    }

    /// <summary>The state's words in the visitor's language (en, nl, de, fr; anything else: English), with the owner's texts for it.</summary>
    public WidgetState InLanguage(WidgetState state, string? language)
    {
        var lang = WidgetCopy.Language(language);
        var copy = WidgetCopy.For(lang);
        var promise = TimeSpan.FromSeconds(state.PromiseSeconds);
        var alternatives = state.Alternatives.Select(a => a with
        {
            Label = widget.Value.Alternatives.FirstOrDefault(o => o.Channel == a.Channel && o.Url == a.Url) is { } o ? o.LabelIn(lang) : a.Label,
            Promise = copy.Promise(TimeSpan.FromSeconds(a.PromiseSeconds)),
        }).ToList();
        var opens = state.NextOpening is { } next ? copy.OpensAt(next, hours.Zone, WidgetCopy.ZoneLabel(hours.Zone, hours.ZoneLabel, next), WidgetCopy.Culture(lang)) : null;
        return state with
        {
            Message = copy.Message(state.State, state.NobodyOnline, promise, alternatives),
            OpeningHours = hours.Describe(lang == "en" ? null : WidgetCopy.Culture(lang)),
            Alternatives = alternatives,
            Opens = opens,
            Language = lang,
        };
    }

    /// <summary>Live slots from the available operators (a read bounded by them) and the web chat queue's length (an index count).</summary>
    internal static async Task<LiveCapacity> LiveCapacityAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var candidates = await services.GetRequiredService<RoutingQueries>().CandidatesAsync(cancellationToken);
        var queued = await services.GetRequiredService<WebChatQueue>().CountAsync(cancellationToken);
        return new LiveCapacity(candidates.Sum(c => c.LiveCapacity), candidates.Sum(c => Math.Max(0, c.FreeFor(ChannelKind.WebChat))), queued);
    }
}
