using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Teams;

/// <summary>Loads a signed-in person's <see cref="ConversationScope"/> (once per request) and answers "may they see this?".</summary>
public sealed class ConversationScopes(OmnichannelDb db)
{
    private ConversationScope? loaded;

    public async Task<ConversationScope> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (loaded is { } scope && scope.OperatorId == user.OperatorId())
            return scope;
        var me = user.OperatorId();
        var teams = user.IsInRole(Roles.Admin)
            ? []
            : await db.Teams.AsNoTracking().Where(t => t.Members.Any(m => m.OperatorId == me))
                .Select(t => new { t.Id, t.Channels, Members = t.Members.Select(m => m.OperatorId).ToList() }).ToListAsync(cancellationToken);
        return loaded = ConversationScope.For(me, user.IsInRole(Roles.Admin), user.IsInRole(Roles.Supervisor),
            [.. teams.Select(t => new TeamServing(t.Id, t.Channels, t.Members))]);
    }

    /// <summary>Contacts with at least one conversation the scope shows (all contacts when it shows everything).</summary>
    public IQueryable<Conversations.Contact> Contacts(IQueryable<Conversations.Contact> contacts, ConversationScope scope)
    {
        if (scope.Everything)
            return contacts;
        var visible = db.Conversations.Where(scope.Predicate());
        return contacts.Where(k => visible.Any(c => c.ContactId == k.Id));
    }

    public async Task<bool> MaySeeContactAsync(ClaimsPrincipal user, long contactId, CancellationToken cancellationToken)
    {
        var scope = await ForAsync(user, cancellationToken);
        var contact = db.Contacts.AsNoTracking().Where(k => k.Id == contactId);
        return scope.Everything || !await contact.AnyAsync(cancellationToken) || await Contacts(contact, scope).AnyAsync(cancellationToken);
    }

    /// <summary>False when the conversation exists and the user may not see it (a missing one is the endpoint's 404).</summary>
    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, long conversationId, CancellationToken cancellationToken)
    {
        var scope = await ForAsync(user, cancellationToken);
        if (scope.Everything)
            return true;
        var conversation = db.Conversations.AsNoTracking().Where(c => c.Id == conversationId);
        return !await conversation.AnyAsync(cancellationToken) || await conversation.Where(scope.Predicate()).AnyAsync(cancellationToken);
    }
}
