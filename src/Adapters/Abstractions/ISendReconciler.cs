namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// Implemented by a sender whose provider can say whether a message whose send had an unknown outcome arrived
/// (Twilio: list messages by To/From and match the body), or whose channel makes a second send harmless.
/// </summary>
public interface ISendReconciler
{
    /// <param name="attemptedAt">When the unanswered attempt started.</param>
    Task<Reconciliation> ReconcileAsync(OutboundMessage message, DateTime attemptedAt, CancellationToken cancellationToken);
}

public enum ReconcileVerdict
{
    /// <summary>The provider has the message: it was sent once; nothing more to do.</summary>
    Arrived,
    /// <summary>The provider does not have it (yet): ask again later, then ask the operator.</summary>
    NotFound,
    /// <summary>The provider cannot be asked right now or the answer is ambiguous: ask again later.</summary>
    CannotTell,
    /// <summary>The channel has no way to ask (Messenger, Telegram, SMTP): the operator decides at once.</summary>
    NoWayToAsk,
    /// <summary>A second send cannot duplicate anything (the channel de-duplicates by our message id).</summary>
    SafeToResend,
}

public sealed record Reconciliation(ReconcileVerdict Verdict, string? ProviderMessageId = null, string? Reason = null)
{
    public static Reconciliation Arrived(string? providerMessageId) => new(ReconcileVerdict.Arrived, providerMessageId);
    public static Reconciliation NotFound(string reason) => new(ReconcileVerdict.NotFound, null, reason);
    public static Reconciliation CannotTell(string reason) => new(ReconcileVerdict.CannotTell, null, reason);
    public static Reconciliation NoWayToAsk(string reason) => new(ReconcileVerdict.NoWayToAsk, null, reason);
    public static Reconciliation SafeToResend() => new(ReconcileVerdict.SafeToResend);
}
