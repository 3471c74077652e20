using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// The inbound writer's plain statements (<see cref="DirectSave"/>) against the hub's real database (SQLite, or PostgreSQL
/// with OMNICHANNEL_TEST_STORAGE): they store exactly what SaveChanges stores, run the same save interceptors, and leave
/// anything they do not handle to SaveChanges.
/// </summary>
public sealed class DirectSaveTests : IDisposable
{
    private static readonly Type[] Rows = [typeof(Contact), typeof(ContactIdentity), typeof(Conversation), typeof(Message), typeof(DomainEvent)];
    private readonly MessagingHub hub = new() { Settings = { ["Events:PollInterval"] = "01:00:00" } };

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task ANewContactsWholeGraph_WrittenDirectly_ReadsBackAsSaveChangesStoresIt()
    {
        var direct = await SaveGraphAsync("direct", directly: true);
        var saved = await SaveGraphAsync("savechanges", directly: false);

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var a = await LoadAsync(db, direct);
        var b = await LoadAsync(db, saved);
        // Keys were generated and every foreign key points at the row written before it.
        Assert.Equal(a.Contact.Id, a.Identity.ContactId);
        Assert.Equal(a.Contact.Id, a.Conversation.ContactId);
        Assert.Equal(a.Conversation.Id, a.Message.ConversationId);
        Assert.Equal((a.Conversation.Id, a.Message.Id), (a.Event.ConversationId, a.Event.MessageId));
        // Every column the same as SaveChanges stored (value converters: enums, lists, JSON, UTC times).
        AssertSameColumns(db, a.Contact, b.Contact, "Id");
        AssertSameColumns(db, a.Identity, b.Identity, "Id", "ContactId", "Handle");
        AssertSameColumns(db, a.Conversation, b.Conversation, "Id", "ContactId", "ContactHandle");
        AssertSameColumns(db, a.Message, b.Message, "Id", "ConversationId", "ProviderMessageId");
        AssertSameColumns(db, a.Event, b.Event, "Id", "ConversationId", "MessageId");
        // The queue stamp ran as it does for SaveChanges: the waiting conversation has its place in the queue.
        Assert.NotNull(a.Conversation.QueueDeadline);
    }

