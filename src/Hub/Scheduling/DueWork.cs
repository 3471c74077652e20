namespace Omnichannel.Hub.Scheduling;

/// <summary>
/// Work that comes due: SLA deadlines, offer timeouts and the web chat ladder, gauges. It runs every
/// <see cref="Interval"/> and whenever someone asks for it earlier (<see cref="Scheduler.WakeAt"/>). What it acts on
/// is claimed in the database (conditional updates), so running it on several hub processes handles each item once.
/// </summary>
public interface IDueWork
{
    string Name { get; }

    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
