var builder = WebApplication.CreateBuilder(args);

builder.AddApi();
builder.AddStorage();
builder.AddPipeline();
builder.AddScheduling();
builder.AddOperators();
builder.AddConversations();
builder.AddRouting();
builder.AddSla();
builder.AddAlerts();
builder.AddRealtime();
builder.AddTargeting();
builder.AddCsat();
builder.AddChannels();
builder.AddHealth();
builder.AddTelemetry();
builder.AddSettings();

var app = builder.Build();

await app.MigrateStorageAsync();
await app.ApplyStoredSettingsAsync();
await app.SeedDemoAsync();
await app.SeedEngagementDemoAsync();

app.UseApi();
app.MapSite();
app.MapOperators();
app.MapConversations();
app.MapRouting();
app.MapSla();
app.MapAlerts();
app.MapRealtime();
app.MapTargeting();
app.MapCsat();
app.MapChannels();
app.MapHealth();
app.MapTelemetry();
app.MapSettings();

app.Run();

public partial class Program;
