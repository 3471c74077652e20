using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class ConversationsExtensions
{
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.Section);
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
