using Omnichannel.Hub.Labels;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class LabelsExtensions
{
    /// <summary>Shop-defined coloured labels on conversations and contacts, inbox filters by label, bulk close / label.</summary>
    public static WebApplicationBuilder AddLabels(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LabelStore>();
        return builder;
    }

    public static WebApplication MapLabels(this WebApplication app)
    {
        app.MapLabelsApi();
        app.MapBulkApi();
        return app;
    }
}
