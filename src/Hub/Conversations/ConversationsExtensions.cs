using Omnichannel.Hub.Conversations.Outbox;

namespace Omnichannel.Hub.Conversations;

public static class ConversationsExtensions
{
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddScoped<ConversationResolver>();
        builder.Services.AddScoped<ConversationQueries>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        return builder;
    }

    public static WebApplication MapConversations(this WebApplication app)
    {
        app.MapConversationApi();
        return app;
    }
}
