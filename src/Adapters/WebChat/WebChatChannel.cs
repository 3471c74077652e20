using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.WebChat;

public static class WebChatChannel
{
    /// <summary>Registers the web chat channel. The host supplies <see cref="IVisitorPush"/> and <see cref="IInboundSink"/>.</summary>
    public static IServiceCollection AddWebChatChannel(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<WebChatReceiver>();
        services.AddScoped<IChannelSender, WebChatSender>();
        return services;
    }
}
