using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Staffing;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class ReportsExtensions
{
    /// <summary>Reports, staffing advice, the record of demand turned away and the weekly summary to admins.</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportScope>();
        builder.Services.AddScoped<ReportQueries>();
        builder.Services.AddScoped<OperatorQueries>();
        builder.Services.AddScoped<EngagementQueries>();
        builder.Services.AddScoped<StaffingQueries>();
        builder.Services.AddScoped<TopicQueries>();
        builder.Services.AddSingleton<TurnedAwayRecorder>();
        builder.Services.AddOptions<Omnichannel.Hub.Reports.Weekly.WeeklySummaryOptions>().BindConfiguration(Omnichannel.Hub.Reports.Weekly.WeeklySummaryOptions.Section);
        builder.Services.AddSingleton<Omnichannel.Hub.Scheduling.IDueWork, Omnichannel.Hub.Reports.Weekly.WeeklySummaryWork>();
        builder.Services.AddSingleton<BusySpellVisitors>();
        return builder;
    }

    public static WebApplication MapReports(this WebApplication app)
    {
        app.MapReportsApi();
        return app;
    }
}
