using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Alerts;

/// <summary>Routing's notifications that reach operators off-screen, and the ones that settle their alerts.</summary>
public sealed class AlertReactions(AlertCoordinator alerts, ConsoleVisibility visibility, OmnichannelDb db, IOptions<AlertOptions> options, TimeProvider time)
    : INotificationHandler<OfferMade>, INotificationHandler<SupervisorsAlerted>, INotificationHandler<OfferWithdrawn>, INotificationHandler<ConversationChanged>,
      INotificationHandler<Notes.OperatorMentioned>
{
    /// <summary>How long who-is-online is reused for the next supervisor alert of the same publisher (a sweep publishes
    /// a page of them at once: two queries per alert were thousands a second with a large backlog).</summary>
    public static readonly TimeSpan AudienceReusedFor = TimeSpan.FromSeconds(1);

    private sealed record Person(long Id, Presence Presence, string Role);

    private (DateTimeOffset At, List<Person> People, List<long> AwayOptIn)? audience;

    /// <summary>An offer to an operator whose console is hidden (or closed): push it to their phone.</summary>
    public async ValueTask Handle(OfferMade notification, CancellationToken cancellationToken)
    {
        var offer = notification.Offer;
        if (!options.Value.Enabled || visibility.IsOnScreen(offer.OperatorId))
            return;
        await alerts.RaiseAsync(offer.OperatorId, offer.ConversationId, offer.Id, AlertCoordinator.OfferKind,
            $"New {Describe(offer.Channel)} from {offer.ContactName}", offer.Preview ?? "A customer is waiting for you.", cancellationToken);
    }

    /// <summary>
    /// A web chat still waits at the supervisors' step: alert who could help and is not looking — available operators and
    /// supervisors with the console hidden, and away operators who asked to be notified.
    /// </summary>
    public async ValueTask Handle(SupervisorsAlerted notification, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return;
        var alert = notification.Alert;
        var (_, people, awayOptIn) = await AudienceAsync(cancellationToken);
        foreach (var person in people)
        {
            var notifiable = person.Presence == Presence.Away
                ? awayOptIn.Contains(person.Id)
                : person.Presence == Presence.Available || person.Role != Roles.Operator;
            if (!notifiable || visibility.IsOnScreen(person.Id))
                continue;
            await alerts.RaiseAsync(person.Id, alert.ConversationId, null, AlertCoordinator.WaitingKind,
                $"{alert.ContactName} is still waiting", alert.Reason, cancellationToken);
        }
    }

    private async Task<(DateTimeOffset At, List<Person> People, List<long> AwayOptIn)> AudienceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (audience is { } known && now - known.At < AudienceReusedFor)
            return known;
        var awayOptIn = options.Value.AlertAwayOperators
            ? await db.Set<OperatorAlertSettings>().AsNoTracking().Where(s => s.NotifyWhenAway).Select(s => s.OperatorId).ToListAsync(cancellationToken)
            : [];
        var people = await db.Operators.AsNoTracking().Where(o => o.Presence != Presence.Offline)
            .Select(o => new Person(o.Id, o.Presence, o.Role)).ToListAsync(cancellationToken);
        audience = (now, people, awayOptIn);
        return audience.Value;
    }

    /// <summary>A colleague mentioned an operator whose console is hidden: alert them the way they chose (until they open it).</summary>
    public async ValueTask Handle(Notes.OperatorMentioned notification, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || visibility.IsOnScreen(notification.OperatorId))
            return;
        var mention = notification.Mention;
        await alerts.RaiseAsync(notification.OperatorId, mention.ConversationId, null, AlertCoordinator.MentionKind,
            $"{mention.ByOperatorName} mentioned you ({mention.ContactName})", mention.Text.Length > 140 ? mention.Text[..140] + "…" : mention.Text, cancellationToken);
    }

    public async ValueTask Handle(OfferWithdrawn notification, CancellationToken cancellationToken) =>
        await alerts.SettleOfferAsync(notification.Offer.Id);

    public async ValueTask Handle(ConversationChanged notification, CancellationToken cancellationToken)
    {
        if (notification.Conversation.State != ConversationState.Waiting)
            await alerts.SettleConversationAsync(notification.Conversation.Id);
    }

    private static string Describe(Adapters.Abstractions.ChannelKind channel) => channel switch
    {
        Adapters.Abstractions.ChannelKind.WebChat => "web chat",
        Adapters.Abstractions.ChannelKind.Sms => "SMS",
        Adapters.Abstractions.ChannelKind.Email => "email",
        _ => channel + " message",
    };
}
