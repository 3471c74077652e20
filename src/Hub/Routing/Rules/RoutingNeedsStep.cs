using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Routing.Rules;

/// <summary>
/// When a message opens a conversation, the admin's routing rules (<see cref="RoutingNeedsRules.Decide"/>) give it
/// required skills and a team, stored on the conversation and written to its routing timeline, before it is routed.
/// </summary>
public sealed class RoutingNeedsStep(OmnichannelDb db, RoutingRuleCatalog catalog, LiveVisitors visitors, TimeProvider time)
{
    public async Task ApplyAsync(StoredInbound stored, CancellationToken cancellationToken)
    {
        if (!stored.ConversationOpened)
            return;
        var (rules, teams) = await catalog.GetAsync(cancellationToken);
        if (rules.Count == 0)
            return;
        var conversation = stored.Conversation;
        // The event may be handled again after a crash: the rules were applied once already.
        if (await db.Timeline.AnyAsync(t => t.ConversationId == conversation.Id && t.Kind == TimelineKind.NeedsSet && t.At >= stored.Message.CreatedAt, cancellationToken))
            return;
        var visitor = conversation.Channel == ChannelKind.WebChat ? visitors.Find(conversation.ContactHandle) : null;
        var facts = new ConversationFacts(conversation.Channel, visitor?.Path, visitor?.Language, stored.Message.Text);
        var now = time.GetUtcNow().UtcDateTime;
        if (RoutingNeedsRules.Decide(rules, teams, facts, now) is not { } needs)
            return;
        conversation.RequiredSkills = [.. needs.Skills];
        conversation.RequiredTeamId = needs.TeamId;
        conversation.OverflowAt = needs.OverflowAt;
        await db.Conversations.Where(c => c.Id == conversation.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RequiredSkills, conversation.RequiredSkills)
            .SetProperty(c => c.RequiredTeamId, needs.TeamId)
            .SetProperty(c => c.OverflowAt, needs.OverflowAt), cancellationToken);
        db.Timeline.Add(new TimelineEntry { ConversationId = conversation.Id, At = now, Kind = TimelineKind.NeedsSet, Detail = needs.Explanation });
        await db.SaveChangesAsync(cancellationToken);
    }
}
