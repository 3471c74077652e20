using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>
/// Webhooks acknowledged at the commit (Events:Acknowledge=Committed): the outbox still routes and pushes every
/// message after the answer, once; a provider's retry is the same message; nothing is left in the outbox.
/// Concurrent duplicates among other contacts' messages (one group commit) are stored once, the others all kept.
/// </summary>
public sealed class InboundAcknowledgementTests : IDisposable
{
    private readonly MessagingHub hub = new() { Settings = { ["Events:Acknowledge"] = "Committed" } };

    public void Dispose() => hub.Dispose();

    /// <summary>The recorded WhatsApp text from a number, with a MessageSid and a text of its own.</summary>
    private static Dictionary<string, string> WhatsApp(string phone, string sid) =>
        MessagingHub.Form("Twilio/whatsapp-text.txt", ("+34600111222", phone), ("34600111222", phone.TrimStart('+')), ("SM1f0e8ae6ade43cb3c0ce4525424e404f", sid),
            ("la talla M", "la talla M, pedido " + sid));

    private static string NewPhone() => "+3464" + Random.Shared.Next(1_000_000, 9_999_999);

    [Fact]
    public async Task MessagesAcknowledgedAtTheCommit_AreAllPushedOnce_AndLeaveNoEventBehind()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await op.ConnectConsoleAsync();
        var forms = Enumerable.Range(0, 20).Select(_ => WhatsApp(NewPhone(), "SM" + Guid.NewGuid().ToString("N"))).ToList();

        var answers = await Task.WhenAll(forms.Select(f => hub.PostTwilioAsync("/webhooks/twilio", f)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        // Stored before the answer (persist-before-ack), pushed after it.
        foreach (var form in forms)
            Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"]));
        var ids = new HashSet<long>();
        foreach (var form in forms)
            ids.Add((await console.Messages.WaitAsync(m => m.Text == form["Body"] && m.ConversationId > 0)).Id);
        Assert.Equal(forms.Count, ids.Count);

        // The provider retries one (its answer got lost): same message, not stored again, pushed no second time.
        var retry = await hub.PostTwilioAsync("/webhooks/twilio", forms[0]);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, forms[0]["MessageSid"]));
        await Eventually.TrueAsync(() => OutboxCount() == 0, "every handled event is removed from the outbox");
        Assert.Single(console.Messages.Seen, m => m.Text == forms[0]["Body"]);
    }

    [Fact]
    public async Task ConcurrentDuplicates_AmongOtherContactsMessages_AreStoredOnce_AndNothingElseIsLost()
    {
        var repeated = WhatsApp(NewPhone(), "SM" + Guid.NewGuid().ToString("N"));
        var others = Enumerable.Range(0, 12).Select(_ => WhatsApp(NewPhone(), "SM" + Guid.NewGuid().ToString("N"))).ToList();
        var posts = Enumerable.Range(0, 4).Select(_ => repeated).Concat(others).ToList();

        var answers = await Task.WhenAll(posts.Select(f => hub.PostTwilioAsync("/webhooks/twilio", f)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, repeated["MessageSid"]));
        foreach (var form in others)
            Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"]));
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        // One contact per phone: the repeated message did not create its contact twice.
        var digits = posts.Select(f => f["WaId"]).Distinct().ToList();
        var handles = await db.ContactIdentities.Where(i => i.Channel == ChannelKind.WhatsApp).Select(i => i.Handle).ToListAsync();
        Assert.All(digits, d => Assert.Single(handles, h => h.EndsWith(d, StringComparison.Ordinal)));
    }

    private int OutboxCount()
    {
        using var scope = hub.Provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Set<DomainEvent>().Count();
    }
}
