using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Omnichannel.Bench;

public sealed record InboundBenchResult(int Concurrency, int Contacts, double Seconds, int Accepted, int Failed, double AcceptedPerSecond,
    int Pushed, double PushedPerSecond, long Persisted, double P50, double P95, double P99, double Max, double CpuPercent, double PeakRssMiB,
    double ClientCpuPercent);

/// <summary>
/// Inbound pipeline: signed Twilio WhatsApp webhooks as fast as the hub takes them (closed loop, C in flight).
/// Each 200 means persisted (persist-before-ack); an operator console counts the pushes (routed and fanned out).
/// </summary>
public static class InboundBench
{
    public static async Task<InboundBenchResult> RunAsync(ServerProcess hub, int concurrency, int contacts, TimeSpan warmUp, TimeSpan duration, Action<string> log)
    {
        using var setupHttp = new HttpClient { BaseAddress = hub.BaseAddress };
        var consoles = await HubSetup.ConnectOperatorsAsync(hub, setupHttp, 2);
        var pushed = 0;
        long lastPush = 0;
        consoles[0].On<JsonElement>("MessageAdded", m =>
        {
            Interlocked.Increment(ref pushed);
            Volatile.Write(ref lastPush, Stopwatch.GetTimestamp());
        });

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = hub.BaseAddress,
        };
        // Warm-up: one message from every contact (creates contacts and conversations), not measured.
        var sequence = 0L;
        await RunLoopAsync(http, concurrency, contacts, contacts, TimeSpan.FromMinutes(2), () => Interlocked.Increment(ref sequence), null);
        var drain = Stopwatch.StartNew();
        while (Volatile.Read(ref pushed) < contacts && drain.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10);

        // Steady traffic before the clock starts (JIT tiers, pools, SQLite caches), same for every run.
        await RunLoopAsync(http, concurrency, contacts, int.MaxValue, warmUp, () => Interlocked.Increment(ref sequence), null);
        drain.Restart();
        while (drain.Elapsed < TimeSpan.FromSeconds(10) && Volatile.Read(ref pushed) < await CountMessagesAsync(hub.DatabasePath))
            await Task.Delay(10);

        var pushedBefore = Volatile.Read(ref pushed);
        var latencies = new List<double>[concurrency];
        var before = hub.Sample();
        var clientBefore = ProcessSample.Of(Environment.ProcessId);
        var start = Stopwatch.GetTimestamp();
        var (accepted, failed) = await RunLoopAsync(http, concurrency, contacts, int.MaxValue, duration, () => Interlocked.Increment(ref sequence), latencies);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var after = hub.Sample();
        var clientAfter = ProcessSample.Of(Environment.ProcessId);
        drain.Restart();
        while (Volatile.Read(ref pushed) - pushedBefore < accepted && drain.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10);
        var pushedCount = Volatile.Read(ref pushed) - pushedBefore;
        var pushSeconds = Stopwatch.GetElapsedTime(start, Math.Max(Volatile.Read(ref lastPush), start + 1)).TotalSeconds;
        var persisted = await CountMessagesAsync(hub.DatabasePath);
        var p = Percentiles.Of(latencies.Where(l => l is not null).SelectMany(l => l));
        foreach (var console in consoles)
            await console.DisposeAsync();
        var result = new InboundBenchResult(concurrency, contacts, seconds, accepted, failed, accepted / seconds, pushedCount, pushedCount / Math.Max(pushSeconds, seconds),
            persisted, p.P50, p.P95, p.P99, p.Max, ProcessSample.CpuPercent(before, after), after.PeakRssBytes / 1024.0 / 1024.0,
            ProcessSample.CpuPercent(clientBefore, clientAfter));
        log($"  hub inbound: {result.AcceptedPerSecond:F0} msg/s accepted, {result.PushedPerSecond:F0} msg/s pushed ({pushedCount}/{accepted}), p50 {p.P50:F1} ms p99 {p.P99:F1} ms, cpu {result.CpuPercent:F0}% (load generator {result.ClientCpuPercent:F0}%), peak {result.PeakRssMiB:F0} MiB, failed {failed}");
        return result;
    }

    private static async Task<(int Accepted, int Failed)> RunLoopAsync(HttpClient http, int concurrency, int contacts, int limit, TimeSpan duration,
        Func<long> next, List<double>[]? latencies)
    {
        var accepted = 0;
        var failed = 0;
        var issued = 0;
        var stop = Stopwatch.StartNew();
        var url = ServerProcess.TwilioPublicBase + "/webhooks/twilio";
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies is null ? null : latencies[worker] = new List<double>(4096);
            while (stop.Elapsed < duration && Interlocked.Increment(ref issued) <= limit)
            {
                var seq = next();
                var form = Form(seq, contacts);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
                request.Headers.Add("X-Twilio-Signature", Sign(url, form));
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    mine?.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (response.IsSuccessStatusCode)
                        Interlocked.Increment(ref accepted);
                    else
                        Interlocked.Increment(ref failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        return (accepted, failed);
    }

    /// <summary>A WhatsApp text webhook as Twilio posts it (fields of tests/Adapters.Tests/Payloads/Twilio/whatsapp-text.txt).</summary>
    private static Dictionary<string, string> Form(long seq, int contacts)
    {
        var phone = "+3460" + (1_000_000 + seq % contacts).ToString(CultureInfo.InvariantCulture);
        var sid = "SM" + seq.ToString("x32", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["ProfileName"] = "Bench Contact",
            ["MessageType"] = "text",
            ["SmsSid"] = sid,
            ["WaId"] = phone[1..],
            ["SmsStatus"] = "received",
            ["Body"] = "Hola, ¿tenéis la talla M? Quiero cambiar mi pedido " + seq.ToString(CultureInfo.InvariantCulture),
            ["To"] = "whatsapp:" + ServerProcess.WhatsAppNumber,
            ["NumSegments"] = "1",
            ["ReferralNumMedia"] = "0",
            ["MessageSid"] = sid,
            ["AccountSid"] = ServerProcess.TwilioAccountSid,
            ["From"] = "whatsapp:" + phone,
            ["ApiVersion"] = "2010-04-01",
        };
    }

    /// <summary>X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed by the form's keys and values sorted by key.</summary>
    public static string Sign(string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var key in form.Keys.OrderBy(k => k, StringComparer.Ordinal))
            data.Append(key).Append(form[key]);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(ServerProcess.TwilioAuthToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    private static async Task<long> CountMessagesAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Messages WHERE Direction = 'Inbound'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
