using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

public static class SlaEndpoints
{
    public const int MaxBreaches = 5000;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(93);

    public static void MapSlaApi(this IEndpointRouteBuilder app)
    {
        var sla = app.MapGroup("/api/sla").WithTags("SLA").RequireAuthorization(Policies.Reports);
        sla.MapGet("/board", Board);
        sla.MapGet("/breaches", Breaches);
        // Operators read the policies too (the inbox shows each channel's promise).
        app.MapGet("/api/sla/policies", PolicyList).WithTags("SLA").RequireAuthorization(Policies.Operator);
    }

    /// <summary>The live board: per channel waiting, at risk, breaches, attainment; operators and their load; the clocks nearest to breach.</summary>
    /// <param name="day">A past day (yyyy-MM-dd, reporting time zone, at most 93 days back) for its stored attainment, breaches and median; default today, live.</param>
    public static async Task<Results<Ok<SlaBoardDto>, ValidationProblem>> Board(SlaBoard board, TimeProvider time, CancellationToken cancellationToken, string? day = null)
    {
        if (day is null)
            return TypedResults.Ok(await board.BuildAsync(cancellationToken));
        var today = board.Today(time.GetUtcNow().UtcDateTime);
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Site.FieldErrors.One("day", $"'{day}' is not a date such as {today:yyyy-MM-dd}.");
        if (date > today || date < today.AddDays(-(int)MaxRange.TotalDays))
            return Site.FieldErrors.One("day", $"The day must be between {today.AddDays(-(int)MaxRange.TotalDays):yyyy-MM-dd} and today.");
        return TypedResults.Ok(await board.BuildAsync(cancellationToken, date));
    }

    public sealed record SlaPolicyDto(ChannelKind Channel, double FirstResponseSeconds, double NextResponseSeconds, double AtRiskRatio, bool BusinessHours, string? TimeZone);

    public static Ok<List<SlaPolicyDto>> PolicyList(SlaPolicies policies) =>
        TypedResults.Ok(policies.All.Select(p => new SlaPolicyDto(p.Channel, p.FirstResponse.TotalSeconds, p.NextResponse.TotalSeconds, p.AtRiskRatio,
            p.Calendar is not null, p.Calendar?.TimeZone.Id)).ToList());

    /// <summary>
    /// Breaches raised from <c>from</c> to <c>to</c>, both included (ISO 8601; default the last 24 hours, at most 93 days), newest first,
    /// optionally of one channel (WebChat, WhatsApp, Sms, Messenger, Telegram, Email).
    /// </summary>
    public static async Task<Results<Ok<List<BreachDto>>, ProblemHttpResult>> Breaches(
        OmnichannelDb db, TimeProvider time, CancellationToken cancellationToken, string? from = null, string? to = null, string? channel = null, int? limit = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!TryInstant(to, now, out var until))
            return Problems.Invalid($"'to' is not an ISO 8601 date or time: '{to}'.");
        if (!TryInstant(from, until.AddDays(-1), out var since))
            return Problems.Invalid($"'from' is not an ISO 8601 date or time: '{from}'.");
        if (since > until)
            return Problems.Invalid("'from' is after 'to'.");
        if (until - since > MaxRange)
            return Problems.Invalid($"The range is longer than {MaxRange.TotalDays} days.");
        ChannelKind? only = null;
        if (!string.IsNullOrEmpty(channel))
        {
            if (!Enum.TryParse<ChannelKind>(channel, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(channel[0]))
                return Problems.Invalid($"'channel' must be one of {string.Join(", ", Enum.GetNames<ChannelKind>())}.");
            only = parsed;
        }
        if (limit is < 1 or > MaxBreaches)
            return Problems.Invalid($"'limit' must be between 1 and {MaxBreaches}.");

        var query = db.Breaches.AsNoTracking().Where(b => b.RaisedAt >= since && b.RaisedAt <= until);
        if (only is { } c)
            query = query.Where(b => b.Channel == c);
        var rows = await query.OrderByDescending(b => b.RaisedAt).ThenByDescending(b => b.Id).Take(limit ?? 1000)
            .Select(b => new { Breach = b, Name = db.Contacts.Where(x => db.Conversations.Any(v => v.Id == b.ConversationId && v.ContactId == x.Id)).Select(x => x.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => BreachDto.From(r.Breach, r.Name)).ToList());
    }

    private static bool TryInstant(string? text, DateTime fallback, out DateTime value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed);
        value = ok ? parsed.UtcDateTime : default;
        return ok;
    }
}
