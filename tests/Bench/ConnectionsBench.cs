using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Omnichannel.Bench;

public sealed record ConnectionsResult(string Target, int Connections, int Failed, double ConnectSeconds, double ConnectPerSecond,
    double RssMiB, double RssBeforeMiB, double IdleCpuPercent, double KiBPerConnection);

/// <summary>N idle widget connections (WebSockets) held open on one server process: RSS, idle CPU, time to connect them all.</summary>
public static class ConnectionsBench
{
    public static async Task<ConnectionsResult> RunAsync(ServerProcess server, bool isHub, int count, TimeSpan settle, TimeSpan idle, Action<string> log)
    {
        var tokens = new string?[count];
        if (isHub)
        {
            // Minted before the clock starts: a returning widget already holds its token.
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = server.BaseAddress };
            var minted = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            {
                tokens[i] = await HubSetup.VisitorTokenAsync(http);
                Interlocked.Increment(ref minted);
            });
        }
        GC.Collect();
        await Task.Delay(500);
        var baseline = server.Sample();
        var connections = new HubConnection?[count];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var connection = HubSetup.Connection(server.BaseAddress, isHub ? "/hubs/visitor" : "/hubs/relay", tokens[i]);
            try
            {
                await connection.StartAsync();
                connections[i] = connection;
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or IOException or InvalidOperationException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
                await connection.DisposeAsync();
            }
        });
        var connectSeconds = clock.Elapsed.TotalSeconds;
        // Let the connect burst settle (the runtime re-JITs hot code in the background for a few seconds after
        // a burst), then watch the server hold them.
        await Task.Delay(settle);
        var idleStart = server.Sample();
        await Task.Delay(idle);
        var idleEnd = server.Sample();
        var connected = count - failed;
        var result = new ConnectionsResult(server.Name, connected, failed, connectSeconds, connected / connectSeconds,
            idleEnd.RssBytes / 1024.0 / 1024.0, baseline.RssBytes / 1024.0 / 1024.0, ProcessSample.CpuPercent(idleStart, idleEnd),
            connected == 0 ? 0 : (idleEnd.RssBytes - baseline.RssBytes) / 1024.0 / connected);
        log($"  {server.Name,-9} {connected} connections in {connectSeconds:F1} s ({result.ConnectPerSecond:F0}/s), RSS {result.RssMiB:F0} MiB (before {result.RssBeforeMiB:F0}, {result.KiBPerConnection:F1} KiB per connection), idle CPU {result.IdleCpuPercent:F1}%, failed {failed}");
        await Parallel.ForEachAsync(connections.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c!.DisposeAsync());
        return result;
    }
}
