using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>Loads each conversation's first customer message (the most recent 5,000 conversations of the filter) for <see cref="Topics"/>.</summary>
public sealed class TopicQueries(OmnichannelDb db, ReportScope scope)
{
    public const int Limit = 5_000;

    public async Task<TopicReport> TopicsAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        // The most recent conversations of the filter that a customer opened, each with its first customer message (one
        // probe of the (ConversationId, Id) index each): never a pass over every message.
        var firsts = await scope.Conversations(f)
            .Select(c => new
            {
                ConversationId = c.Id,
                First = db.Messages.Where(m => m.ConversationId == c.Id && m.Direction == MessageDirection.Inbound && !m.IsAutomated).OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
            })
            .Where(c => c.First != null)
            .OrderByDescending(c => c.ConversationId).Take(Limit)
            .Select(c => new
            {
                c.ConversationId,
                Text = c.First!,
                Response = db.SlaMeasurements.Where(s => s.ConversationId == c.ConversationId && s.Kind == SlaKind.FirstResponse).OrderBy(s => s.Id).Select(s => (double?)s.ResponseSeconds).FirstOrDefault(),
                Csat = db.CsatSurveys.Where(s => s.ConversationId == c.ConversationId && s.Score != null).OrderByDescending(s => s.Id).Select(s => s.Score).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return Topics.Analyse([.. firsts.OrderBy(m => m.ConversationId).Select(m => new FirstMessage(m.ConversationId, m.Text, m.Response, m.Csat))]);
    }
}
