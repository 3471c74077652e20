using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>
/// Records everything the outbox hands to a channel sender: <see cref="Install"/> wraps each registered sender
/// (web chat, WhatsApp, SMS, Messenger, Telegram, email), which still sends as before.
/// </summary>
public sealed class RecordingSenders
{
    public ConcurrentQueue<OutboundMessage> Sent { get; } = new();

    public void Install(IServiceCollection services)
    {
        foreach (var d in services.Where(d => d.ServiceType == typeof(IChannelSender)).ToList())
        {
            services.Remove(d);
            services.AddScoped<IChannelSender>(sp => new Recording(this, Create(sp, d)));
        }
    }

    private static IChannelSender Create(IServiceProvider sp, ServiceDescriptor d) =>
        (IChannelSender)(d.ImplementationFactory?.Invoke(sp) ?? d.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    private sealed class Recording(RecordingSenders owner, IChannelSender inner) : IChannelSender
    {
        public ChannelKind Channel => inner.Channel;

        public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            owner.Sent.Enqueue(message);
            return inner.SendAsync(message, cancellationToken);
        }
    }
}
