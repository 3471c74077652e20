using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>
/// Who may act on a conversation (docs/security.md): the assigned operator, a supervisor or an admin. A waiting
/// conversation is the team's: any operator may take it (claim, reply, transfer). Closed ones are read-only for replies.
/// </summary>
public static class Ownership
{
    public const string NotYours = "Only the assigned operator, a supervisor or an admin may do this.";

    /// <summary>Pure: null when <paramref name="actor"/> may act, else why not.</summary>
    public static string? Refusal(ConversationState state, long? assignee, long actor, bool supervises) =>
        supervises || state != ConversationState.Assigned || assignee == actor ? null : NotYours;

    public static bool Supervises(this ClaimsPrincipal user) => user.IsInRole(Roles.Supervisor);

    /// <summary>The refusal for this user on this conversation (null: allowed, or the conversation does not exist — the command says so).</summary>
    public static async Task<string?> RefusalAsync(OmnichannelDb db, long conversationId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var row = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.State, c.AssignedOperatorId }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Refusal(row.State, row.AssignedOperatorId, user.OperatorId(), user.Supervises());
    }

    /// <summary>Pure: whether a capacity change is allowed. Operators may lower theirs and raise it up to the bound the
    /// admins set (Capacity:MaxLive / MaxAsync); admins set any capacity within the hub's hard limits.</summary>
    public static string? CapacityRefusal(int? live, int? asyncCapacity, bool admin, CapacityOptions bounds) =>
        admin ? null
        : live > bounds.MaxLive ? $"Live capacity above {bounds.MaxLive} is set by an admin."
        : asyncCapacity > bounds.MaxAsync ? $"Asynchronous capacity above {bounds.MaxAsync} is set by an admin."
        : null;
}

/// <summary>Bound from <c>Capacity</c>: how high operators may set their own capacity.</summary>
public sealed class CapacityOptions
{
    public const string Section = "Capacity";
    public int MaxLive { get; set; } = 10;
    public int MaxAsync { get; set; } = 50;
}
