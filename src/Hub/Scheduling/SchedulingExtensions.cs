using Omnichannel.Hub.Scheduling;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class SchedulingExtensions
{
    /// <summary>The one scheduler; features register their <see cref="IDueWork"/> beside them (AddSla, AddRouting).</summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Scheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        return builder;
    }
}
