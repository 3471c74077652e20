namespace Omnichannel.Simulation;

/// <summary>What happened to one visitor who wanted to chat.</summary>
public sealed record VisitorOutcome(double ArrivedAt, bool Offered, double? WaitSeconds);

/// <summary>One simulated day: every visitor, plus operator time on shift and busy.</summary>
public sealed record DayResult(List<VisitorOutcome> Visitors, double[] ShiftSecondsPerHour, double[] BusySecondsPerHour, double[] SlotSecondsPerHour,
    double[] ChatSecondsPerHour, int SupervisorAlerts, int Broadcasts, int ExpiredOffers);
