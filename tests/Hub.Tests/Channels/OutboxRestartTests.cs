using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;

namespace Omnichannel.Hub.Tests.Channels;

public sealed class OutboxRestartTests
{
    [Fact]
    public async Task RepliesQueuedBeforeARestart_AreSentAfterStart()
    {
        var shared = Path.Combine(Path.GetTempPath(), "omnichannel-tests", "restart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(shared);
        string text = "Queued before the restart " + Guid.NewGuid();
        string phone = "+3461" + Random.Shared.Next(1_000_000, 9_999_999);
        try
        {
            // First life: the reply is persisted with its outbox entry, but the hub stops before the dispatcher sends it.
            using (var first = new MessagingHub { DataDirectory = shared, KeepData = true })
            {
                first.OverrideServices = services =>
                {
                    var dispatcher = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxDispatcher));
                    services.Remove(dispatcher);
                };
                var form = await first.WhatsAppFromAsync(phone);
                var op = await first.LoginAsync(await first.CreateOperatorAsync("Ada"));
                var conversation = (await first.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"])).Single().ConversationId;
                var reply = await op.ReplyAsync(conversation, text);
                Assert.Equal(MessageStatus.Pending, reply.Status);
                Assert.DoesNotContain(first.Twilio.Calls, c => c.Body.Contains("restart"));
            }

            // Second life on the same database: the dispatcher finds the due send and sends it.
            using var second = new MessagingHub { DataDirectory = shared };
            _ = second.BaseAddress;
            var call = await second.Twilio.WaitAsync(c => c.Form.GetValueOrDefault("Body") == text);
            Assert.Equal("whatsapp:" + phone, call.Form["To"]);
        }
        finally
        {
            try
            {
                Directory.Delete(shared, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
