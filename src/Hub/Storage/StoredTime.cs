namespace Omnichannel.Hub.Storage;

public static class StoredTime
{
    /// <summary>PostgreSQL keeps microseconds: an instant on whole microseconds reads back equal from either database —
    /// what a claim stamped with it is read back by.</summary>
    public static DateTime WholeMicroseconds(DateTime at) => new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
}
