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
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
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
