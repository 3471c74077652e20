using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Cost;

/// <summary>
/// The inbound writer's statements are compiled once per connection and reused inside a transaction
/// (<see cref="SqlitePreparedWrites"/>): what EF Core saves, reads back and refuses must stay exactly what it was.
/// Real SQLite file, the hub's own model and migrations.
/// </summary>
public sealed class SqlitePreparedWritesTests : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("prepared-writes-").FullName;
    private DbContextOptions<OmnichannelDb> options = null!;

    public async Task InitializeAsync()
    {
        options = new DbContextOptionsBuilder<OmnichannelDb>()
            .UseSqlite($"Data Source={Path.Combine(directory, "hub.db")};Pooling=False")
            .AddInterceptors(new SqlitePreparedWrites())
            .Options;
        await using var db = new OmnichannelDb(options);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    private static Contact NewContact(string name, string? email) => new()
    {
        DisplayName = name,
        Email = email,
        CreatedAt = new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc),
        Identities = [new ContactIdentity { Channel = Adapters.Abstractions.ChannelKind.WhatsApp, Handle = "+34" + name }],
    };

    [Fact]
    public async Task RowsSavedOneAfterTheOther_InOneTransaction_KeepTheirOwnValuesAndKeys()
    {
        await using (var db = new OmnichannelDb(options))
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // The same INSERT three times on one open connection: a NULL in the middle must not inherit a value bound before.
            foreach (var (name, email) in new[] { ("600000001", "a@example.com"), ("600000002", null), ("600000003", "c@example.com") })
            {
                db.Contacts.Add(NewContact(name, email));
                await db.SaveChangesAsync();
            }
            var first = await db.Contacts.SingleAsync(c => c.DisplayName == "600000001");
            first.About = "changed twice";
            await db.SaveChangesAsync();
            first.About = "changed again";
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var check = new OmnichannelDb(options);
        var stored = await check.Contacts.Include(c => c.Identities).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["600000001", "600000002", "600000003"], stored.Select(c => c.DisplayName));
        Assert.Equal(["a@example.com", null, "c@example.com"], stored.Select(c => c.Email));
        Assert.Equal(3, stored.Select(c => c.Id).Distinct().Count()); // the generated keys were read back for each row
        Assert.All(stored, c => Assert.Equal("+34" + c.DisplayName, Assert.Single(c.Identities).Handle));
        Assert.Equal("changed again", stored[0].About);
    }

    [Fact]
    public async Task AFailedRow_RollsBackToItsSavepoint_AndTheNextRowReusesTheStatement()
    {
        await using (var db = new OmnichannelDb(options))
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Contacts.Add(NewContact("600000001", null));
            await db.SaveChangesAsync();
            // The same identity again breaks the unique index: EF rolls back to its savepoint and throws, as without reuse.
            db.Contacts.Add(NewContact("600000001", null));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Contacts.Add(NewContact("600000002", null));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var check = new OmnichannelDb(options);
        Assert.Equal(["600000001", "600000002"], await check.ContactIdentities.OrderBy(i => i.Id).Select(i => i.Handle.Substring(3)).ToListAsync());
        Assert.Equal(2, await check.Contacts.CountAsync());
    }

    [Fact]
    public async Task AnUpdateOfARowChangedMeanwhile_IsStillAConcurrencyFailure()
    {
        long id;
        await using (var db = new OmnichannelDb(options))
        {
            var contact = NewContact("600000001", null);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            id = contact.Id;
        }
        await using (var db = new OmnichannelDb(options))
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == id);
            contact.About = "first";
            await db.SaveChangesAsync();
            // Gone meanwhile (same transaction, behind EF's back): the reused UPDATE finds no row and EF must notice.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM ContactIdentities WHERE ContactId = {0}; DELETE FROM Contacts WHERE Id = {0}", id);
            contact.About = "second";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }
    }
}
