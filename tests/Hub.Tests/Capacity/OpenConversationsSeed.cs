using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>One seeded open conversation as the test knows it (the brute-force side of the comparisons).</summary>
public sealed record SeededConversation(long Id, ChannelKind Channel, bool Waiting, DateTime Deadline, string Handle);

/// <summary>
/// Many open conversations written straight into the hub's database (through its own DbContext, in large batches):
/// web chats, messaging and email waiting with their SLA clocks running, some email long past due, and a share
/// assigned to operators who are offline.
/// </summary>
public static class OpenConversationsSeed
{
    public static async Task<List<SeededConversation>> SeedAsync(HubFactory hub, int count, DateTime now, long offlineOperatorId, string webChatVisitor,
        int pastDueEmails, Random random)
    {
        var promises = hub.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RoutingOptions>>().Value;
        var contacts = new List<long>();
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var batch = Enumerable.Range(0, 1000).Select(i => new Contact { DisplayName = $"Seeded customer {i}", CreatedAt = now }).ToList();
            // The visitor the test talks to owns the 1,000th web chat.
            var visitor = new Contact { DisplayName = "Seeded visitor", CreatedAt = now, Identities = [new ContactIdentity { Channel = ChannelKind.WebChat, Handle = webChatVisitor }] };
            db.Contacts.AddRange(batch);
            db.Contacts.Add(visitor);
            await db.SaveChangesAsync();
            contacts = [.. batch.Select(c => c.Id)];
            contacts.Add(visitor.Id);
        }
        var seeded = new List<SeededConversation>(count);
        var all = new List<Conversation>(count);
        ChannelKind[] messaging = [ChannelKind.WhatsApp, ChannelKind.Sms, ChannelKind.Messenger, ChannelKind.Telegram];
        for (var i = 0; i < count; i++)
        {
            var channel = (i % 5) switch { 0 => ChannelKind.WebChat, 1 or 2 => messaging[i % 4], _ => ChannelKind.Email };
            var assigned = i % 10 == 9;
            var pastDue = !assigned && channel == ChannelKind.Email && i < pastDueEmails * 10;
            var promise = promises.Promise(channel);
            // Waiting a little while (web chats under the ladder's first step, so no sweep hands them out at once).
            var since = pastDue ? now - promise - TimeSpan.FromHours(1) : now - TimeSpan.FromMilliseconds(random.Next(0, channel == ChannelKind.WebChat ? 15_000 : 60_000));
            var handle = channel == ChannelKind.WebChat && i == 5000 ? webChatVisitor : $"seeded-{channel}-{i}";
            var c = new Conversation
            {
                ContactId = handle == webChatVisitor ? contacts[^1] : contacts[i % 1000], Channel = channel, ContactHandle = handle,
                State = assigned ? ConversationState.Assigned : ConversationState.Waiting, AssignedOperatorId = assigned ? offlineOperatorId : null,
                CreatedAt = since, LastMessageAt = since, LastInboundAt = since, WaitingSince = since, LastMessagePreview = "Seeded",
                SlaKind = Omnichannel.Hub.Sla.SlaKind.FirstResponse, SlaStartedAt = since, SlaAtRiskAt = since + promise * 0.8, SlaDueAt = since + promise,
            };
            c.SlaNextCheckAt = pastDue ? c.SlaDueAt : c.SlaAtRiskAt;
            c.AtRiskRaisedAt = pastDue ? c.SlaAtRiskAt : null;
            all.Add(c);
        }
        await BulkInsertAsync(hub, all);
        foreach (var c in all)
            seeded.Add(new SeededConversation(c.Id, c.Channel, c.State == ConversationState.Waiting, c.SlaDueAt!.Value, c.ContactHandle));
        return seeded;
    }

    /// <summary>
    /// One transaction, INSERTs of 200 rows each (ADO.NET on the hub's own connection: the same SQL on SQLite and
    /// PostgreSQL). The queue order is left unstamped, as in a database from before it existed: <see cref="QueueRestamp"/>
    /// stamps it, as at a hub's start.
    /// </summary>
    private static async Task BulkInsertAsync(HubFactory hub, List<Conversation> all)
    {
        const int Rows = 200;
        string[] columns = ["ContactId", "Channel", "ContactHandle", "State", "AssignedOperatorId", "CreatedAt", "LastMessageAt", "LastInboundAt", "WaitingSince",
            "LastMessagePreview", "RequiredSkills", "RoutingVersion", "Automatic", "SlaKind", "SlaStartedAt", "SlaAtRiskAt", "SlaDueAt", "SlaNextCheckAt", "AtRiskRaisedAt"];
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var chunk in all.Chunk(Rows))
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                var rows = new List<string>();
                for (var r = 0; r < chunk.Length; r++)
                {
                    var c = chunk[r];
                    object?[] values = [c.ContactId, c.Channel.ToString(), c.ContactHandle, c.State.ToString(), c.AssignedOperatorId, c.CreatedAt, c.LastMessageAt, c.LastInboundAt,
                        c.WaitingSince, c.LastMessagePreview, "", 0L, false, c.SlaKind?.ToString(), c.SlaStartedAt, c.SlaAtRiskAt, c.SlaDueAt, c.SlaNextCheckAt, c.AtRiskRaisedAt];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var p = insert.CreateParameter();
                        p.ParameterName = $"@p{r}_{i}";
                        p.Value = values[i] ?? DBNull.Value;
                        insert.Parameters.Add(p);
                    }
                    rows.Add($"({string.Join(", ", columns.Select((_, i) => $"@p{r}_{i}"))})");
                }
                insert.CommandText = $"INSERT INTO \"Conversations\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", rows)}";
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        var ids = await db.Conversations.AsNoTracking().Select(c => new { c.Id, c.ContactHandle }).ToDictionaryAsync(c => c.ContactHandle, c => c.Id);
        foreach (var c in all)
            c.Id = ids[c.ContactHandle];
        await hub.Provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<QueueRestamp>().Single().StartAsync(CancellationToken.None);
    }
}
