using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Csat;

/// <summary>
/// In the inbound flow between dedupe and persist: a bare score ("4") answering a recent survey on a messaging channel is stored
/// with the closed conversation as its rating — the message is kept (nothing is lost) but the conversation is
/// not reopened and nobody is asked to answer it.
/// </summary>
public sealed class CsatAnswers(OmnichannelDb db, CsatRecorder recorder, TimeProvider time, IOptions<CsatOptions> options)
{
    /// <summary>Whether the message could answer a survey at all: a bare score on a messaging channel.</summary>
    public static bool MayAnswer(InboundMessage inbound) =>
        inbound.Channel is not (ChannelKind.WebChat or ChannelKind.Email) && CsatRules.ParseScore(inbound.Text) is not null;

    /// <returns>The stored answer, or null when the message is not a survey answer (it goes on through the flow).</returns>
    public async Task<InboundResult?> TryRecordAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        if (inbound.Channel is ChannelKind.WebChat or ChannelKind.Email || CsatRules.ParseScore(inbound.Text) is not { } score)
            return null;
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - options.Value.AnswerWindow;
        var survey = await db.CsatSurveys
            .Where(s => s.Channel == inbound.Channel && s.Delivery == CsatDelivery.Message && s.Score == null && s.SentAt >= since)
            .Join(db.Conversations.Where(c => c.ContactHandle == inbound.ContactHandle && c.State == ConversationState.Closed), s => s.ConversationId, c => c.Id, (s, c) => s)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (survey is null)
            return null;

        var conversation = await db.Conversations.FirstAsync(c => c.Id == survey.ConversationId, cancellationToken);
        var message = Message.FromInbound(inbound, now);
        message.Conversation = conversation;
        conversation.LastInboundAt = now;
        conversation.LastMessageAt = now;
        db.Messages.Add(message);
        await recorder.RecordAsync(survey, score, null, cancellationToken);
        return new InboundResult(conversation.Id, message.Id, Duplicate: false, now);
    }
}
