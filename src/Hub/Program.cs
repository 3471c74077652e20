using Omnichannel.Hub.Analytics;
using Omnichannel.Hub.Alerts;
using Omnichannel.Hub.Channels;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Health;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Site;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

var builder = WebApplication.CreateBuilder(args);

builder.AddApi();
builder.AddStorage();
builder.AddPipeline();
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
app.MapChannels();
app.MapHealth();
app.MapTelemetry();

app.Run();

public partial class Program;
