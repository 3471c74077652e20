using System.Globalization;
using System.Text;

namespace Omnichannel.Hub.Reports.Weekly;

/// <summary>Pure: which week is due, and the summary's subject and text from the week's reports.</summary>
public static class WeeklySummaryText
{
    /// <summary>The Monday of the last whole week once <paramref name="sendAfter"/> on this Monday has passed, else the week before.</summary>
    public static DateOnly DueWeek(DateTime localNow, TimeSpan sendAfter)
    {
        var monday = DateOnly.FromDateTime(localNow).AddDays(-(((int)localNow.DayOfWeek + 6) % 7));
        var sendFrom = monday.ToDateTime(TimeOnly.MinValue) + sendAfter;
        return localNow >= sendFrom ? monday.AddDays(-7) : monday.AddDays(-14);
    }

    public static string Subject(DateOnly week) =>
        string.Create(CultureInfo.InvariantCulture, $"Weekly summary {week:yyyy-MM-dd} to {week.AddDays(6):yyyy-MM-dd}");

    public static string Body(DateOnly week, VolumeReport volume, AttainmentReport attainment, ResponseReport response, BreachReport breaches, TurnedAwayReport turnedAway)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Your shop from Monday {week:yyyy-MM-dd} to Sunday {week.AddDays(6):yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine(inv, $"Conversations: {volume.Conversations} ({volume.NewContacts} new, {volume.ReturningContacts} returning contacts)");
        text.AppendLine(attainment.Attainment is { } a
            ? string.Create(inv, $"Promises kept: {attainment.Met} of {attainment.Measured} ({a:P1})")
            : "Promises kept: nothing was measured");
        text.AppendLine(inv, $"Breaches: {breaches.Breaches}");
        foreach (var reason in breaches.ByReason.GroupBy(b => b.Reason))
            text.AppendLine(inv, $"  {reason.Key}: {reason.Sum(b => b.Breaches)}");
        text.AppendLine(inv, $"Turned away while everyone was busy: {turnedAway.PageViewsBusy} page views, {turnedAway.ChatsRefused} chats");
        text.AppendLine("First response per channel (p50 / p90):");
        foreach (var c in response.Channels)
            text.AppendLine(inv, $"  {c.Channel}: {c.P50:0.#} s / {c.P90:0.#} s over {c.Responses} conversations");
        text.AppendLine();
        text.AppendLine("The reports page of the console has every figure, per channel, team, operator and page group.");
        return text.ToString();
    }
}
