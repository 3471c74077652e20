namespace Omnichannel.Hub.Routing;

/// <summary>Live web chat capacity right now.</summary>
/// <param name="TotalSlots">Live chat slots of available operators.</param>
/// <param name="FreeSlots">Of those, not taken (nor held by a pending offer).</param>
/// <param name="Queued">Live chats waiting without an operator.</param>
public sealed record LiveCapacity(int TotalSlots, int FreeSlots, int Queued);
