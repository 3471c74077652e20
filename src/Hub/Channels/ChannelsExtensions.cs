using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.BotFramework;
using Omnichannel.Adapters.Email;
using Omnichannel.Adapters.Messenger;
using Omnichannel.Adapters.Telegram;
using Omnichannel.Adapters.Twilio;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Every channel adapter in one place: its registration and, where it has one, its webhook endpoints.</summary>
public static class ChannelsExtensions
{
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        // What the hub offers every adapter besides IInboundSink and IChannelCursorStore.
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<AttachmentStore>());
        builder.Services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section);
        builder.Services.AddSingleton<OutboundFiles>();
        builder.Services.AddSingleton<VisitorFiles>();
        builder.Services.AddSingleton<IOutboundFiles>(sp => sp.GetRequiredService<OutboundFiles>());
        builder.Services.AddScoped<IConversationLookup, ConversationLookup>();

        builder.Services.AddWebChatChannel();
        builder.Services.AddTwilioChannels();
        builder.Services.AddMessengerChannel();
        builder.Services.AddTelegramChannel();
        builder.Services.AddEmailChannel();
        builder.Services.AddBotFrameworkChannel();
        return builder;
    }

    public static WebApplication MapChannels(this WebApplication app)
    {
        app.MapTwilioChannels();
        app.MapMessengerChannel();
        app.MapTelegramChannel(Policies.Operator);
        app.MapBotFrameworkChannel();

        AttachmentStore.Map(app);
        app.MapAttachmentEndpoints();

        var api = app.MapGroup("/api").WithTags("Channels").RequireAuthorization(Policies.Operator);
        api.MapGet("/channels", (ChannelHealth health) => TypedResults.Ok(health.Snapshot()));
        api.MapGet("/conversations/{id:long}/window", WindowAsync);
        return app;
    }

    /// <summary>
    /// The conversation's messaging window, for the reply box before the operator types: Unlimited (no window on this
    /// channel), Open (until ClosesAt), Template (WhatsApp after 24 h: sent through the approved template),
    /// HumanAgentTag (Messenger 24 h – 7 days), Closed (a reply would fail; Notice says why).
    /// </summary>
    public static async Task<Results<Ok<WindowState>, ProblemHttpResult>> WindowAsync(
        long id, ConversationQueries queries, IOptions<WhatsAppOptions> whatsApp, TimeProvider time, CancellationToken cancellationToken)
    {
        var conversation = await queries.FindWindowAsync(id, cancellationToken);
        if (conversation is null)
            return Problems.Missing("Conversation", id);
        var (channel, lastInboundAt, blocked) = conversation.Value;
        if (blocked is not null)
            return TypedResults.Ok(new WindowState(channel, WindowMode.Closed, lastInboundAt, null, blocked));
        return TypedResults.Ok(MessagingWindow.Evaluate(channel, lastInboundAt, time.GetUtcNow().UtcDateTime,
            !string.IsNullOrWhiteSpace(whatsApp.Value.TemplateContentSid)));
    }
}
