using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Sla;

namespace Omnichannel.Bench;

/// <param name="Sweeps">Sweeps the engine ran (woken for the nearest deadline + the periodic safety net) while the deadlines came due.</param>
/// <param name="CpuPercentOfOneCore">The hub's CPU while deadlines came due, per wall-clock second (100 = one core).</param>
public sealed record SlaBenchResult(int Conversations, double SpreadSeconds, int Breaches, double LagP50Ms, double LagP99Ms, double LagMaxMs,
    int Sweeps, double CpuSeconds, double CpuPercentOfOneCore);

/// <summary>
/// Breach detection under load: many open web chats with running clocks whose deadlines are spread over a window;
/// measures RaisedAt − DueAt for every breach (goal p99 ≤ 1 s) and the CPU the engine spends. The hub runs in this
/// process (WebApplicationFactory over the hub assembly, real clock, SQLite in a temp folder) so its engine can be observed directly.
/// </summary>
public static class SlaBench
{
    public static async Task<SlaBenchResult> RunAsync(string repoRoot, int count, TimeSpan spread, Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "omnichannel-bench-sla-" + Guid.NewGuid().ToString("N"));
        await using var factory = new WebApplicationFactory<OmnichannelDb>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseContentRoot(Path.Combine(repoRoot, "src", "Hub"));
            b.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(folder, "hub.db")}");
            b.UseSetting("Storage:KeysDirectory", Path.Combine(folder, "keys"));
            b.UseSetting("Demo:Enabled", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Logging:LogLevel:Omnichannel.Hub.Sla", "Error"); // one warning per breach would dominate the CPU figure
        });
        var services = factory.Services;
        var engine = services.GetRequiredService<SlaDeadlineEngine>();
        var policy = services.GetRequiredService<SlaPolicies>().For(ChannelKind.WebChat);
        var lead = TimeSpan.FromSeconds(5);
        await using (var scope = services.CreateAsyncScope())
        {
            var seeding = Stopwatch.StartNew();
            await SlaLoad.SeedAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), count, DateTime.UtcNow + lead, spread, policy);
            log($"  seeded {count:N0} open web chats in {seeding.Elapsed.TotalSeconds:0.0} s; deadlines from +{lead.TotalSeconds:0} s over {spread.TotalSeconds:0} s");
        }

        var process = Process.GetCurrentProcess();
        var sweeps = 0;
        engine.Swept += _ => Interlocked.Increment(ref sweeps);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await engine.SweepAsync(CancellationToken.None);
        var deadline = lead + spread + TimeSpan.FromMinutes(1);
        var breaches = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (breaches < count && wall.Elapsed < deadline && await tick.WaitForNextTickAsync())
        {
            await using var scope = services.CreateAsyncScope();
            breaches = await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Breaches.CountAsync();
        }
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var seconds = wall.Elapsed.TotalSeconds;
        await using var read = services.CreateAsyncScope();
        var (stored, p50, p99, max) = await SlaLoad.LagAsync(read.ServiceProvider.GetRequiredService<OmnichannelDb>());
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        var result = new SlaBenchResult(count, spread.TotalSeconds, stored, p50.TotalMilliseconds, p99.TotalMilliseconds, max.TotalMilliseconds,
            sweeps, cpu, 100 * cpu / seconds);
        log($"  {stored:N0} breaches; lag p50 {result.LagP50Ms:0} ms, p99 {result.LagP99Ms:0} ms, max {result.LagMaxMs:0} ms; {sweeps} sweeps; CPU {cpu:0.0} s over {seconds:0} s ({result.CpuPercentOfOneCore:0} % of a core)");
        return result;
    }
}
