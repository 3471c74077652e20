using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Storage;

/// <summary>One durable key/value pair of a channel listener.</summary>
public sealed class ChannelCursor
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class ChannelCursorStore(IServiceScopeFactory scopes, TimeProvider time) : IChannelCursorStore
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.ChannelCursors.AsNoTracking().Where(c => c.Key == key).Select(c => c.Value).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var cursor = await db.ChannelCursors.FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (cursor is null)
            db.ChannelCursors.Add(cursor = new ChannelCursor { Key = key, Value = value });
        cursor.Value = value;
        cursor.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
