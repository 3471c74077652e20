using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Simulation;

/// <summary>
/// A discrete-event simulation of a shop day on a fake clock. Each decision is the hub's own code:
/// <see cref="AvailabilityGate"/> (with <see cref="HandleTimeLearner.Estimate"/>) decides whether an arriving visitor is offered chat,
/// <see cref="Router.Pick"/> / <see cref="Router.Plan"/> choose operators, <see cref="RoutingLadder"/> times offers out,
/// broadcasts at 20 s and alerts supervisors at 25 s. The bookkeeping mirrors <see cref="RoutingEngine"/> and
/// <see cref="RoutingQueries"/>: pending offers count as load, a conversation with an open offer is not in the queue,
/// declined/expired (non-broadcast) offers exclude that operator from the normal ladder.
/// </summary>
public sealed partial class Simulator
{
    private static readonly DateTime Midnight = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private readonly Scenario scenario;
    private readonly RoutingOptions routing;
    private readonly OpeningHours hours;
    private readonly Random random;
    private readonly PriorityQueue<Action, (double, long)> events = new();
    private long sequence;
    private double now;

    private readonly List<Op> operators;
    private readonly List<Chat> chats = [];
    private readonly List<PendingOffer> offers = [];
    private readonly List<VisitorOutcome> visitors = [];
    private readonly Queue<(DateTime ClosedAt, double Seconds)> recentHandle = new();
    private readonly AvailabilityOptions availability;
    private WidgetAvailability? gateState;
    private DateTime gateSince;
    private readonly HashSet<double> sweepsScheduled = [];
    private int supervisorAlerts, broadcasts, expiredOffers;
    private readonly double[] shiftSeconds = new double[24], busySeconds = new double[24], slotSeconds = new double[24], chatSeconds = new double[24];

