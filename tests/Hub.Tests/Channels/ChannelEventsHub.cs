using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>The messaging hub with one operator available and listening, so every test can see what is (and is not) offered.</summary>
public sealed class ChannelEventsHub : MessagingHub, IAsyncLifetime
{
    public OperatorSession Operator { get; private set; } = null!;
    public ConsoleListener Console { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Operator = await LoginAsync(await CreateOperatorAsync("Eve"));
        (await Operator.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 50, asyncCapacity = 200 })).EnsureSuccessStatusCode();
        Console = await Operator.ConnectConsoleAsync();
        (await Operator.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
    }

    async Task IAsyncLifetime.DisposeAsync() => await Console.DisposeAsync();

    public async Task<T> DbAsync<T>(Func<OmnichannelDb, Task<T>> read)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }

    public Task<Conversation?> ConversationOfAsync(ChannelKind channel, string handle) =>
        DbAsync(db => db.Conversations.AsNoTracking().Where(c => c.Channel == channel && c.ContactHandle == handle).OrderByDescending(c => c.Id).FirstOrDefaultAsync());

    public Task<List<Message>> MessagesOfAsync(long conversationId) =>
        DbAsync(db => db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync());

    public Task<bool> AnyOfferAsync(long conversationId) => DbAsync(db => db.Offers.AnyAsync(o => o.ConversationId == conversationId));

    public Task<bool> AnyContactAsync(ChannelKind channel, string handle) =>
        DbAsync(db => db.ContactIdentities.AnyAsync(i => i.Channel == channel && i.Handle == handle));
}
