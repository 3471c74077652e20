using System.Collections.Concurrent;

namespace Omnichannel.Hub.Scheduling;

/// <summary>
/// The one scheduler for due work, on <see cref="TimeProvider"/>: a single loop that sleeps until the earliest due
/// time, runs what is due (each piece of work never twice at once), and is woken earlier by <see cref="WakeAt"/>.
/// Nothing is kept that a restart would need: every due time is in the database and the work reads it back.
/// </summary>
/// <remarks>The work is resolved on first use, so work may itself ask the scheduler to wake it.</remarks>
public sealed class Scheduler(IServiceProvider services, TimeProvider time, ILogger<Scheduler> logger) : BackgroundService
{
    private Dictionary<string, Entry>? all;

    private Dictionary<string, Entry> entries
    {
        get
        {
            lock (sync)
                return all ??= services.GetServices<IDueWork>().ToDictionary(w => w.Name, w => new Entry(w));
        }
    }

    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly Lock sync = new();

    private sealed class Entry(IDueWork work)
    {
        public IDueWork Work { get; } = work;
        /// <summary>Null: run at once (at start: whatever came due while the hub was down).</summary>
        public DateTime? Next { get; set; }
        public Task Running { get; set; } = Task.CompletedTask;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Make <paramref name="name"/> run no later than <paramref name="at"/>.</summary>
    public void WakeAt(string name, DateTime at)
    {
        lock (sync)
        {
            var entry = entries[name];
            if (entry.Next is not { } next || next <= at)
                return;
            entry.Next = at;
        }
        Signal();
    }

    private void Signal()
    {
        if (wake.CurrentCount > 0)
            return;
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime earliest;
            lock (sync)
            {
                var now = Now;
                foreach (var entry in entries.Values)
                {
                    if (entry.Next is { } next && next > now || !entry.Running.IsCompleted)
                        continue;
                    entry.Next = now + entry.Work.Interval;
                    entry.Running = RunAsync(entry.Work, stoppingToken);
                }
                // Work still running is looked at again when it finishes (it signals).
                earliest = entries.Values.Where(e => e.Running.IsCompleted).Select(e => e.Next ?? now).DefaultIfEmpty(DateTime.MaxValue).Min();
            }
            var delay = earliest == DateTime.MaxValue ? TimeSpan.MaxValue : earliest - Now;
            // Timers cannot wait longer than ~49 days; waking earlier only means looking again.
            if (delay > TimeSpan.FromDays(40))
                delay = TimeSpan.FromDays(40);
            if (delay > TimeSpan.Zero)
                await WaitAsync(delay, stoppingToken);
        }
        await Task.WhenAll(entries.Values.Select(e => e.Running)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(delay, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await wake.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(IDueWork work, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await work.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Due work {Name} failed; it runs again at its next time", work.Name);
        }
        // It may have become due again while it ran.
        Signal();
    }
}
