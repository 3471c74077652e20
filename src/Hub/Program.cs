var builder = WebApplication.CreateBuilder(args);

builder.AddApi();
builder.AddRateLimits();
builder.AddStorage();
builder.AddKeyProtection();
builder.AddPipeline();
builder.AddScheduling();
builder.AddOperators();
builder.AddConversations();
builder.AddRouting();
builder.AddSla();
builder.AddAlerts();
builder.AddRealtime();
builder.AddSharedState();
builder.AddTargeting();
builder.AddCsat();
builder.AddOperatorTools();
builder.AddConversationVisibility();
builder.AddReports();
builder.AddChannels();
builder.AddHealth();
builder.AddTelemetry();
builder.AddRetention();
builder.AddSettings();

var app = builder.Build();

await app.MigrateStorageAsync();
await app.ApplyStoredSettingsAsync();
await app.SeedDemoAsync();
await app.SeedEngagementDemoAsync();

app.UseApi();
app.UseRateLimits();
app.UseConversationVisibility();
app.MapSite();
app.MapOperators();
app.MapConversations();
app.MapRouting();
app.MapSla();
app.MapAlerts();
app.MapRealtime();
app.MapTargeting();
app.MapCsat();
app.MapOperatorTools();
app.MapReports();
app.MapChannels();
app.MapHealth();
app.MapTelemetry();
app.MapSettings();

app.Run();

public partial class Program;
