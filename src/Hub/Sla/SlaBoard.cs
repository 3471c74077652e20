using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>What a supervisor sees: per channel, who waits and how the promises hold; who is online; what is about to breach.</summary>
public sealed record SlaBoardDto(
    DateTime GeneratedAt, DateTime DayStart, string TimeZone,
    List<ChannelBoardDto> Channels, List<OperatorLoadDto> Operators, List<SlaClockDto> AtRisk)
{
    /// <summary>The day shown (in the reporting time zone); a past day shows its stored attainment, breaches and median.</summary>
    public DateOnly Day { get; init; }

    /// <summary>True for today (live waiting counts and clocks); false for a past day.</summary>
    public bool Live { get; init; } = true;

    /// <summary>Per team: members online, their open conversations, who waits for the team, the day's attainment and breaches.</summary>
    public List<TeamBoardDto> Teams { get; init; } = [];
}

public sealed record TeamBoardDto(long Id, string Name, int MembersOnline, int Members, int Open, int WaitingForTeam, int BreachedToday, double? AttainmentToday);

/// <param name="AttainmentLastHour">Share (0..1) of responses in the last hour within target, breaches still waiting counted as missed; null with nothing to measure.</param>
/// <param name="Attainment">Through the day, hour by hour (local hours of the reporting time zone).</param>
public sealed record ChannelBoardDto(
    ChannelKind Channel, double FirstResponseTargetSeconds, double NextResponseTargetSeconds, bool BusinessHours,
    int WaitingNow, DateTime? OldestWaitingSince, double? OldestWaitSeconds, int AtRisk, int BreachedToday,
    double? AttainmentLastHour, double? AttainmentToday, double? MedianFirstResponseSeconds,
    List<AttainmentPointDto> Attainment);

/// <param name="Attainment">Within this hour (null with nothing measured).</param>
/// <param name="Cumulative">From the start of the day to the end of this hour.</param>
public sealed record AttainmentPointDto(DateTime HourStart, int Measured, int Met, double? Attainment, double? Cumulative);

public sealed record OperatorLoadDto(long Id, string DisplayName, Presence Presence, int Open, int CustomersWaiting);

/// <summary>A running clock with its countdown times (the client counts down to <see cref="DueAt"/>).</summary>
public sealed record SlaClockDto(
    long ConversationId, ChannelKind Channel, string ContactName, ConversationState ConversationState, long? AssignedOperatorId,
    string? AssignedOperatorName, SlaKind Kind, DateTime StartedAt, DateTime AtRiskAt, DateTime DueAt, SlaState State);

public sealed class SlaBoard(OmnichannelDb db, SlaPolicies policies, TimeProvider time)
{
    public const int ClockListSize = 50;

