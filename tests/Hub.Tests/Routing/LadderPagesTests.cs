using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Sla;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>
/// The web chat ladder's broadcast and supervisor steps are claimed a page at a time (one statement per page): a backlog
/// longer than a page is stepped through completely, and each conversation is broadcast and alerted once however many
/// sweeps run at the same time.
/// </summary>
public sealed class LadderPagesTests
{
    private const int Waiting = 1_100; // more than two pages

    [Fact]
    public async Task ABacklogOfUnansweredChats_IsBroadcastAndAlertedOnceEach_WithTwoSweepsAtOnce()
    {
        await using var hub = new SlaHubFactory();
        var waitingSince = hub.Clock.GetUtcNow().UtcDateTime;
        await SeedWaitingChatsAsync(hub, waitingSince);

        hub.Clock.Advance(new RoutingOptions().SupervisorAlertAfter + TimeSpan.FromSeconds(5)); // past the last one's alert time
        await Task.WhenAll(SweepAsync(hub), SweepAsync(hub));

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var stepped = await db.Conversations.AsNoTracking()
            .CountAsync(c => c.BroadcastAt != null && c.SupervisorsAlertedAt != null);
        Assert.Equal(Waiting, stepped);
        // The hub's own scheduled sweep may have claimed a page too; its timeline entries follow its claim.
        await Eventually.TrueAsync(async () => await AlertEntriesAsync(db) == Waiting, "every chat's alert is on its timeline", TimeSpan.FromSeconds(60));
        await SweepAsync(hub);
        var alerted = await db.Timeline.AsNoTracking().Where(t => t.Kind == TimelineKind.SupervisorsAlerted)
            .Select(t => t.ConversationId).ToListAsync();
        Assert.Equal(Waiting, alerted.Count);
        Assert.Equal(Waiting, alerted.Distinct().Count());
    }

    private static Task<int> AlertEntriesAsync(OmnichannelDb db) =>
        db.Timeline.AsNoTracking().CountAsync(t => t.Kind == TimelineKind.SupervisorsAlerted);

    private static async Task SweepAsync(SlaHubFactory hub)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoutingEngine>().SweepAsync(CancellationToken.None);
    }

    private static async Task SeedWaitingChatsAsync(SlaHubFactory hub, DateTime since)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var contact = new Contact
        {
            DisplayName = "Backlog",
            CreatedAt = since,
            Identities = [new ContactIdentity { Channel = ChannelKind.WebChat, Handle = "backlog-visitor" }],
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        db.Conversations.AddRange(Enumerable.Range(0, Waiting).Select(i => new Conversation
        {
            ContactId = contact.Id, Channel = ChannelKind.WebChat, ContactHandle = "backlog-visitor", State = ConversationState.Waiting,
            CreatedAt = since, LastMessageAt = since, LastInboundAt = since, WaitingSince = since.AddMilliseconds(i),
        }));
        await db.SaveChangesAsync();
    }
}
