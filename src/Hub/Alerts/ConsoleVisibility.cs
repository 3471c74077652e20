using System.Collections.Concurrent;

namespace Omnichannel.Hub.Alerts;

/// <summary>
/// Which console connections are on screen, as each console reports it (ConsoleHub.SetVisibility, from the page's
/// visibilitychange). A console that never reports counts as visible; an operator with no console connected counts as hidden.
/// </summary>
public sealed class ConsoleVisibility
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, bool>> byOperator = new();

    public void Connected(long operatorId, string connectionId) => byOperator.GetOrAdd(operatorId, _ => new())[connectionId] = true;

    public void Set(long operatorId, string connectionId, bool visible) => byOperator.GetOrAdd(operatorId, _ => new())[connectionId] = visible;

    public void Disconnected(long operatorId, string connectionId)
    {
        if (byOperator.TryGetValue(operatorId, out var connections))
            connections.TryRemove(connectionId, out _);
    }

    /// <summary>At least one of the operator's consoles is on screen.</summary>
    public bool IsOnScreen(long operatorId) => byOperator.TryGetValue(operatorId, out var connections) && connections.Values.Any(v => v);
}
