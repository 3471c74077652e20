namespace Omnichannel.Adapters.Abstractions;

/// <summary>Delivery status of a message. Ordered: a status update never moves backwards (Failed is final).</summary>
public enum MessageStatus
{
    Pending = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    /// <summary>The send's outcome is unknown and the provider could not confirm it: "may not have arrived — resend?"
    /// for the operator. A later provider report (status callback) still moves it to what the provider said.</summary>
    Unconfirmed = 8,
    Failed = 9,
}
