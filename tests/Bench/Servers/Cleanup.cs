using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Omnichannel.Bench;

/// <summary>
/// Stops what the bench started (hubs, relay, PostgreSQL, Redis) when the bench itself is interrupted (Ctrl+C,
/// SIGTERM): nothing is left running in the background. In a normal run each server is disposed by its scenario.
/// </summary>
public static class Cleanup
{
    private static readonly ConcurrentDictionary<object, Action> Stops = new();
    private static readonly List<PosixSignalRegistration> Signals = [];

    public static void Register(object owner, Action stop) => Stops[owner] = stop;

    public static void Unregister(object owner) => Stops.TryRemove(owner, out _);

    public static void OnInterrupt()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            Signals.Add(PosixSignalRegistration.Create(signal, _ => StopAll()));
    }

    private static void StopAll()
    {
        foreach (var (_, stop) in Stops)
        {
            try
            {
                stop();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
            }
        }
        Stops.Clear();
    }
}
