using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>A supervisor sends a waiting conversation to a team: only its members are offered it (until it overflows).</summary>
    public async Task<Outcome<ConversationDto>> MoveToTeamAsync(long conversationId, long teamId, string teamName, long supervisorId, DateTime overflowAt, CancellationToken cancellationToken)
    {
        Outcome<ConversationDto> outcome;
        {
            var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation is null)
                outcome = Outcome<ConversationDto>.NotFound($"Conversation {conversationId} does not exist.");
            else if (conversation.State != ConversationState.Waiting || conversation.AssignedOperatorId is not null)
                outcome = Outcome<ConversationDto>.Conflict("Only a waiting conversation can be moved to a team; transfer an assigned one to an operator.");
            else
            {
                await WithdrawOthersAsync(conversation, exceptOfferId: null, cancellationToken);
                conversation.RequiredTeamId = teamId;
                conversation.OverflowAt = overflowAt;
                // A decision taken on the old needs is refused and taken again.
                conversation.RoutingVersion++;
                Record(conversation.Id, TimelineKind.Moved, supervisorId, $"→ team {teamName}");
                await db.SaveChangesAsync(cancellationToken);
                await DrainCoreAsync(cancellationToken);
                events.Add(new ConversationChanged(ConversationDto.From(conversation, conversation.Contact!.DisplayName)));
                outcome = Outcome<ConversationDto>.Ok(ConversationDto.From(conversation, conversation.Contact!.DisplayName));
            }
        }
        await PublishAsync(cancellationToken);
        return outcome;
    }
}
