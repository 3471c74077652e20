using Mediator;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Pipeline;

public static class PipelineExtensions
{
    /// <summary>
    /// The mediator and the ordered steps every inbound message passes, in this order:
    /// dedupe (channel + provider id) → persist (contact, conversation, message) → route (offer to the best
    /// free operator, or queue by deadline) → handler publishes MessageReceived.
    /// The SLA step (start/stop clocks) goes between persist and route.
    /// </summary>
    public static WebApplicationBuilder AddPipeline(this WebApplicationBuilder builder)
    {
        builder.Services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "Omnichannel.Hub.Mediator";
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(DedupeStep),
                typeof(PersistStep),
                typeof(Routing.RouteStep),
            ];
        });
        builder.Services.AddScoped<IInboundSink, InboundSink>();
        builder.Services.AddSingleton<InboundWriter>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
