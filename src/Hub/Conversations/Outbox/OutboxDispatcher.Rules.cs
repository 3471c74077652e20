using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Conversations.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>What the operator sees when neither the send nor the provider could tell whether a message arrived.</summary>
    public const string MayNotHaveArrived = "May not have arrived — resend?";

    /// <summary>Pure: what a send result does to the outbox entry and the message.</summary>
    internal void Apply(OutboxItem item, SendResult result, DateTime now)
    {
        var message = item.Message!;
        item.Attempts++;
        item.LastError = result.Reason;
        if (result.Outcome != SendOutcome.Unknown)
            item.InFlightSince = null;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                item.DueAt = null;
                message.ProviderMessageId ??= result.ProviderMessageId;
                message.StatusReason = null;
                if (MessageStatusRules.CanMove(message.Status, result.Reached))
                {
                    message.Status = result.Reached;
                    message.StatusReason = result.Reached == MessageStatus.Queued ? result.Reason : null;
                }
                break;
            case SendOutcome.Unknown:
                // Not sent again: the provider is asked after a while whether it has the message.
                item.InFlightSince ??= now;
                item.DueAt = now + options.Value.CheckDelay;
                message.StatusReason = $"No answer yet; checking whether it arrived: {result.Reason}";
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

    /// <summary>Pure: what the provider's answer about an unanswered send does to the outbox entry and the message.</summary>
    internal void ApplyCheck(OutboxItem item, Reconciliation verdict, DateTime now)
    {
        var message = item.Message!;
        item.Checks++;
        switch (verdict.Verdict)
        {
            case ReconcileVerdict.Arrived:
                item.DueAt = null;
                item.InFlightSince = null;
                message.ProviderMessageId ??= verdict.ProviderMessageId;
                message.StatusReason = null;
                if (message.Status is MessageStatus.Pending or MessageStatus.Unconfirmed)
                    message.Status = MessageStatus.Sent;
                break;
            case ReconcileVerdict.SafeToResend:
                item.InFlightSince = null;
                item.DueAt = now;
                break;
            case ReconcileVerdict.NotFound or ReconcileVerdict.CannotTell when item.Checks < options.Value.MaxChecks:
                item.DueAt = now + options.Value.CheckDelay;
                message.StatusReason = $"No answer yet; checking whether it arrived: {verdict.Reason}";
                break;
            default:
                // InFlightSince stays: a later provider report (status callback) can still confirm it.
                item.DueAt = null;
                if (message.Status == MessageStatus.Pending)
                {
                    message.Status = MessageStatus.Unconfirmed;
                    message.StatusReason = string.Join(" ", new[] { MayNotHaveArrived, item.LastError, verdict.Reason }.Where(r => !string.IsNullOrWhiteSpace(r)));
                }
                item.LastError = verdict.Reason ?? item.LastError;
                break;
        }
    }
}
