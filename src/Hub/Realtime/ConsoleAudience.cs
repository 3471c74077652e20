using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Teams;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// Console connections whose <see cref="ConversationScope"/> is narrowed by their teams. They are not in the
/// every-operator group; each push about a conversation reaches those of them who may see it (docs/security.md).
/// The scope is taken when the console connects (a team change applies on the next connect).
/// </summary>
public sealed class ConsoleAudience(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, Func<Conversation, bool>> narrowed = new();

    public void Add(string connectionId, ConversationScope scope) => narrowed[connectionId] = scope.Predicate().Compile();

    public void Remove(string connectionId) => narrowed.TryRemove(connectionId, out _);

    /// <summary>The narrowed connections that may see the conversation (none, without a query, when nobody is narrowed).</summary>
    public async Task<IReadOnlyList<string>> ViewersAsync(long conversationId)
    {
        if (narrowed.IsEmpty)
            return [];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var facts = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Channel, c.State, c.AssignedOperatorId, c.RequiredTeamId }).FirstOrDefaultAsync();
        if (facts is null)
            return [];
        var conversation = new Conversation
        {
            Id = conversationId, ContactHandle = "", Channel = facts.Channel, State = facts.State,
            AssignedOperatorId = facts.AssignedOperatorId, RequiredTeamId = facts.RequiredTeamId,
        };
        return [.. narrowed.Where(n => n.Value(conversation)).Select(n => n.Key)];
    }
}