    public Simulator(Scenario scenario, int seed)
    {
        this.scenario = scenario;
        routing = scenario.Routing;
        availability = scenario.Availability;
        random = new Random(seed);
        hours = new OpeningHours(new OpeningHoursOptions
        {
            TimeZone = "UTC",
            Weekly = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => scenario.OpeningHours),
        });
        operators = [.. scenario.Shifts.Select((s, i) => new Op(i + 1, s))];
    }

    private DateTime Clock(double seconds) => Midnight.AddSeconds(seconds);
    private DateTime Now => Clock(now);

    private void At(double time, Action action) => events.Enqueue(action, (Math.Max(time, now), sequence++));

    /// <summary>Runs the day to the end (every chat that started is answered or the last shift is over).</summary>
    public DayResult Run()
    {
        foreach (var op in operators)
        {
            At(op.Shift.StartHour * 3600, () => SetPresence(op, Presence.Available));
            At(op.Shift.EndHour * 3600, () => SetPresence(op, Presence.Away));
        }
        ScheduleArrivals();
        var last = 0.0;
        while (events.TryDequeue(out var action, out var key))
        {
            Accumulate(last, key.Item1);
            now = last = key.Item1;
            action();
        }
        // Anyone still waiting when the last operator left was never answered.
        return new DayResult(visitors, shiftSeconds, busySeconds, slotSeconds, chatSeconds, supervisorAlerts, broadcasts, expiredOffers);
    }

    /// <summary>Poisson arrivals with a rate that is constant within each hour.</summary>
    private void ScheduleArrivals()
    {
        for (var h = 0; h < 24; h++)
        {
            var rate = scenario.ArrivalsPerHour[h] / 3600;
            if (rate <= 0)
                continue;
            var t = h * 3600.0;
            while ((t += Exponential(1 / rate)) < (h + 1) * 3600)
            {
                var at = t;
                At(at, () => Arrive(at));
            }
        }
    }

    /// <summary>Operator time on shift, busy (at least one chat) and slot-seconds, split by clock hour.</summary>
    private void Accumulate(double from, double to)
    {
        while (from < to)
        {
            var hour = Math.Min(23, (int)(from / 3600));
            var end = Math.Min(to, (hour + 1) * 3600.0);
            var span = end - from;
            foreach (var op in operators.Where(o => o.Shift.Covers(from / 3600)))
            {
                shiftSeconds[hour] += span;
                slotSeconds[hour] += span * scenario.Capacity;
            }
            foreach (var op in operators.Where(o => o.Active > 0))
            {
                busySeconds[hour] += span;
                chatSeconds[hour] += span * op.Active;
            }
            from = end;
            if (end >= 24 * 3600)
                break;
        }
    }

    // ---- the widget's gate -------------------------------------------------------------------------

    private void Arrive(double at)
    {
        var visitor = visitors.Count;
        var open = hours.IsOpen(Now);
        var capacity = new LiveCapacity(0, 0, 0);
        if (open)
        {
            var candidates = Candidates();
            capacity = new LiveCapacity(candidates.Sum(c => c.LiveCapacity), candidates.Sum(c => Math.Max(0, c.FreeFor(ChannelKind.WebChat))), Queue().Count);
        }
        var handle = HandleTimeLearner.Estimate([.. recentHandle], Now.Hour, TimeZoneInfo.Utc, routing.DefaultHandleTime, availability);
        var decision = AvailabilityGate.Decide(new GateInput(open, capacity, handle, routing.AcceptTime, routing.Promise(ChannelKind.WebChat), gateState, gateSince, Now), availability);
        if (decision.State != gateState)
            (gateState, gateSince) = (decision.State, Now);
        if (decision.State != WidgetAvailability.Available)
        {
            visitors.Add(new VisitorOutcome(at, Offered: false, null));
            return;
        }
        visitors.Add(new VisitorOutcome(at, Offered: true, null));
        var chat = new Chat(chats.Count + 1, at, visitor);
        chats.Add(chat);
        // RouteStep -> RoutingEngine.RouteAsync: the best free operator, or the queue.
        if (Router.Pick(Candidates(), ToQueued(chat)) is { } pick)
            Offer(chat, pick, broadcast: false);
        ScheduleSweep(at + routing.BroadcastAfter.TotalSeconds);
        ScheduleSweep(at + routing.SupervisorAlertAfter.TotalSeconds);
    }

    // ---- what RoutingQueries reads -----------------------------------------------------------------

    private List<Candidate> Candidates() =>
        [.. operators.Where(o => o.Presence == Presence.Available).Select(o => new Candidate(o.Id, o.Presence, scenario.Capacity, 0,
            o.Active + offers.Count(x => x.State == OfferState.Pending && x.OperatorId == o.Id), 0, [], o.LastAssignedAt))];

    private QueuedConversation ToQueued(Chat chat) =>
        new(chat.Id, ChannelKind.WebChat, Clock(chat.ArrivedAt) + routing.Promise(ChannelKind.WebChat), []) { Excluded = chat.Excluded };

    private List<QueuedConversation> Queue() =>
        [.. chats.Where(c => c.State == ChatState.Waiting && !offers.Any(o => o.State == OfferState.Pending && o.Chat == c)).Select(ToQueued)];

    // ---- what RoutingEngine does ---------------------------------------------------------------------

    private void Offer(Chat chat, Candidate pick, bool broadcast)
    {
        var expires = (RoutingLadder.OfferExpiry(routing, ChannelKind.WebChat, Now) - Midnight).TotalSeconds;
        var offer = new PendingOffer(offers.Count + 1, chat, pick.OperatorId, expires, broadcast);
        offers.Add(offer);
        ScheduleSweep(expires);
        if (random.NextDouble() < scenario.MissProbability)
            return;
        var delay = LogNormal(scenario.AcceptMeanSeconds, 0.6);
        var declines = random.NextDouble() < scenario.DeclineProbability;
        At(now + delay, () =>
        {
            if (offer.State != OfferState.Pending)
                return;
            if (declines)
                Decline(offer);
            else
                Accept(offer);
        });
    }

    private void Accept(PendingOffer offer)
    {
        var chat = offer.Chat;
        if (chat.State != ChatState.Waiting)
        {
            offer.State = OfferState.Cancelled;
            return;
        }
        offer.State = OfferState.Accepted;
        foreach (var other in offers.Where(o => o.Chat == chat && o.State == OfferState.Pending))
            other.State = OfferState.Cancelled;
        var op = operators.First(o => o.Id == offer.OperatorId);
        chat.State = ChatState.Assigned;
        chat.OperatorId = op.Id;
        op.Active++;
        op.LastAssignedAt = Now;
        chat.AcceptedAt = now;
        visitors[chat.Visitor] = visitors[chat.Visitor] with { WaitSeconds = now - chat.ArrivedAt };
        At(now + HandleTime(), () => Close(chat, op));
    }

    private void Decline(PendingOffer offer)
    {
        offer.State = OfferState.Declined;
        offer.Chat.Excluded.Add(offer.OperatorId);
        Drain();
    }

    private void Close(Chat chat, Op op)
    {
        chat.State = ChatState.Closed;
        op.Active--;
        // As HandleTimeLearner: accepted → closed, the most recent Window chats.
        recentHandle.Enqueue((Now, now - chat.AcceptedAt));
        if (recentHandle.Count > availability.Window)
            recentHandle.Dequeue();
        Drain();
    }

    private void SetPresence(Op op, Presence presence)
    {
        op.Presence = presence;
        if (presence != Presence.Available)
            foreach (var offer in offers.Where(o => o.OperatorId == op.Id && o.State == OfferState.Pending))
                offer.State = OfferState.Cancelled;
        Drain();
    }

    /// <summary>RoutingEngine.DrainLockedAsync: the queue, earliest deadline first, to whoever has room.</summary>
    private void Drain()
    {
        var candidates = Candidates();
        if (candidates.Count == 0)
            return;
        foreach (var (conversation, pick) in Router.Plan(candidates, Queue(), Now))
            Offer(chats[(int)conversation.Id - 1], pick, broadcast: false);
    }

    /// <summary>The hub sweeps every <see cref="RoutingOptions.SweepInterval"/>: a due step happens at the next tick.</summary>
    private void ScheduleSweep(double due)
    {
        var tick = routing.SweepInterval.TotalSeconds;
        var at = Math.Ceiling(due / tick - 1e-9) * tick;
        if (sweepsScheduled.Add(at))
            At(at, Sweep);
    }

    /// <summary>RoutingEngine.SweepAsync: expired offers move on; the ladder broadcasts at 20 s and alerts supervisors at 25 s.</summary>
    private void Sweep()
    {
        sweepsScheduled.Remove(now);
        var expired = offers.Where(o => o.State == OfferState.Pending && RoutingLadder.IsExpired(Clock(o.ExpiresAt), Now)).ToList();
        foreach (var offer in expired)
        {
            offer.State = OfferState.Expired;
            expiredOffers++;
            if (!offer.Broadcast)
                offer.Chat.Excluded.Add(offer.OperatorId);
        }
        var waiting = chats.Where(c => c.State == ChatState.Waiting).ToList();
        var candidates = Candidates();
        foreach (var chat in waiting.Where(c => RoutingLadder.BroadcastDue(routing, ChannelKind.WebChat, Clock(c.ArrivedAt), c.BroadcastAt, Now)))
        {
            chat.BroadcastAt = Now;
            broadcasts++;
            var holding = offers.Where(o => o.Chat == chat && o.State == OfferState.Pending).Select(o => o.OperatorId).ToHashSet();
            foreach (var candidate in Router.Eligible(candidates, ToQueued(chat), ignoreExclusions: true).Where(c => !holding.Contains(c.OperatorId)).ToList())
                Offer(chat, candidate with { AutoAccept = false }, broadcast: true);
        }
        foreach (var chat in waiting.Where(c => RoutingLadder.SupervisorAlertDue(routing, ChannelKind.WebChat, Clock(c.ArrivedAt), c.SupervisorsAlertedAt, Now)))
        {
            chat.SupervisorsAlertedAt = Now;
            supervisorAlerts++;
        }
        if (expired.Count > 0)
            Drain();
    }

    // ---- random draws --------------------------------------------------------------------------------

    private double HandleTime() => scenario.Handle == HandleDistribution.Exponential
        ? Exponential(scenario.HandleMeanSeconds)
        : LogNormal(scenario.HandleMeanSeconds, scenario.HandleSigma);

    private double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());

    private double LogNormal(double mean, double sigma)
    {
        var mu = Math.Log(mean) - sigma * sigma / 2;
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(mu + sigma * z);
    }
}
