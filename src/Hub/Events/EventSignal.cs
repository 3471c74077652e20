using Omnichannel.Hub.Scheduling;

namespace Omnichannel.Hub.Events;

/// <summary>Wakes the event dispatcher as soon as events were committed.</summary>
public sealed class EventSignal : WakeSignal;
