using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Email;

/// <summary>Auto-replies, bulk/list mail and bounces through real Dovecot: never offered, assigned or counted.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AutomaticMailTests : IAsyncLifetime
{
    private EmailWorld world = null!;

    public async Task InitializeAsync() => world = await EmailWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    private async Task<T> DbAsync<T>(Func<OmnichannelDb, Task<T>> read)
    {
        await using var scope = world.Hub.Provider.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }

    [Fact]
    public async Task AutoReplyListAndBulkMail_AreNeverOfferedOrAssigned_AndWaitInTheAutomaticView()
    {
        var (op, console) = await world.OperatorAsync();
        await using var _ = console;
        // Room for exactly one conversation, taken at once: if automatic mail were offered it would take that place.
        (await op.Http.PutAsJsonAsync("/api/operators/me/settings", new { asyncCapacity = 1, autoAccept = true })).EnsureSuccessStatusCode();
        (await op.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();

        foreach (var file in new[] { "auto-reply.eml", "list-mail.eml", "newsletter-bulk.eml" })
            await world.Dovecot.AppendRawAsync(EmailWorld.Payload(file));
        await world.Dovecot.AppendAsync(EmailWorld.Mail("grace@customer.test", "Refund", "Can I get a refund for order 7?"));

        var person = await console.Messages.WaitAsync(m => m.Text.Contains("refund for order 7"), TimeSpan.FromSeconds(30));
        await console.Conversations.WaitAsync(c => c.Id == person.ConversationId && c.State == ConversationState.Assigned);
        var automatic = console.Messages.Seen.Where(m => m.IsAutomated).ToList();
        Assert.Equal(3, automatic.Count);
        foreach (var message in automatic)
        {
            var conversation = await world.ConversationAsync(message.ConversationId);
            Assert.True(conversation.Automatic);
            Assert.Equal(ConversationState.Waiting, conversation.State);
            Assert.Null(conversation.AssignedOperatorId);
            Assert.Null(conversation.WaitingSince);
            Assert.Null(conversation.SlaDueAt);
            Assert.False(await DbAsync(db => db.Offers.AnyAsync(o => o.ConversationId == message.ConversationId)));
        }
        var view = (await op.Http.GetFromJsonAsync<List<ConversationDto>>("/api/conversations?view=Automatic", TestJson.Options))!;
        Assert.Equal(automatic.Select(m => m.ConversationId).Order(), view.Select(c => c.Id).Order());
        var waiting = (await op.Http.GetFromJsonAsync<List<ConversationDto>>("/api/conversations?view=All", TestJson.Options))!;
        Assert.Equal([person.ConversationId], waiting.Select(c => c.Id));
        // The newsletter's contact is its sender, not its Reply-To.
        Assert.Contains(view, c => c.ContactHandle == "newsletter@brand.test");
        Assert.False(await DbAsync(db => db.ContactIdentities.AnyAsync(i => i.Handle == "care@brand.test")));
        Assert.Empty(world.Smtp.Received());
    }

    [Fact]
    public async Task Bounce_JoinsTheConversationOfTheReplyItBounced_MarksItFailed_AndReopensNothing()
    {
        var (op, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("nobody@customer.test", "Where is it", "Where is my parcel?"));
        var first = await console.Messages.WaitAsync(m => m.Text.Contains("my parcel"), TimeSpan.FromSeconds(30));
        var reply = await op.ReplyAsync(first.ConversationId, "Here is the tracking link.");
        var sent = await world.Smtp.WaitForAsync(m => m.TextBody?.Contains("tracking link") == true);
        (await op.Http.PostAsync($"/api/conversations/{first.ConversationId}/close", null)).EnsureSuccessStatusCode();

        var bounce = System.Text.Encoding.ASCII.GetString(EmailWorld.Payload("bounce.eml")).Replace("omni.7.9.original@shop.test", sent.MessageId);
        await world.Dovecot.AppendRawAsync(System.Text.Encoding.ASCII.GetBytes(bounce));

        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Failed, TimeSpan.FromSeconds(30));
        var report = await console.Messages.WaitAsync(m => m.Text.Contains("could not be delivered"), TimeSpan.FromSeconds(30));
        Assert.Equal(first.ConversationId, report.ConversationId);
        var conversation = await world.ConversationAsync(first.ConversationId);
        Assert.Equal(ConversationState.Closed, conversation.State);
        Assert.False(await DbAsync(db => db.ContactIdentities.AnyAsync(i => i.Handle.StartsWith("mailer-daemon"))));
    }
}

/// <summary>Files an operator attaches to an e-mail reply reach the SMTP server as MIME parts, byte for byte.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmailAttachmentTests : IAsyncLifetime
{
    private EmailWorld world = null!;

    public async Task InitializeAsync() => world = await EmailWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task AttachedFiles_AreMimeParts_WithTheSameBytes()
    {
        var (op, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("lin@customer.test", "Invoice", "Can you send the invoice again?"));
        var first = await console.Messages.WaitAsync(m => m.Text.Contains("invoice again"), TimeSpan.FromSeconds(30));
        var pdf = Channels.AttachmentTests.Pdf();
        var png = Channels.AttachmentTests.Png();

        var reply = await Channels.AttachmentTests.ReplyWithAsync(op, first.ConversationId, "Attached, with the label.",
            await Channels.AttachmentTests.AttachAsync(op, first.ConversationId, pdf, "invoice-4711.pdf", "application/pdf"),
            await Channels.AttachmentTests.AttachAsync(op, first.ConversationId, png, "label.png", "image/png"));

        var sent = await world.Smtp.WaitForAsync(m => m.TextBody?.Contains("with the label") == true);
        var parts = sent.Attachments.OfType<MimeKit.MimePart>().ToDictionary(p => p.FileName ?? "", p =>
        {
            using var buffer = new MemoryStream();
            p.Content!.DecodeTo(buffer);
            return (Type: p.ContentType.MimeType, Bytes: buffer.ToArray());
        });
        Assert.Equal("application/pdf", parts["invoice-4711.pdf"].Type);
        Assert.Equal(pdf, parts["invoice-4711.pdf"].Bytes);
        Assert.Equal("image/png", parts["label.png"].Type);
        Assert.Equal(png, parts["label.png"].Bytes);
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
    }
}
