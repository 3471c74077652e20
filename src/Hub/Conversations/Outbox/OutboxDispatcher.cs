using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations.Outbox;

/// <summary>
/// Sends what the outbox holds, oldest first, through each channel's sender. Transient failures are
/// retried with backoff; permanent ones mark the message failed with the provider's reason. Because the
/// outbox is persisted, sends queued before a restart go out after it.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox pass failed; retrying after the poll interval");
            }
            await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>One pass over the due sends; returns how many it handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var senders = scope.ServiceProvider.GetServices<IChannelSender>().ToDictionary(s => s.Channel);
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.Include(o => o.Message).ThenInclude(m => m!.Conversation)
            .Where(o => o.DueAt != null && o.DueAt <= now)
            .OrderBy(o => o.DueAt).ThenBy(o => o.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            var result = await SendAsync(item, senders, cancellationToken);
            Apply(item, result, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            if (result.Outcome != SendOutcome.Transient || item.DueAt is null)
                await publisher.Publish(new MessageStatusChanged(item.Message!.ConversationId, item.MessageId, item.Message.Status, item.Message.StatusReason), cancellationToken);
        }
        return due.Count;
    }

    private async Task<SendResult> SendAsync(OutboxItem item, Dictionary<ChannelKind, IChannelSender> senders, CancellationToken cancellationToken)
    {
        var message = item.Message!;
        if (!senders.TryGetValue(message.Channel, out var sender))
            return SendResult.Permanent($"The {message.Channel} channel is not configured on this hub.");
        var outbound = new OutboundMessage(message.Id, message.ConversationId, message.Channel, message.Conversation!.ContactHandle, message.Text)
        {
            ThreadKey = message.Conversation.ThreadKey,
            Attempt = item.Attempts,
            LastInboundAt = message.Conversation.LastInboundAt,
            QuickReplies = message.QuickReplies,
            Attachments = message.Attachments,
        };
        try
        {
            return await sender.SendAsync(outbound, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Sending message {MessageId} on {Channel} threw", message.Id, message.Channel);
            return SendResult.Transient(ex.Message);
        }
    }

    /// <summary>Pure: what a send result does to the outbox entry and the message.</summary>
    internal void Apply(OutboxItem item, SendResult result, DateTime now)
    {
        var message = item.Message!;
        item.Attempts++;
        item.LastError = result.Reason;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                item.DueAt = null;
                message.ProviderMessageId ??= result.ProviderMessageId;
                if (MessageStatusRules.CanMove(message.Status, result.Reached))
                {
                    message.Status = result.Reached;
                    message.StatusReason = result.Reached == MessageStatus.Queued ? result.Reason : null;
                }
                break;
            case SendOutcome.Transient when item.Attempts < options.Value.MaxAttempts:
                item.DueAt = now + options.Value.Backoff(item.Attempts);
                message.StatusReason = $"Retrying: {result.Reason}";
                break;
            default:
                item.DueAt = null;
                message.Status = MessageStatus.Failed;
                message.StatusReason = result.Outcome == SendOutcome.Transient
                    ? $"Gave up after {item.Attempts} attempts: {result.Reason}"
                    : result.Reason;
                break;
        }
    }
}
