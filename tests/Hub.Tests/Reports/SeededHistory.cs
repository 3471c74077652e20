using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Teams;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>
/// A generated shop history (fixed seed) written straight into the hub's store: contacts, conversations, accepted
/// offers, first-response measurements, breaches (some after ignored offers), CSAT and turned-away demand. The lists
/// are kept so a test can count the expected figures itself.
/// </summary>
public sealed class SeededHistory
{
    public static readonly DateTime Start = new(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc); // a Monday; DST ends in Europe on 25 October
    public static readonly DateTime End = Start.AddDays(35);
    public List<Conversation> Conversations { get; } = [];
    public List<SlaMeasurement> Measurements { get; } = [];
    public List<Breach> Breaches { get; } = [];
    public List<Offer> Offers { get; } = [];
    public List<CsatSurvey> Surveys { get; } = [];
    public List<TurnedAway> TurnedAway { get; } = [];
    public List<Message> Messages { get; } = [];
    private static readonly string[] Questions = ["Where is my order?", "Waar is mijn bestelling?", "Can I return my shoes", "Hoe kan ik retourneren", "Do you ship to Belgium"];
    public List<long> OperatorIds { get; } = [];
    public List<PresenceSpell> Spells { get; } = [];
    public List<VisitorPageView> PageViews { get; } = [];
    public List<EngagementRule> Rules { get; } = [];
    public List<EngagementEvent> Engagement { get; } = [];
    /// <summary>"Checkout": Bo is a member, and some conversations were routed to it.</summary>
    public long TeamId { get; private set; }
    public static readonly string[] Pages = ["/cart", "/cart/checkout", "/product/shoes", "/CART/voucher", "/faq"];

