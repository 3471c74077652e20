using Omnichannel.Hub.Retention;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class RetentionExtensions
{
    /// <summary>Retention of visitor tracking data (Privacy:RetentionDays, default 90), purged on a schedule.</summary>
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        builder.Services.AddHostedService<RetentionJob>();
        return builder;
    }
}
