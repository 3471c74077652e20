using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>The board per team: answers and breaches count for the team of the operator who held the conversation.</summary>
internal sealed class SlaTeamBoard(OmnichannelDb db)
{
    public async Task<List<TeamBoardDto>> BuildAsync(DateTime dayStart, DateTime until, bool live, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        if (teams.Count == 0)
            return [];
        var online = await db.Operators.AsNoTracking().Where(o => o.Presence != Presence.Offline && !o.Disabled).Select(o => o.Id).ToListAsync(cancellationToken);
        var open = live
            ? await db.Conversations.AsNoTracking().Where(c => c.State == ConversationState.Assigned && c.AssignedOperatorId != null)
                .GroupBy(c => c.AssignedOperatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken)
            : [];
        var waitingForTeam = live
            ? await db.Conversations.AsNoTracking().Where(c => c.State == ConversationState.Waiting && c.RequiredTeamId != null)
                .GroupBy(c => c.RequiredTeamId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken)
            : [];
        var measured = await db.SlaMeasurements.AsNoTracking().Where(m => m.RespondedAt >= dayStart && m.RespondedAt < until && m.OperatorId != null)
            .Select(m => new { Operator = m.OperatorId!.Value, m.Met }).ToListAsync(cancellationToken);
        var breaches = await db.Breaches.AsNoTracking().Where(b => b.RaisedAt >= dayStart && b.RaisedAt < until && b.OperatorId != null)
            .Select(b => b.OperatorId!.Value).ToListAsync(cancellationToken);
        return [.. teams.Select(t =>
        {
            var members = t.Members.Select(m => m.OperatorId).ToHashSet();
            return new TeamBoardDto(t.Id, t.Name, members.Count(online.Contains), members.Count, members.Sum(m => open.GetValueOrDefault(m)),
                waitingForTeam.GetValueOrDefault(t.Id), breaches.Count(members.Contains),
                SlaBoard.Share(measured.Where(m => members.Contains(m.Operator)).Select(m => m.Met)));
        })];
    }
}
