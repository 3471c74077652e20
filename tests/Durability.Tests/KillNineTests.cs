using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Omnichannel.Durability.Tests;

/// <summary>
/// Signed Twilio webhooks into the real hub process, killed with SIGKILL at random points three times and restarted;
/// then the provider re-delivers everything (as Twilio retries): every acknowledged message is stored exactly once,
/// nothing is duplicated, and the database passes SQLite's integrity check.
/// </summary>
public sealed class KillNineTests
{
    private const int Webhooks = 240;
    private const int Kills = 3;

    private static Dictionary<string, string> Webhook(int i) => new()
    {
        ["MessageSid"] = $"SMdurability{i:D8}",
        ["AccountSid"] = "ACdddddddddddddddddddddddddddddddd",
        ["From"] = $"whatsapp:+3466{i % 40:D7}",
        ["To"] = "whatsapp:+14155238886",
        ["Body"] = $"Durable message {i}",
        ["NumMedia"] = "0",
        ["ProfileName"] = $"Customer {i % 40}",
    };

    private static async Task<bool> DeliverAsync(HttpClient http, Dictionary<string, string> form)
    {
        var data = new StringBuilder(HubProcess.PublicBase + "/webhooks/twilio");
        foreach (var key in form.Keys.OrderBy(k => k, StringComparer.Ordinal))
            data.Append(key).Append(form[key]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(HubProcess.AuthToken), Encoding.UTF8.GetBytes(data.ToString()))));
        try
        {
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false; // not acknowledged: the provider will retry it
        }
    }

    [Fact]
    public async Task SignedWebhooks_ThroughThreeKillNines_NoAcknowledgedMessageIsLost_NoneIsDuplicated()
    {
        var data = Path.Combine(Path.GetTempPath(), "omnichannel-durability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var port = HubProcess.FreePort();
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var segment = Webhooks / (Kills + 1);
        try
        {
            for (var life = 0; life <= Kills; life++)
            {
                var hub = await HubProcess.StartAsync(data, port);
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
                var forms = Enumerable.Range(life * segment, segment).Select(Webhook).ToList();
                // Kill when a random number of this segment's webhooks were acknowledged, with others still in flight.
                var killAfter = Random.Shared.Next(segment / 4, segment * 3 / 4);
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var count = 0;
                var sending = Parallel.ForEachAsync(forms, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (form, _) =>
                {
                    if (await DeliverAsync(http, form))
                    {
                        acknowledged[form["MessageSid"]] = true;
                        if (Interlocked.Increment(ref count) == killAfter)
                            reached.TrySetResult();
                    }
                });
                if (life < Kills)
                {
                    await Task.WhenAny(reached.Task, sending);
                    await hub.KillNineAsync();
                }
                await sending;
                if (life == Kills)
                {
                    // The provider re-delivers everything, acknowledged or not (Twilio retries on any doubt).
                    await Parallel.ForEachAsync(Enumerable.Range(0, Webhooks).Select(Webhook), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                        async (form, _) => Assert.True(await DeliverAsync(http, form), $"{form["MessageSid"]} was refused on re-delivery"));
                    await hub.KillNineAsync();
                }
                await hub.DisposeAsync();
            }

            await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "hub.db")}");
            await db.OpenAsync();
            var stored = new Dictionary<string, long>();
            await using (var query = db.CreateCommand())
            {
                query.CommandText = "SELECT ProviderMessageId, COUNT(*) FROM Messages WHERE ProviderMessageId LIKE 'SMdurability%' GROUP BY ProviderMessageId";
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    stored[reader.GetString(0)] = reader.GetInt64(1);
            }
            await using var check = db.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var integrity = (string?)await check.ExecuteScalarAsync();

            Assert.NotEmpty(acknowledged);
            Assert.DoesNotContain(acknowledged.Keys, sid => !stored.ContainsKey(sid)); // 0 acknowledged lost
            Assert.DoesNotContain(stored, s => s.Value != 1);                         // 0 duplicates
            Assert.Equal(Webhooks, stored.Count);                                   // re-delivery filled the rest
            Assert.Equal("ok", integrity);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
