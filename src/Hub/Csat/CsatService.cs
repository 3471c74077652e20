using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Csat;

public sealed record CsatDto(long Id, long ConversationId, long? OperatorId, ChannelKind Channel, CsatDelivery Delivery, DateTime SentAt,
    int? Score, string? Comment, DateTime? AnsweredAt, string? Note, long? RuleId)
{
    public static CsatDto From(CsatSurvey s) => new(s.Id, s.ConversationId, s.OperatorId, s.Channel, s.Delivery, s.SentAt, s.Score, s.Comment, s.AnsweredAt, s.Note, s.RuleId);
}

/// <summary>A rating arrived (console and supervisor board refresh).</summary>
public sealed record CsatAnswered(CsatDto Survey) : INotification;

/// <summary>When a conversation closes: ask how it went, the way its channel allows.</summary>
public sealed class CsatOnClose(OmnichannelDb db, OutboxSignal outbox, TimeProvider time, IOptions<CsatOptions> options, CsatLinks links)
    : INotificationHandler<ConversationChanged>
{
    public async ValueTask Handle(ConversationChanged notification, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || notification.Conversation.State != ConversationState.Closed)
            return;
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == notification.Conversation.Id, cancellationToken);
        if (conversation is not { State: ConversationState.Closed, ClosedAt: { } closedAt })
            return;
        if (await db.CsatSurveys.AnyAsync(s => s.ConversationId == conversation.Id && s.SentAt >= closedAt, cancellationToken))
            return;
        // Only a conversation a human took part in is rated.
        if (!await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id && m.Direction == MessageDirection.Outbound && m.OperatorId != null, cancellationToken))
            return;

        var now = time.GetUtcNow().UtcDateTime;
        var (delivery, note) = CsatRules.Plan(conversation.Channel, conversation.LastInboundAt, now);
        var survey = new CsatSurvey
        {
            ConversationId = conversation.Id,
            OperatorId = conversation.AssignedOperatorId,
            Channel = conversation.Channel,
            Delivery = delivery,
            Note = note,
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            SentAt = now,
            RuleId = conversation.Channel == ChannelKind.WebChat ? await GreetingRuleAsync(conversation, cancellationToken) : null,
        };
        db.CsatSurveys.Add(survey);
        var text = delivery switch
        {
            CsatDelivery.Message => options.Value.Question,
            CsatDelivery.EmailLinks => $"{options.Value.EmailLine}\n" + string.Join("\n", Enumerable.Range(1, 5).Reverse().Select(n => $"{n} {Stars(n)}  {links.For(survey.Token, n)}")),
            _ => null,
        };
        if (text is not null)
        {
            var message = new Message
            {
                Conversation = conversation,
                Channel = conversation.Channel,
                Direction = MessageDirection.Outbound,
                Text = text,
                Status = MessageStatus.Pending,
                CreatedAt = now,
                IsAutomated = true,
                QuickReplies = [.. CsatRules.QuickReplies(conversation.Channel)],
            };
            db.Messages.Add(message);
            db.Outbox.Add(new OutboxItem { Message = message, DueAt = now, CreatedAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
        if (text is not null)
            outbox.Notify();
    }

    private static string Stars(int n) => new string('★', n) + new string('☆', 5 - n);

    /// <summary>The engagement rule whose greeting the visitor accepted just before this chat started, if any.</summary>
    private async Task<long?> GreetingRuleAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var from = conversation.CreatedAt.AddHours(-1);
        var to = conversation.CreatedAt.AddMinutes(1);
        return await db.EngagementEvents.AsNoTracking()
            .Where(e => e.VisitorId == conversation.ContactHandle && e.Kind == EngagementEventKind.Accepted && e.At >= from && e.At <= to)
            .OrderByDescending(e => e.At).Select(e => (long?)e.RuleId).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>The email rating links: {base}/csat/{token}/{score}.</summary>
public sealed class CsatLinks(IOptions<CsatOptions> options, IServer server)
{
    public string For(string token, int score)
    {
        var root = options.Value.PublicBaseUrl
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost")
            ?? "http://localhost:5000";
        return $"{root.TrimEnd('/')}/csat/{token}/{score}";
    }
}

/// <summary>Operators and the supervisor board hear about a new rating at once ("CsatAnswered").</summary>
public sealed class CsatFanout(Realtime.ConsolePush console) : INotificationHandler<CsatAnswered>
{
    public async ValueTask Handle(CsatAnswered notification, CancellationToken cancellationToken) => await console.CsatAnswered(notification.Survey);
}

/// <summary>Stores a rating (once; a later comment may be added) and tells the console.</summary>
public sealed class CsatRecorder(OmnichannelDb db, IPublisher publisher, TimeProvider time)
{
    public async Task<CsatDto?> RecordAsync(CsatSurvey survey, int? score, string? comment, CancellationToken cancellationToken)
    {
        if (score is { } s)
        {
            survey.Score = Math.Clamp(s, 1, 5);
            survey.AnsweredAt ??= time.GetUtcNow().UtcDateTime;
        }
        if (!string.IsNullOrWhiteSpace(comment))
            survey.Comment = comment.Trim() is { Length: > 2000 } long_ ? long_[..2000] : comment.Trim();
        await db.SaveChangesAsync(cancellationToken);
        var dto = CsatDto.From(survey);
        await publisher.Publish(new CsatAnswered(dto), cancellationToken);
        return dto;
    }
}
