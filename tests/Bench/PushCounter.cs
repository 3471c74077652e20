using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Omnichannel.Bench;

/// <summary>
/// Counts the MessageAdded pushes an operator console receives for the messages of the current step (by the
/// sequence number at the end of the text), each message once.
/// </summary>
public sealed class PushCounter
{
    private long from;
    private int[] seen = [];
    private int count;

    public long LastPush { get; private set; }

    public void Attach(HubConnection console) => console.On<JsonElement>("MessageAdded", m =>
    {
        if (!m.TryGetProperty("text", out var text) || Webhooks.Sequence(text.GetString()) is not { } seq)
            return;
        var marks = Volatile.Read(ref seen);
        var index = seq - Volatile.Read(ref from);
        if (index < 0 || index >= marks.Length || Interlocked.Exchange(ref marks[index], 1) == 1)
            return;
        Interlocked.Increment(ref count);
        LastPush = Stopwatch.GetTimestamp();
    });

    /// <summary>Starts counting the messages with sequence numbers from <paramref name="first"/> on.</summary>
    public void Track(long first, int messages)
    {
        Volatile.Write(ref seen, new int[messages]);
        Volatile.Write(ref from, first);
        Volatile.Write(ref count, 0);
    }

    public int Count => Volatile.Read(ref count);

    /// <summary>Waits (bounded) until <paramref name="expected"/> pushes arrived.</summary>
    public async Task<int> DrainAsync(int expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (Count < expected && clock.Elapsed < limit)
            await Task.Delay(10);
        return Count;
    }
}
