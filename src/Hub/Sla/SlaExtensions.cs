using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Sla;
using Microsoft.Extensions.Options;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class SlaExtensions
{
    /// <summary>Policies from <c>Sla:</c>, the clock tracker, the deadline engine (woken by the scheduler), the board and metrics.</summary>
    public static WebApplicationBuilder AddSla(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>();
        builder.Services.AddSingleton<SlaPolicies>();
        builder.Services.AddSingleton<SlaMetrics>();
        builder.Services.AddSingleton<SlaDeadlineEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SlaDeadlineEngine>());
        builder.Services.AddSingleton<SlaTracker>();
        builder.Services.AddSingleton<IInboundStaging, SlaStaging>();
        builder.Services.AddScoped<SlaBoard>();

        builder.Services.AddSingleton<Omnichannel.Hub.Scheduling.IDueWork, SlaDeadlineWork>();
        builder.Services.AddSingleton<Omnichannel.Hub.Scheduling.IDueWork, SlaStatsWork>();
        return builder;
    }

    public static WebApplication MapSla(this WebApplication app)
    {
        app.MapSlaApi();
        return app;
    }

    private sealed class SlaOptionsValidator : IValidateOptions<SlaOptions>
    {
        public ValidateOptionsResult Validate(string? name, SlaOptions options) =>
            SlaPolicies.Validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
