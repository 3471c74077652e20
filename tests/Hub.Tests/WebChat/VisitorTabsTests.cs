using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>A visitor with the shop open in two tabs: what they write in one is shown in the other; the tab they wrote in
/// has its answer (the send's ack) and is not sent the message again.</summary>
public sealed class VisitorTabsTests : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task AMessageWrittenInOneTab_IsShownInTheOther_AndNotPushedBackToTheTabItCameFrom()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var adaConsole = await ada.ConnectConsoleAsync();
        var visitor = await hub.NewVisitorAsync();
        await using var writing = await visitor.ConnectAsync();
        await using var other = await visitor.ConnectAsync();

        var sent = await writing.SendAsync("Is the blue one in stock?");
        var shown = await other.Messages.WaitAsync(m => m.Id == sent.MessageId);
        // The reply comes after the message was handled (offered, accepted, answered): both tabs are shown it, and had the
        // visitor's own message been pushed to the tab it came from, that push would have come before the reply.
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == sent.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        var reply = await ada.ReplyAsync(sent.ConversationId, "Yes, in every size");
        await writing.Messages.WaitAsync(m => m.Id == reply.Id);
        await other.Messages.WaitAsync(m => m.Id == reply.Id);

        Assert.Equal(("visitor", "Is the blue one in stock?"), (shown.Direction, shown.Text));
        Assert.Equal([reply.Id], writing.Messages.SoFar().Select(m => m.Id));
        Assert.Equal([sent.MessageId, reply.Id], other.Messages.SoFar().Select(m => m.Id));
    }
}
