namespace Omnichannel.Adapters.Abstractions;

/// <summary>Delivery status of a message. A status update never moves backwards (Failed is final); the order is
/// Pending → Queued → Sent → Delivered → Read (see <see cref="MessageStatusOrder"/>; the numbers are storage values).</summary>
public enum MessageStatus
{
    Pending = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    /// <summary>The provider accepted the message but has not sent it yet (Twilio queued / accepted / sending).</summary>
    Queued = 4,
    /// <summary>The send's outcome is unknown and the provider could not confirm it: "may not have arrived — resend?"
    /// for the operator. A later provider report (status callback) still moves it to what the provider said.</summary>
    Unconfirmed = 8,
    Failed = 9,
}

public static class MessageStatusOrder
{
    /// <summary>Where a status stands on the way to the customer (Failed last).</summary>
    public static int Rank(this MessageStatus status) => status switch
    {
        MessageStatus.Pending => 0,
        MessageStatus.Queued => 1,
        MessageStatus.Sent => 2,
        MessageStatus.Delivered => 3,
        MessageStatus.Read => 4,
        _ => 9,
    };
}
