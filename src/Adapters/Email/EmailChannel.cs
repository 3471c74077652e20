using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

public static class EmailChannel
{
    /// <summary>
    /// Registers the email channel: the IMAP listener (one loop per mailbox) and the SMTP sender.
    /// The host supplies <see cref="IInboundSink"/>, <see cref="IConversationLookup"/>, <see cref="IAttachmentStore"/>,
    /// <see cref="IChannelCursorStore"/> and <see cref="ChannelHealth"/>.
    /// </summary>
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        EmailMapper.RegisterLegacyCharsets();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddScoped<IChannelSender, EmailSender>();
        services.AddHostedService<EmailReceiver>();
        return services;
    }
}
