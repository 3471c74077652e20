using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Sla;
using Microsoft.Extensions.Options;
using Quartz;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class SlaExtensions
{
    /// <summary>Policies from <c>Sla:</c>, the clock tracker, the deadline engine (timer + Quartz sweep), the board and metrics.</summary>
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

        var options = builder.Configuration.GetSection(SlaOptions.Section).Get<SlaOptions>() ?? new SlaOptions();
        builder.Services.AddQuartz(q =>
        {
            // In-memory scheduler, one per hub process (names must be unique within a process: test hosts share one).
            q.ConfigureScheduler(s => s.InstanceName = $"omnichannel-{Guid.NewGuid():N}");
            q.ScheduleJob<SlaSweepJob>(
                t => t.WithIdentity("sla-sweep-trigger", "sla")
                    .StartAt(DateTimeOffset.UtcNow + options.SweepInterval)
                    .WithSchedule(Every(options.SweepInterval)),
                j => j.WithIdentity(SlaSweepJob.Key).DisallowConcurrentExecution());
            q.ScheduleJob<SlaStatsJob>(
                t => t.WithIdentity("sla-stats-trigger", "sla").StartNow().WithSchedule(Every(options.StatsInterval)),
                j => j.WithIdentity(SlaStatsJob.Key).DisallowConcurrentExecution());
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    private static SimpleScheduleBuilder Every(TimeSpan interval) =>
        SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()
            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount);

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
