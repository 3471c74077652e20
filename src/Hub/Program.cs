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
builder.AddReports();
builder.AddChannels();
builder.AddHealth();
builder.AddTelemetry();

var app = builder.Build();

await app.MigrateStorageAsync();
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
app.MapReports();
app.MapChannels();
app.MapHealth();
app.MapTelemetry();

app.Run();

public partial class Program;
