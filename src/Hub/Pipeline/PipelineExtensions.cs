using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Pipeline;
using Mediator;
using Omnichannel.Adapters.Abstractions;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class PipelineExtensions
{
    /// <summary>
    /// The mediator and the ordered steps every inbound message passes, in this order:
    /// dedupe (channel + provider id) → CSAT answer (a bare "1"–"5" answering a recent survey is stored as the rating,
    /// without reopening the conversation) → persist (contact, conversation, message) → SLA (start the clock, persist
    /// its due time) → route (offer or queue by due time) → handler publishes MessageReceived.
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
                typeof(CsatAnswerStep),
                typeof(PersistStep),
                typeof(SlaStep),
                typeof(RouteStep),
            ];
        });
        builder.Services.AddScoped<IInboundSink, InboundSink>();
        builder.Services.AddSingleton<InboundWriter>();
        builder.Services.AddScoped<InboundStager>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
