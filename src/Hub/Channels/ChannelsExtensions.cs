using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Email;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Channels;

/// <summary>Every channel adapter in one place: its registration and, where it has one, its webhook endpoints.</summary>
public static class ChannelsExtensions
{
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        // What the hub offers every adapter besides IInboundSink and IChannelCursorStore.
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<AttachmentStore>());
        builder.Services.AddScoped<IConversationLookup, ConversationLookup>();

        builder.Services.AddWebChatChannel();
        builder.Services.AddEmailChannel();
        return builder;
    }

    public static WebApplication MapChannels(this WebApplication app)
    {
        AttachmentStore.Map(app);
        return app;
    }
}
