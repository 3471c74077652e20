using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>
/// Load helpers for the SLA engine, usable from tests/Bench: seed many open conversations with running clocks whose
/// deadlines are spread over a window, then read the breach-detection lag (RaisedAt − DueAt) from the stored breaches.
/// </summary>
public static class SlaLoad
{
    /// <summary>
    /// Inserts <paramref name="count"/> waiting conversations on <paramref name="channel"/> (one contact), each with a
    /// first-response clock from <paramref name="policy"/>, due evenly from <paramref name="firstDue"/> over <paramref name="spread"/>.
    /// Raw SQL in one transaction: 100,000 rows take a couple of seconds on SQLite.
    /// </summary>
    public static async Task SeedAsync(OmnichannelDb db, int count, DateTime firstDue, TimeSpan spread, SlaPolicy policy, ChannelKind channel = ChannelKind.WebChat)
    {
        var contact = new Contact
        {
            DisplayName = "Load",
            CreatedAt = firstDue,
            Identities = [new ContactIdentity { Channel = channel, Handle = $"load-{Guid.NewGuid():N}" }],
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText = """
            INSERT INTO Conversations (ContactId, Channel, ContactHandle, State, CreatedAt, LastMessageAt, LastInboundAt, WaitingSince,
                                       SlaKind, SlaStartedAt, SlaAtRiskAt, SlaDueAt, SlaNextCheckAt)
            VALUES ($contact, $channel, $handle, 'Waiting', $started, $started, $started, $started,
                    'FirstResponse', $started, $atRisk, $due, $atRisk)
            """;
        var pContact = insert.Parameters.Add("$contact", SqliteType.Integer);
        var pChannel = insert.Parameters.Add("$channel", SqliteType.Text);
        var pHandle = insert.Parameters.Add("$handle", SqliteType.Text);
        var pStarted = insert.Parameters.Add("$started", SqliteType.Text);
        var pAtRisk = insert.Parameters.Add("$atRisk", SqliteType.Text);
        var pDue = insert.Parameters.Add("$due", SqliteType.Text);
        pContact.Value = contact.Id;
        pChannel.Value = channel.ToString();
        var target = policy.FirstResponse;
        for (var i = 0; i < count; i++)
        {
            var due = firstDue + spread * ((double)i / Math.Max(1, count - 1));
            var started = due - target;
            pHandle.Value = contact.Identities[0].Handle;
            pStarted.Value = started;
            pAtRisk.Value = started + target * policy.AtRiskRatio;
            pDue.Value = due;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>Breach-detection lag percentiles over the stored breaches (RaisedAt − DueAt).</summary>
    public static async Task<(int Count, TimeSpan P50, TimeSpan P99, TimeSpan Max)> LagAsync(OmnichannelDb db)
    {
        var lags = await db.Breaches.AsNoTracking().Select(b => new { b.RaisedAt, b.DueAt }).ToListAsync();
        var sorted = lags.Select(l => l.RaisedAt - l.DueAt).Order().ToList();
        if (sorted.Count == 0)
            return (0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        TimeSpan At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return (sorted.Count, At(0.50), At(0.99), sorted[^1]);
    }
}