    public DateTime DayStart(DateTime nowUtc)
    {
        var zone = policies.ReportingTimeZone;
        var local = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone).Date;
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    /// <summary>The local day of <paramref name="nowUtc"/> in the reporting time zone.</summary>
    public DateOnly Today(DateTime nowUtc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, policies.ReportingTimeZone));

    public async Task<SlaBoardDto> BuildAsync(CancellationToken cancellationToken, DateOnly? day = null)
    {
        var clock = time.GetUtcNow().UtcDateTime;
        var live = day is null || day >= Today(clock);
        var dayStart = live ? DayStart(clock)
            : TimeZoneInfo.ConvertTimeToUtc(day!.Value.ToDateTime(TimeOnly.MinValue), policies.ReportingTimeZone);
        // A past day is seen from its end: its hours, its breaches, its measurements.
        var now = live ? clock : TimeZoneInfo.ConvertTimeToUtc(day!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), policies.ReportingTimeZone);
        var hourAgo = now.AddHours(-1);
        var since = dayStart < hourAgo ? dayStart : hourAgo;
        // Today has no end yet (what happened this very instant counts); a past day ends at its midnight.
        var until = live ? DateTime.MaxValue : now;

        var waiting = await db.Conversations.AsNoTracking()
            .Where(c => c.State != ConversationState.Closed && c.WaitingSince != null)
            .GroupBy(c => c.Channel)
            .Select(g => new { Channel = g.Key, Count = g.Count(), Oldest = g.Min(c => c.WaitingSince) })
            .ToDictionaryAsync(x => x.Channel, cancellationToken);
        var atRisk = await db.Conversations.AsNoTracking()
            .Where(c => c.SlaDueAt != null && c.AtRiskRaisedAt != null && c.BreachRaisedAt == null)
            .GroupBy(c => c.Channel).Select(g => new { Channel = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Channel, x => x.Count, cancellationToken);
        var breachedToday = await db.Breaches.AsNoTracking().Where(b => b.RaisedAt >= dayStart && b.RaisedAt < until)
            .GroupBy(b => b.Channel).Select(g => new { Channel = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Channel, x => x.Count, cancellationToken);
        // Clocks that breached and still wait count as missed where they breached.
        var openBreaches = await db.Conversations.AsNoTracking()
            .Where(c => live && c.SlaDueAt != null && c.BreachRaisedAt != null && c.BreachRaisedAt >= since)
            .Select(c => new { c.Channel, At = c.BreachRaisedAt!.Value })
            .ToListAsync(cancellationToken);
        var measured = await db.SlaMeasurements.AsNoTracking().Where(m => m.RespondedAt >= since && m.RespondedAt < until)
            .Select(m => new { m.Channel, m.Kind, At = m.RespondedAt, m.Met, m.ResponseSeconds })
            .ToListAsync(cancellationToken);

        var outcomes = measured.Select(m => (m.Channel, m.At, m.Met))
            .Concat(openBreaches.Select(b => (b.Channel, b.At, Met: false)))
            .ToLookup(o => o.Channel);

        List<ChannelBoardDto> channels = [];
        foreach (var policy in policies.All)
        {
            var channel = policy.Channel;
            var mine = outcomes[channel].ToList();
            var today = mine.Where(o => o.At >= dayStart).ToList();
            var firstResponses = measured.Where(m => m.Channel == channel && m.Kind == SlaKind.FirstResponse && m.At >= dayStart)
                .Select(m => m.ResponseSeconds).ToList();
            if (!live)
                waiting.Clear();
            waiting.TryGetValue(channel, out var w);
            channels.Add(new ChannelBoardDto(
                channel, policy.FirstResponse.TotalSeconds, policy.NextResponse.TotalSeconds, policy.Calendar is not null,
                w?.Count ?? 0, w?.Oldest, w?.Oldest is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : null,
                live ? atRisk.GetValueOrDefault(channel) : 0, breachedToday.GetValueOrDefault(channel),
                Share(mine.Where(o => o.At >= hourAgo).Select(o => o.Met)), Share(today.Select(o => o.Met)), Median(firstResponses),
                Hourly(today.Select(o => (o.At, o.Met)), dayStart, now)));
        }

        return new SlaBoardDto(clock, dayStart, policies.ReportingTimeZone.Id, channels,
            live ? await OperatorsAsync(cancellationToken) : [], live ? await ClocksAsync(clock, cancellationToken) : [])
        {
            Day = live ? Today(clock) : day!.Value,
            Live = live,
            Teams = await new SlaTeamBoard(db).BuildAsync(dayStart, until, live, cancellationToken),
        };
    }

    private async Task<List<OperatorLoadDto>> OperatorsAsync(CancellationToken cancellationToken)
    {
        var load = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.Assigned && c.AssignedOperatorId != null)
            .GroupBy(c => c.AssignedOperatorId!.Value)
            .Select(g => new { Id = g.Key, Open = g.Count(), Waiting = g.Count(c => c.WaitingSince != null) })
            .ToDictionaryAsync(x => x.Id, cancellationToken);
        var loadIds = load.Keys.ToList();
        var operators = await db.Operators.AsNoTracking()
            .Where(o => o.Presence != Presence.Offline || loadIds.Contains(o.Id))
            .OrderBy(o => o.DisplayName)
            .Select(o => new { o.Id, o.DisplayName, o.Presence })
            .ToListAsync(cancellationToken);
        return [.. operators.Select(o => new OperatorLoadDto(o.Id, o.DisplayName, o.Presence,
            load.TryGetValue(o.Id, out var l) ? l.Open : 0, l?.Waiting ?? 0))];
    }

    /// <summary>The running clocks nearest to breach (breached ones first), for the at-risk list with countdowns.</summary>
    public async Task<List<SlaClockDto>> ClocksAsync(DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.SlaDueAt != null)
            .OrderBy(c => c.SlaDueAt).ThenBy(c => c.Id)
            .Take(ClockListSize)
            .Select(c => new
            {
                Conversation = c,
                Name = c.Contact!.DisplayName,
                Operator = db.Operators.Where(o => o.Id == c.AssignedOperatorId).Select(o => o.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var c = r.Conversation;
            var state = SlaClock.Evaluate(policies.For(c.Channel), c, now).State;
            // Never show less than the engine raised (a stored breach stays a breach).
            var stored = SlaClock.StoredState(c);
            if (stored > state)
                state = stored;
            return new SlaClockDto(c.Id, c.Channel, r.Name, c.State, c.AssignedOperatorId, r.Operator, c.SlaKind!.Value,
                c.SlaStartedAt!.Value, c.SlaAtRiskAt!.Value, c.SlaDueAt!.Value, state);
        })];
    }

    /// <summary>Per channel: waiting now and today's attainment, for the metric gauges.</summary>
    public async Task<(Dictionary<ChannelKind, long> Waiting, Dictionary<ChannelKind, double?> Attainment)> GaugesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var dayStart = DayStart(now);
        var waiting = await db.Conversations.AsNoTracking()
            .Where(c => c.State != ConversationState.Closed && c.WaitingSince != null)
            .GroupBy(c => c.Channel).Select(g => new { Channel = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Channel, x => x.Count, cancellationToken);
        var measured = await db.SlaMeasurements.AsNoTracking().Where(m => m.RespondedAt >= dayStart)
            .GroupBy(m => m.Channel).Select(g => new { Channel = g.Key, All = g.Count(), Met = g.Count(m => m.Met) })
            .ToDictionaryAsync(x => x.Channel, cancellationToken);
        return (waiting, measured.ToDictionary(p => p.Key, p => p.Value.All == 0 ? null : (double?)p.Value.Met / p.Value.All));
    }

    internal static double? Share(IEnumerable<bool> met)
    {
        int all = 0, ok = 0;
        foreach (var m in met)
        {
            all++;
            if (m)
                ok++;
        }
        return all == 0 ? null : (double)ok / all;
    }

    internal static double? Median(List<double> values)
    {
        if (values.Count == 0)
            return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    internal static List<AttainmentPointDto> Hourly(IEnumerable<(DateTime At, bool Met)> outcomes, DateTime dayStart, DateTime now)
    {
        var hours = Math.Clamp((int)Math.Ceiling((now - dayStart).TotalHours), 1, 25);
        var measured = new int[hours];
        var met = new int[hours];
        foreach (var (at, ok) in outcomes)
        {
            var hour = Math.Clamp((int)((at - dayStart).TotalHours), 0, hours - 1);
            measured[hour]++;
            if (ok)
                met[hour]++;
        }
        List<AttainmentPointDto> points = [];
        int runMeasured = 0, runMet = 0;
        for (var h = 0; h < hours; h++)
        {
            runMeasured += measured[h];
            runMet += met[h];
            points.Add(new AttainmentPointDto(dayStart.AddHours(h), measured[h], met[h],
                measured[h] == 0 ? null : (double)met[h] / measured[h], runMeasured == 0 ? null : (double)runMet / runMeasured));
        }
        return points;
    }
}
