using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Staffing;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class ReportsExtensions
{
    /// <summary>Reports, staffing advice and the record of demand turned away.</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportQueries>();
        builder.Services.AddScoped<StaffingQueries>();
        builder.Services.AddScoped<TopicQueries>();
        builder.Services.AddSingleton<TurnedAwayRecorder>();
        builder.Services.AddSingleton<BusySpellVisitors>();
        return builder;
    }

    public static WebApplication MapReports(this WebApplication app)
    {
        app.MapReportsApi();
        return app;
    }
}