    [Fact]
    public async Task AChangedConversation_IsUpdatedInItsChangedColumnsOnly_AndStampedForTheQueue()
    {
        var ids = await SaveGraphAsync("update", directly: true);
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var conversation = await db.Conversations.SingleAsync(c => c.Id == ids.Conversation);
            conversation.LastMessagePreview = "changed";
            ConversationRules.Assign(conversation, operatorId: 42);
            // Someone else changed another column meanwhile: an update of the changed columns keeps it.
            await db.Conversations.Where(c => c.Id == ids.Conversation).ExecuteUpdateAsync(s => s.SetProperty(c => c.ThreadKey, "kept"));
            db.ChangeTracker.DetectChanges();
            Assert.True(await DirectSave.TrySaveAsync(db, Rows, CancellationToken.None));
            Assert.Equal(EntityState.Unchanged, db.Entry(conversation).State);
        }
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Conversations.AsNoTracking().SingleAsync(c => c.Id == ids.Conversation);
            Assert.Equal(("changed", ConversationState.Assigned, 42L, "kept"), (stored.LastMessagePreview, stored.State, stored.AssignedOperatorId!.Value, stored.ThreadKey!));
            Assert.Null(stored.QueueDeadline); // assigned: out of the queue, as the stamp decides
        }
    }

    [Fact]
    public async Task ADeletion_OrARowOfAnotherKind_IsLeftToSaveChanges_AndNothingIsWritten()
    {
        var ids = await SaveGraphAsync("left", directly: true);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == ids.Conversation);
        conversation.LastMessagePreview = "not written";
        var received = await db.Set<DomainEvent>().SingleAsync(e => e.Id == ids.Event);
        db.Remove(received);
        db.ChangeTracker.DetectChanges();
        Assert.False(await DirectSave.TrySaveAsync(db, Rows, CancellationToken.None));
        // No deletion, but a changed conversation where only messages are written directly.
        db.Entry(received).State = EntityState.Unchanged;
        Assert.False(await DirectSave.TrySaveAsync(db, [typeof(Message)], CancellationToken.None));
        Assert.Equal(EntityState.Modified, db.Entry(conversation).State);
        Assert.NotEqual("not written", await db.Conversations.Where(c => c.Id == ids.Conversation).Select(c => c.LastMessagePreview).SingleAsync());
    }

    [Fact]
    public async Task AValueTooLongForItsColumn_IsRefused_AsSaveChangesRefusesIt()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        db.Contacts.Add(new Contact { DisplayName = new string('x', 201), CreatedAt = DateTime.UtcNow });
        db.ChangeTracker.DetectChanges();
        var refused = await Assert.ThrowsAsync<StoredValueRefusedException>(() => DirectSave.TrySaveAsync(db, Rows, CancellationToken.None));
        Assert.Equal(nameof(Contact.DisplayName), refused.Field);
        db.ChangeTracker.Clear();
        Assert.False(await db.Contacts.AnyAsync(c => c.DisplayName.Length > 200));
    }

    [Fact]
    public async Task SeveralNewContacts_InOneSave_EachRowGetsItsOwnKey_AndIsFoundBySearch()
    {
        Ids[] ids;
        var handles = Enumerable.Range(1, 5).Select(i => $"many-{i}-{Guid.NewGuid():N}"[..20]).ToArray();
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var graphs = handles.Select(h => AddGraph(db, h, text: $"ask about {h}")).ToList();
            db.ChangeTracker.DetectChanges();
            Assert.True(await DirectSave.TrySaveAsync(db, Rows, CancellationToken.None));
            ids = [.. graphs.Select(Keys)];
        }

        await using var read = hub.Provider.CreateAsyncScope();
        var stored = read.ServiceProvider.GetRequiredService<OmnichannelDb>();
        for (var i = 0; i < handles.Length; i++)
        {
            // Each row under its own key, pointing at its own principals (SQLite writes the five of a kind in one INSERT).
            var row = await LoadAsync(stored, ids[i]);
            Assert.Equal(handles[i], row.Identity.Handle);
            Assert.Equal((row.Contact.Id, handles[i]), (row.Conversation.ContactId, row.Conversation.ContactHandle));
            Assert.Equal(($"ask about {handles[i]}", row.Conversation.Id), (row.Message.Text, row.Message.ConversationId));
            Assert.Equal((row.Conversation.Id, row.Message.Id), (row.Event.ConversationId, row.Event.MessageId));
            // The search index (kept by triggers) has each message under its own key.
            var found = await read.ServiceProvider.GetRequiredService<Omnichannel.Hub.Search.ISearchEngine>().SearchAsync(new Omnichannel.Hub.Search.SearchQuery(handles[i]), CancellationToken.None);
            Assert.Contains(found.Hits, hit => hit.Kind == Omnichannel.Hub.Search.SearchKind.Message && hit.Id == row.Message.Id);
        }
    }

    [Fact]
    public async Task RowsOfOneKind_InOneSave_RunOnePreparedCommand_AndEveryStatementIsStillSeenByEf()
    {
        using var seen = new CommandsSeen(hub.Storage == StorageProvider.Sqlite ? hub.DataDirectory : TestStorage.DatabaseName(hub.DataDirectory));
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var at = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        var contacts = Enumerable.Range(1, 3).Select(i => new Contact { DisplayName = $"Many {i}", CreatedAt = at }).ToList();
        db.Contacts.AddRange(contacts);
        db.ChangeTracker.DetectChanges();
        var before = seen.Commands.Count;

        Assert.True(await DirectSave.TrySaveAsync(db, Rows, CancellationToken.None));

        var inserts = seen.Commands.Skip(before).Where(c => c.Text.StartsWith("INSERT INTO \"Contacts\"", StringComparison.Ordinal)).ToList();
        // Every statement went through EF's diagnostics (logging, interceptors, counters), all through one command: its SQL
        // compiled once. SQLite writes the three rows in one INSERT (one FTS5 flush), PostgreSQL one row per execution.
        Assert.Equal(hub.Storage == StorageProvider.Sqlite ? 1 : 3, inserts.Count);
        Assert.Single(inserts.Select(c => c.Command).Distinct());
        Assert.Equal(3, contacts.Select(c => c.Id).Distinct().Count(id => id > 0));
        db.ChangeTracker.Clear();
        Assert.Equal(3, await db.Contacts.CountAsync(c => c.DisplayName.StartsWith("Many ")));
    }

    /// <summary>The commands EF reported as executed against the hub's database, with the command object that ran.</summary>
    private sealed class CommandsSeen(string database) : SqlCommandListener(database)
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(System.Data.Common.DbCommand Command, string Text)> commands = new();

        public IReadOnlyList<(System.Data.Common.DbCommand Command, string Text)> Commands => [.. commands];

        protected override void Executed(System.Data.Common.DbCommand command) => commands.Enqueue((command, command.CommandText));
    }

    private sealed record Ids(long Contact, long Identity, long Conversation, long Message, long Event);

    private async Task<Ids> SaveGraphAsync(string handle, bool directly)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var graph = AddGraph(db, handle);
        db.ChangeTracker.DetectChanges();
        if (directly)
            Assert.True(await DirectSave.TrySaveAsync(db, Rows, CancellationToken.None));
        else
            await db.SaveChangesAsync();
        Assert.All(new object[] { graph.Contact, graph.Identity, graph.Conversation, graph.Message, graph.Event }, e => Assert.Equal(EntityState.Unchanged, db.Entry(e).State));
        return Keys(graph);
    }

    private static Ids Keys(Loaded graph) => new(graph.Contact.Id, graph.Identity.Id, graph.Conversation.Id, graph.Message.Id, graph.Event.Id);

    /// <summary>A new contact's whole graph, as the inbound writer stages it (every kind of column: converters, UTC times, JSON, lists).</summary>
    private static Loaded AddGraph(OmnichannelDb db, string handle, string text = "¿Hola? 👋\nline two")
    {
        var at = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        var contact = new Contact { DisplayName = "Zoë Ñandú", CreatedAt = at, Email = "zoe@example.test", Identities = [new ContactIdentity { Channel = ChannelKind.Telegram, Handle = handle, Verified = true }] };
        var conversation = new Conversation
        {
            Contact = contact, Channel = ChannelKind.Telegram, ContactHandle = handle, State = ConversationState.Waiting, CreatedAt = at,
            LastMessageAt = at, LastInboundAt = at, WaitingSince = at, RequiredSkills = ["es", "billing"], LastMessagePreview = "¿Hola? 👋",
        };
        var message = new Message
        {
            Conversation = conversation, Channel = ChannelKind.Telegram, Direction = MessageDirection.Inbound, Text = text,
            ProviderMessageId = handle + "-1", CreatedAt = at, Attachments = [new Attachment("https://cdn.example.test/a.png", "image/png", "a.png", 1234)],
            QuickReplies = ["Sí", "No"], Metadata = new() { ["telegram.chat_type"] = "private" },
        };
        var received = new DomainEvent { Kind = DomainEventKind.MessageReceived, Conversation = conversation, Message = message, ConversationOpened = true, OccurredAt = at, ClaimedBy = "test/1", ClaimedUntil = at.AddMinutes(1) };
        db.AddRange(contact, conversation, message, received);
        return new Loaded(contact, contact.Identities[0], conversation, message, received);
    }

    private sealed record Loaded(Contact Contact, ContactIdentity Identity, Conversation Conversation, Message Message, DomainEvent Event);

    private static async Task<Loaded> LoadAsync(OmnichannelDb db, Ids ids) => new(
        await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == ids.Contact),
        await db.ContactIdentities.AsNoTracking().SingleAsync(i => i.Id == ids.Identity),
        await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == ids.Conversation),
        await db.Messages.AsNoTracking().SingleAsync(m => m.Id == ids.Message),
        await db.Set<DomainEvent>().AsNoTracking().SingleAsync(e => e.Id == ids.Event));

    /// <summary>Every mapped column of the two rows, compared in its stored form (after value conversion).</summary>
    private static void AssertSameColumns<T>(DbContext db, T a, T b, params string[] differing) where T : class
    {
        foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => !differing.Contains(p.Name)))
        {
            var converter = property.GetTypeMapping().Converter;
            object? Stored(T row) => property.PropertyInfo!.GetValue(row) is { } v && converter is not null ? converter.ConvertToProvider(v) : property.PropertyInfo!.GetValue(row);
            Assert.True(Equals(Stored(a), Stored(b)), $"{typeof(T).Name}.{property.Name}: {Stored(a)} ≠ {Stored(b)}");
        }
    }
}
