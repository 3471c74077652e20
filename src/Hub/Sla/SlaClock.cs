using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Sla;

/// <summary>Where a conversation's clock stands at an instant.</summary>
/// <param name="TimeLeft">Counted time left before the breach (negative once breached).</param>
/// <param name="Used">Share of the target used (1 = due).</param>
public readonly record struct SlaEvaluation(
    SlaState State, SlaKind? Kind, DateTime? StartedAt, DateTime? AtRiskAt, DateTime? DueAt, TimeSpan Target, TimeSpan TimeLeft, double Used)
{
    public static readonly SlaEvaluation None = new(SlaState.None, null, null, null, null, TimeSpan.Zero, TimeSpan.Zero, 0);
}

/// <summary>
/// The SLA clock as pure functions of a policy, a conversation and an instant: when it starts, stops and what state it is in.
/// A clock starts when a customer message waits for a human answer and stops at the operator's reply
/// (first response), then restarts with the next customer message (next response). Automatic messages never start one.
/// </summary>
public static class SlaClock
{
    public static SlaEvaluation Evaluate(SlaPolicy policy, Conversation conversation, DateTime now)
    {
        if (conversation.State == ConversationState.Closed || conversation.SlaKind is not { } kind || conversation.SlaStartedAt is not { } started)
            return SlaEvaluation.None;
        var target = policy.Target(kind);
        var used = policy.Counted(started, now);
        var share = target > TimeSpan.Zero ? used / target : 1;
        var state = share >= 1 ? SlaState.Breached : share >= policy.AtRiskRatio ? SlaState.AtRisk : SlaState.OnTrack;
        return new SlaEvaluation(state, kind, started, policy.After(started, target * policy.AtRiskRatio), policy.After(started, target), target, target - used, share);
    }

    /// <summary>A customer message was stored. Returns true when it started a clock.</summary>
    public static bool OnInbound(SlaPolicy policy, Conversation conversation, Message message, bool conversationOpened)
    {
        if (conversationOpened)
        {
            // A new or reopened conversation waits for a first answer again.
            Stop(conversation);
            conversation.FirstRespondedAt = null;
        }
        if (message.IsAutomated || message.Direction != MessageDirection.Inbound || conversation.State == ConversationState.Closed || conversation.SlaKind is not null)
            return false;
        var kind = conversation.FirstRespondedAt is null ? SlaKind.FirstResponse : SlaKind.NextResponse;
        Start(policy, conversation, kind, conversation.WaitingSince ?? message.CreatedAt);
        return true;
    }

    public static void Start(SlaPolicy policy, Conversation conversation, SlaKind kind, DateTime startedAt)
    {
        var target = policy.Target(kind);
        conversation.SlaKind = kind;
        conversation.SlaStartedAt = startedAt;
        conversation.SlaAtRiskAt = policy.After(startedAt, target * policy.AtRiskRatio);
        conversation.SlaDueAt = policy.After(startedAt, target);
        conversation.SlaNextCheckAt = conversation.SlaAtRiskAt;
        conversation.AtRiskRaisedAt = null;
        conversation.BreachRaisedAt = null;
    }

    /// <summary>An operator replied: the running clock stops. Returns what it measured (null when no clock ran).</summary>
    public static SlaMeasurement? OnReply(SlaPolicy policy, Conversation conversation, DateTime now, long operatorId)
    {
        SlaMeasurement? measured = null;
        if (conversation.SlaKind is { } kind && conversation.SlaStartedAt is { } started && conversation.SlaDueAt is { } due)
            measured = new SlaMeasurement
            {
                ConversationId = conversation.Id,
                Channel = conversation.Channel,
                Kind = kind,
                StartedAt = started,
                DueAt = due,
                RespondedAt = now,
                ResponseSeconds = (now - started).TotalSeconds,
                CountedSeconds = policy.Counted(started, now).TotalSeconds,
                Met = now <= due,
                OperatorId = operatorId,
            };
        conversation.FirstRespondedAt ??= now;
        Stop(conversation);
        return measured;
    }

    /// <summary>Closing ends any running clock (a breach already raised stays on record).</summary>
    public static void OnClose(Conversation conversation) => Stop(conversation);

    public static void Stop(Conversation conversation)
    {
        conversation.SlaKind = null;
        conversation.SlaStartedAt = null;
        conversation.SlaAtRiskAt = null;
        conversation.SlaDueAt = null;
        conversation.SlaNextCheckAt = null;
        conversation.AtRiskRaisedAt = null;
        conversation.BreachRaisedAt = null;
    }

    /// <summary>
    /// The deadline engine's decision for a clock whose check time came (the sweep's SQL only selects those): raise the
    /// breach, raise the at-risk alert, or nothing (a stale check time — see <see cref="NextCheckWhenNothingDue"/>).
    /// </summary>
    public static SlaDue DueAt(Conversation conversation, DateTime now) =>
        conversation.BreachRaisedAt is null && conversation.SlaDueAt <= now ? SlaDue.Breach
        : conversation.AtRiskRaisedAt is null && conversation.SlaAtRiskAt <= now ? SlaDue.AtRisk
        : SlaDue.Nothing;

    /// <summary>When nothing was due: check again at the due time while the breach is still ahead, else never.</summary>
    public static DateTime? NextCheckWhenNothingDue(Conversation conversation) => conversation.BreachRaisedAt is null ? conversation.SlaDueAt : null;

    /// <summary>The state as stored (what the deadline engine has raised so far): cheap, no policy needed.</summary>
    public static SlaState StoredState(Conversation conversation) =>
        conversation.SlaDueAt is null ? SlaState.None
        : conversation.BreachRaisedAt is not null ? SlaState.Breached
        : conversation.AtRiskRaisedAt is not null ? SlaState.AtRisk
        : SlaState.OnTrack;
}

/// <summary>What a sweep raises for one clock.</summary>
public enum SlaDue
{
    Nothing,
    AtRisk,
    Breach,
}
