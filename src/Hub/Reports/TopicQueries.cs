using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>Loads each conversation's first customer message (the most recent 5,000 in the filter) for <see cref="Topics"/>.</summary>
public sealed class TopicQueries(OmnichannelDb db)
{
    public const int Limit = 5_000;

    public async Task<TopicReport> TopicsAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var conversations = db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= f.From && c.CreatedAt < f.To);
        if (f.Channel is { } channel)
            conversations = conversations.Where(c => c.Channel == channel);
        if (f.OperatorId is { } op)
            conversations = conversations.Where(c => c.AssignedOperatorId == op);
        var firstIds = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Inbound && !m.IsAutomated && conversations.Any(c => c.Id == m.ConversationId))
            .GroupBy(m => m.ConversationId).Select(g => g.Min(m => m.Id))
            .OrderByDescending(id => id).Take(Limit).ToListAsync(cancellationToken);
        var firsts = await db.Messages.AsNoTracking().Where(m => firstIds.Contains(m.Id))
            .Select(m => new
            {
                m.ConversationId,
                m.Text,
                Response = db.SlaMeasurements.Where(s => s.ConversationId == m.ConversationId && s.Kind == SlaKind.FirstResponse).OrderBy(s => s.Id).Select(s => (double?)s.ResponseSeconds).FirstOrDefault(),
                Csat = db.CsatSurveys.Where(s => s.ConversationId == m.ConversationId && s.Score != null).OrderByDescending(s => s.Id).Select(s => s.Score).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return Topics.Analyse([.. firsts.OrderBy(m => m.ConversationId).Select(m => new FirstMessage(m.ConversationId, m.Text, m.Response, m.Csat))]);
    }
}
