using Omnichannel.Adapters.WebChat;

namespace Omnichannel.Hub.Channels;

/// <summary>Every channel adapter in one place: its registration and, where it has one, its webhook endpoints.</summary>
public static class ChannelsExtensions
{
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddWebChatChannel();
        return builder;
    }

    public static WebApplication MapChannels(this WebApplication app)
    {
        return app;
    }
}
