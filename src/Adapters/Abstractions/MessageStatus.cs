namespace Omnichannel.Adapters.Abstractions;

/// <summary>Delivery status of a message. Ordered: a status update never moves backwards (Failed is final).</summary>
public enum MessageStatus
{
    Pending = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 9,
}
