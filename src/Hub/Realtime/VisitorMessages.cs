using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Realtime;

/// <summary>Messages as the visitor sees them, with the answering operator's display name.</summary>
public sealed class VisitorMessages(OmnichannelDb db, ConversationQueries queries, Attachments.VisitorFiles files)
{
    public async Task<IReadOnlyList<VisitorMessageDto>> AfterAsync(long conversationId, long afterId, CancellationToken cancellationToken)
    {
        var messages = await queries.MessagesAsync(conversationId, afterId, cancellationToken);
        var operatorIds = messages.Where(m => m.OperatorId is not null).Select(m => m.OperatorId!.Value).Distinct().ToList();
        var names = operatorIds.Count == 0
            ? new Dictionary<long, string>()
            : await db.Operators.AsNoTracking().Where(o => operatorIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, cancellationToken);
        return [.. messages.Where(m => !m.IsAutomated || m.Direction == MessageDirection.Inbound)
            .Select(m => VisitorMessageDto.From(m, m.OperatorId is { } id ? names.GetValueOrDefault(id) : null, files))];
    }

    public async Task<VisitorMessageDto?> OneAsync(long messageId, CancellationToken cancellationToken)
    {
        var row = await db.Messages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { Message = m, Author = db.Operators.Where(o => o.Id == m.OperatorId).Select(o => o.DisplayName).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : VisitorMessageDto.From(MessageDto.From(row.Message), row.Author, files);
    }
}
