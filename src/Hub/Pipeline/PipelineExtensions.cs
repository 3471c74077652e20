using Omnichannel.Hub.Pipeline;
using Mediator;
using Omnichannel.Adapters.Abstractions;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class PipelineExtensions
{
    /// <summary>
    /// The mediator (commands and notifications; no pipeline behaviours: the inbound flow is written out in
    /// <see cref="ReceiveMessageHandler"/>), the inbound writer, and the domain-event outbox that drives everything
    /// after the commit (routing, pushes, alerts).
    /// </summary>
    public static WebApplicationBuilder AddPipeline(this WebApplicationBuilder builder)
    {
        builder.Services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "Omnichannel.Hub.Mediator";
            options.ServiceLifetime = ServiceLifetime.Scoped;
        });
        builder.Services.AddScoped<IInboundSink, InboundSink>();
        builder.Services.AddSingleton<InboundWriter>();
        builder.Services.AddScoped<InboundStager>();
        builder.Services.AddScoped<InboundRouting>();
        builder.Services.AddScoped<MessageReceivedHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEvents();
        return builder;
    }
}
