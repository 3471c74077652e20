using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// SQLite's single writer is the hub's capacity: how long each kind of writer waits for the write turn and holds it is
/// published (omnichannel.flow.turn_wait / turn_held, tagged by holder), so an operator can see which writer fills it.
/// </summary>
public sealed class WriteTurnMetricsTests : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, string Holder)> recorded = new();
    private readonly string first = $"first-{Guid.NewGuid():N}";
    private readonly string second = $"second-{Guid.NewGuid():N}";

    public WriteTurnMetricsTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MessageFlowMetrics.MeterName && instrument.Name.StartsWith("omnichannel.flow.turn_", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "holder", Value: string holder } && (holder == first || holder == second))
                    recorded.Enqueue((instrument.Name, holder));
        });
        listener.Start();
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task OnSqlite_EachTurnIsMeasured_WaitWhenTakenAndHoldWhenHandedOn_TaggedWithItsHolder()
    {
        var turns = new WriteTurns(Options.Create(new StorageOptions { Provider = StorageProvider.Sqlite }));

        var held = await turns.TakeAsync(first);
        var waiting = turns.TakeAsync(second).AsTask();
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        (await waiting).Dispose();

        Assert.Equal(
            [("omnichannel.flow.turn_wait", first), ("omnichannel.flow.turn_held", first), ("omnichannel.flow.turn_wait", second), ("omnichannel.flow.turn_held", second)],
            recorded.ToArray());
    }

    [Fact]
    public async Task OnPostgreSql_TurnsAreGrantedAtOnce_AndNothingIsMeasured()
    {
        var turns = new WriteTurns(Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSql }));

        (await turns.TakeAsync(first)).Dispose();
        (await turns.TakeAsync(second)).Dispose();

        Assert.Empty(recorded);
    }
}
