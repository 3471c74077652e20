using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>Loads each conversation's first customer message (the most recent 5,000 conversations of the filter that have one) for <see cref="Topics"/>.</summary>
public sealed class TopicQueries(OmnichannelDb db, ReportScope scope)
{
    public const int Limit = 5_000;

    /// <summary>Conversations looked at per query: most have a customer's first message, so one page usually does.</summary>
    public const int PageSize = 6_000;

    public async Task<TopicReport> TopicsAsync(ReportFilter f, CancellationToken cancellationToken, int limit = Limit, int pageSize = PageSize)
    {
        // The most recent conversations of the filter, a page at a time (newest first) until the limit of them have a customer's
        // first message — one probe of the (ConversationId, Id) index each. Asked of every conversation of the filter and
        // then sorted, it was a probe per conversation of the whole year: 0.8 s of the report's 1 s over 100,000 of them.
        var firsts = new List<FirstMessage>();
        long? below = null;
        while (firsts.Count < limit)
        {
            // The page's ids as a subquery (IN (SELECT … LIMIT)): ordered and cut first, so the probes below run for its
            // conversations only (asked in one query with the probes, SQLite ran them before sorting).
            var page = scope.Conversations(f).Where(c => below == null || c.Id < below).OrderByDescending(c => c.Id).Take(pageSize).Select(c => c.Id);
            var rows = await db.Conversations.AsNoTracking().Where(c => page.Contains(c.Id))
                .OrderByDescending(c => c.Id)
                .Select(c => new
                {
                    c.Id,
                    First = db.Messages.Where(m => m.ConversationId == c.Id && m.Direction == MessageDirection.Inbound && !m.IsAutomated).OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
                    Response = db.SlaMeasurements.Where(s => s.ConversationId == c.Id && s.Kind == SlaKind.FirstResponse).OrderBy(s => s.Id).Select(s => (double?)s.ResponseSeconds).FirstOrDefault(),
                    Csat = db.CsatSurveys.Where(s => s.ConversationId == c.Id && s.Score != null).OrderByDescending(s => s.Id).Select(s => s.Score).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
                if (row.First is not null && firsts.Count < limit)
                    firsts.Add(new FirstMessage(row.Id, row.First, row.Response, row.Csat));
            if (rows.Count < pageSize)
                break;
            below = rows[^1].Id;
        }
        return Topics.Analyse([.. firsts.OrderBy(m => m.ConversationId)]);
    }
}
