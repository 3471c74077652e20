using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations.Outbox;

/// <summary>
/// Sends what the outbox holds, oldest first, through each channel's sender. Sends the provider provably did not
/// process are retried with backoff; permanent refusals mark the message failed with the provider's reason. A send
/// whose outcome is unknown (no answer in time, or the hub died while it was in flight) is never sent again by
/// itself: it is reconciled with the provider, or shown to the operator as "may not have arrived — resend?".
/// Because the outbox is persisted, sends queued before a restart go out after it.
/// </summary>
public sealed partial class OutboxDispatcher(
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
            var before = (item.Message!.Status, item.Message.StatusReason);
            if (item.InFlightSince is { } attemptedAt)
            {
                var verdict = await CheckAsync(item, senders, attemptedAt, cancellationToken);
                ApplyCheck(item, verdict, time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                // Recorded before the provider is called: if the hub dies now, the next pass knows the outcome is unknown.
                item.InFlightSince = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken);
                var result = await SendAsync(item, senders, cancellationToken);
                Apply(item, result, time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
            }
            if (before != (item.Message.Status, item.Message.StatusReason))
                await publisher.Publish(new MessageStatusChanged(item.Message.ConversationId, item.MessageId, item.Message.Status, item.Message.StatusReason), cancellationToken);
        }
        return due.Count;
    }

    private static OutboundMessage Outbound(OutboxItem item)
    {
        var message = item.Message!;
        return new OutboundMessage(message.Id, message.ConversationId, message.Channel, message.Conversation!.ContactHandle, message.Text)
        {
            ThreadKey = message.Conversation.ThreadKey,
            Attempt = item.Attempts,
            LastInboundAt = message.Conversation.LastInboundAt,
            QuickReplies = message.QuickReplies,
            Attachments = message.Attachments,
        };
    }

    private async Task<SendResult> SendAsync(OutboxItem item, Dictionary<ChannelKind, IChannelSender> senders, CancellationToken cancellationToken)
    {
        var message = item.Message!;
        if (!senders.TryGetValue(message.Channel, out var sender))
            return SendResult.Permanent($"The {message.Channel} channel is not configured on this hub.");
        try
        {
            return await sender.SendAsync(Outbound(item), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // We cannot tell how far the sender got: treat it as unanswered, not as "retry".
            logger.LogWarning(ex, "Sending message {MessageId} on {Channel} threw", message.Id, message.Channel);
            return SendResult.Unknown($"The {message.Channel} sender failed unexpectedly: {ex.Message}");
        }
    }

    private async Task<Reconciliation> CheckAsync(OutboxItem item, Dictionary<ChannelKind, IChannelSender> senders, DateTime attemptedAt, CancellationToken cancellationToken)
    {
        var message = item.Message!;
        if (message.ProviderMessageId is { } confirmed)
            return Reconciliation.Arrived(confirmed); // a status callback named it meanwhile
        if (!senders.TryGetValue(message.Channel, out var sender) || sender is not ISendReconciler reconciler)
            return Reconciliation.NoWayToAsk($"{message.Channel} cannot be asked whether a message arrived.");
        try
        {
            return await reconciler.ReconcileAsync(Outbound(item), attemptedAt, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Reconciling message {MessageId} on {Channel} threw", message.Id, message.Channel);
            return Reconciliation.CannotTell(ex.Message);
        }
    }
}
