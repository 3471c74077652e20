using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// Learns how long a live chat holds a slot (accepted offer → close) per channel and hour of the day, from the most
/// recent closed chats. The estimate is kept for a minute so the widget state can be recomputed on every routing event.
/// </summary>
public sealed class HandleTimeLearner(IServiceScopeFactory scopes, TimeProvider time, OpeningHours hours, IOptions<RoutingOptions> routing, IOptions<AvailabilityOptions> options)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    private (DateTime At, int Hour, HandleTimeEstimate Estimate)? cached;

    public async Task<HandleTimeEstimate> EstimateAsync(ChannelKind channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hour = TimeZoneInfo.ConvertTimeFromUtc(now, hours.Zone).Hour;
        if (cached is { } c && c.Hour == hour && now - c.At < KeepFor && now >= c.At)
            return c.Estimate;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var recent = await (
            from conversation in db.Conversations.AsNoTracking()
            where conversation.Channel == channel && conversation.State == ConversationState.Closed && conversation.ClosedAt != null
            join offer in db.Offers.AsNoTracking() on conversation.Id equals offer.ConversationId
            where offer.State == OfferState.Accepted && offer.AnsweredAt != null
            orderby conversation.ClosedAt descending
            select new { Accepted = offer.AnsweredAt!.Value, Closed = conversation.ClosedAt!.Value })
            .Take(options.Value.Window).ToListAsync(cancellationToken);
        var estimate = Estimate(recent.Select(r => (r.Closed, (r.Closed - r.Accepted).TotalSeconds)).ToList(), hour, hours.Zone, routing.Value.DefaultHandleTime, options.Value);
        cached = (now, hour, estimate);
        return estimate;
    }

    /// <summary>
    /// Pure: the prior is the configured default until chats are measured, then the mean of all recent ones; the
    /// same-hour chats update it once there are enough of them, otherwise all recent chats do.
    /// </summary>
    public static HandleTimeEstimate Estimate(IReadOnlyList<(DateTime ClosedAt, double Seconds)> recent, int hour, TimeZoneInfo zone, TimeSpan defaultHandle, AvailabilityOptions options)
    {
        var all = recent.Select(r => Math.Max(0, r.Seconds)).ToList();
        var sameHour = recent.Where(r => TimeZoneInfo.ConvertTimeFromUtc(r.ClosedAt, zone).Hour == hour).Select(r => Math.Max(0, r.Seconds)).ToList();
        if (sameHour.Count >= options.HourlyMinimum)
        {
            var prior = all.Count > 0 ? TimeSpan.FromSeconds(all.Average()) : defaultHandle;
            return HandleTimeEstimate.From(prior, options.PriorWeight, sameHour);
        }
        return HandleTimeEstimate.From(defaultHandle, options.PriorWeight, all);
    }
}
