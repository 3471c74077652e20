using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>A hub whose clock only moves when a test advances it.</summary>
public class SlaHubFactory : HubFactory
{
    public FakeTimeProvider Clock { get; }

    public SlaHubFactory()
        : this(new FakeTimeProvider(WholeMilliseconds(DateTimeOffset.UtcNow)))
    {
    }

    /// <summary>Hosts given the same clock (and data directory) act as one hub restarted.</summary>
    protected SlaHubFactory(FakeTimeProvider clock, string? sharedDataDirectory = null)
    {
        if (sharedDataDirectory is not null)
        {
            DataDirectory = sharedDataDirectory;
            KeepData = true;
        }
        Clock = clock;
        Time = clock;
        // Keep the periodic safety-net sweep out of the way, so waking the scheduler for the nearest deadline is what is tested.
        Settings["Sla:SweepInterval"] = "01:00:00";
    }

    /// <summary>PostgreSQL keeps microseconds, .NET ticks are 100 ns: a clock on whole milliseconds reads back exactly.</summary>
    public static DateTimeOffset WholeMilliseconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, t.Offset);

    public SlaDeadlineEngine Engine => Provider.GetRequiredService<SlaDeadlineEngine>();

    /// <summary>A customer message on any channel, as its adapter would hand it to the hub.</summary>
    public async Task<InboundResult> ReceiveAsync(ChannelKind channel, string handle, string text, bool automated = false)
    {
        await using var scope = Provider.CreateAsyncScope();
        var sink = scope.ServiceProvider.GetRequiredService<IInboundSink>();
        return await sink.ReceiveAsync(
            new InboundMessage(channel, handle, Guid.NewGuid().ToString("N"), text, Clock.GetUtcNow().UtcDateTime) { IsAutomated = automated },
            CancellationToken.None);
    }
}