    public static async Task<SeededHistory> WriteAsync(HubFactory hub, int seed = 15)
    {
        var history = new SeededHistory();
        foreach (var name in new[] { "Ada", "Bo", "Cy" })
            history.OperatorIds.Add((await hub.CreateOperatorAsync(name)).Id);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var random = new Random(seed);
        var team = new Team { Name = "Checkout", Members = [new TeamMember { OperatorId = history.OperatorIds[1] }] };
        db.Add(team);
        await db.SaveChangesAsync();
        history.TeamId = team.Id;
        var contacts = Enumerable.Range(1, 120).Select(i => new Contact { DisplayName = $"Customer {i}", CreatedAt = Start }).ToList();
        db.AddRange(contacts);
        await db.SaveChangesAsync();
        DateTime At(DateTime from, double seconds) => from.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        for (var i = 0; i < 700; i++)
        {
            var channel = random.NextDouble() switch { < 0.6 => ChannelKind.WebChat, < 0.85 => ChannelKind.WhatsApp, _ => ChannelKind.Email };
            var created = At(Start, Math.Round(random.NextDouble() * (End - Start).TotalSeconds));
            long? op = random.NextDouble() < 0.9 ? history.OperatorIds[random.Next(3)] : null;
            var wait = Math.Round(-Math.Log(1 - random.NextDouble()) * (channel == ChannelKind.WebChat ? 15 : 200), 1);
            var handle = Math.Round(30 + random.NextDouble() * 300);
            var c = new Conversation
            {
                ContactId = contacts[random.Next(contacts.Count)].Id, Channel = channel, ContactHandle = $"h{i}", CreatedAt = created, LastMessageAt = created,
                State = ConversationState.Closed, AssignedOperatorId = op, ClosedAt = At(created, wait + handle),
                RequiredTeamId = random.NextDouble() < 0.2 ? team.Id : null,
            };
            c.ResolutionSeconds = ConversationRules.ResolutionSeconds(c.CreatedAt, c.ClosedAt.Value);
            history.Conversations.Add(c);
        }
        // Contacts' first conversations must be earlier rows for "returning": order by time so ids follow time.
        history.Conversations.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        db.AddRange(history.Conversations);
        await db.SaveChangesAsync();
        foreach (var c in history.Conversations)
        {
            var target = c.Channel == ChannelKind.WebChat ? 30 : c.Channel == ChannelKind.Email ? 86400 : 300;
            var response = Math.Round(-Math.Log(1 - random.NextDouble()) * target * 0.6, 1);
            var respondedAt = At(c.CreatedAt, response);
            if (c.Channel == ChannelKind.WebChat && random.NextDouble() < 0.9)
                history.PageViews.Add(new VisitorPageView { VisitorId = c.ContactHandle, Path = Pages[random.Next(Pages.Length)], At = At(c.CreatedAt, -20) });
            if (c.AssignedOperatorId is { } op)
                history.Offers.Add(new Offer { ConversationId = c.Id, OperatorId = op, OfferedAt = c.CreatedAt, ExpiresAt = c.CreatedAt.AddSeconds(10), State = OfferState.Accepted, AnsweredAt = c.CreatedAt });
            history.Measurements.Add(new SlaMeasurement
            {
                ConversationId = c.Id, Channel = c.Channel, Kind = SlaKind.FirstResponse, StartedAt = c.CreatedAt, DueAt = c.CreatedAt.AddSeconds(target),
                RespondedAt = respondedAt, ResponseSeconds = response, CountedSeconds = response, Met = response <= target, OperatorId = c.AssignedOperatorId,
            });
            if (random.NextDouble() < 0.3)
            {
                var next = Math.Round(random.NextDouble() * target * 1.5, 1);
                var started = At(c.CreatedAt, response + 5);
                history.Measurements.Add(new SlaMeasurement
                {
                    ConversationId = c.Id, Channel = c.Channel, Kind = SlaKind.NextResponse, StartedAt = started, DueAt = started.AddSeconds(target),
                    RespondedAt = At(started, next), ResponseSeconds = next, CountedSeconds = next, Met = next <= target, OperatorId = c.AssignedOperatorId,
                });
            }
            if (response > target)
            {
                // Who held it at the deadline: the operator, or nobody (in the queue, perhaps after ignored offers).
                long? holder = random.NextDouble() < 0.5 ? c.AssignedOperatorId : null;
                if (holder is null && random.NextDouble() < 0.5)
                    history.Offers.Add(new Offer { ConversationId = c.Id, OperatorId = history.OperatorIds[0], OfferedAt = At(c.CreatedAt, 1), ExpiresAt = At(c.CreatedAt, 11), State = OfferState.Expired, AnsweredAt = At(c.CreatedAt, 11) });
                history.Breaches.Add(new Breach
                {
                    ConversationId = c.Id, Channel = c.Channel, Kind = SlaKind.FirstResponse, TargetSeconds = target, StartedAt = c.CreatedAt,
                    DueAt = c.CreatedAt.AddSeconds(target), RaisedAt = c.CreatedAt.AddSeconds(target), OperatorId = holder,
                });
            }
            history.Messages.Add(new Message { ConversationId = c.Id, Channel = c.Channel, Direction = MessageDirection.Inbound, Text = Questions[random.Next(Questions.Length)], CreatedAt = c.CreatedAt });
            history.Messages.Add(new Message { ConversationId = c.Id, Channel = c.Channel, Direction = MessageDirection.Outbound, Text = "Let me check that for you.", CreatedAt = respondedAt, OperatorId = c.AssignedOperatorId });
            if (random.NextDouble() < 0.35)
                history.Surveys.Add(new CsatSurvey
                {
                    ConversationId = c.Id, OperatorId = c.AssignedOperatorId, Channel = c.Channel, Delivery = CsatDelivery.Widget, Token = $"t{c.Id}",
                    SentAt = c.ClosedAt!.Value, Score = random.NextDouble() < 0.9 ? 1 + random.Next(5) : null, AnsweredAt = c.ClosedAt,
                });
        }
        for (var i = 0; i < 90; i++)
            history.TurnedAway.Add(new TurnedAway
            {
                At = At(Start, Math.Round(random.NextDouble() * (End - Start).TotalSeconds)),
                Kind = random.NextDouble() < 0.7 ? TurnedAwayKind.PageViewBusy : TurnedAwayKind.ChatRefused, PredictedWaitSeconds = 60, Path = "/shop",
            });
        // Each operator online 08:00–16:00 UTC every weekday of the history.
        for (var day = Start; day < End; day = day.AddDays(1))
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                history.Spells.AddRange(history.OperatorIds.Select(o => new PresenceSpell { OperatorId = o, StartedAt = day.AddHours(8), EndedAt = day.AddHours(16) }));
        foreach (var (name, pages) in new[] { ("Cart help", "/cart*"), ("Product nudge", "/product/*") })
            history.Rules.Add(new EngagementRule { Name = name, Pages = pages, Conditions = [new RuleCondition { Kind = ConditionKind.Dwell, Value = 20 }], Greeting = new() { ["en"] = "Hi!" } });
        db.AddRange(history.Rules);
        await db.SaveChangesAsync();
        for (var i = 0; i < 400; i++)
        {
            var rule = history.Rules[random.Next(history.Rules.Count)];
            var visitor = $"v{random.Next(150)}";
            var at = At(Start, Math.Round(random.NextDouble() * (End - Start).TotalSeconds));
            var kind = random.NextDouble() switch { < 0.5 => EngagementEventKind.Greeted, < 0.7 => EngagementEventKind.Accepted, < 0.8 => EngagementEventKind.Converted, < 0.9 => EngagementEventKind.Dismissed, _ => EngagementEventKind.Matched };
            history.Engagement.Add(new EngagementEvent { RuleId = rule.Id, VisitorId = visitor, Kind = kind, At = at });
        }
        db.AddRange(history.Engagement);
        db.AddRange(history.Spells);
        db.AddRange(history.PageViews);
        db.AddRange(history.Measurements);
        db.AddRange(history.Breaches);
        db.AddRange(history.Offers);
        db.AddRange(history.Surveys);
        db.AddRange(history.TurnedAway);
        db.AddRange(history.Messages);
        await db.SaveChangesAsync();
        // Written straight into the store, past the accept and close that keep busy spells and handle times: derive them as the migrations do.
        await BusySpells.RebuildAsync(db, default);
        await HandleTimes.RebuildAsync(db, default);
        return history;
    }
}
