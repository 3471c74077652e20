using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Tests.Routing;

public sealed class WidgetStateRulesTests
{
    [Theory]
    [InlineData(true, 10, 30, WidgetAvailability.Available)]
    [InlineData(true, 31, 30, WidgetAvailability.Busy)]
    [InlineData(true, null, 30, WidgetAvailability.Busy)]
    [InlineData(false, 5, 30, WidgetAvailability.Closed)]
    public void WidgetState_FollowsHoursAndPredictedWait(bool open, int? waitSeconds, int promiseSeconds, WidgetAvailability expected) =>
        Assert.Equal(expected, WidgetStateRules.Decide(open, waitSeconds is { } w ? TimeSpan.FromSeconds(w) : null, TimeSpan.FromSeconds(promiseSeconds)));

    [Fact]
    public void PromisesAreDescribedInPlainWords()
    {
        Assert.Equal("answer within 5 min", WidgetStateRules.DescribePromise(TimeSpan.FromMinutes(5)));
        Assert.Equal("answer within 1 day", WidgetStateRules.DescribePromise(TimeSpan.FromDays(1)));
        Assert.Equal("answer within 30 s", WidgetStateRules.DescribePromise(TimeSpan.FromSeconds(30)));
    }
}

public sealed class OpeningHoursTests
{
    private static OpeningHours Hours(string zone, Dictionary<DayOfWeek, string> weekly, params DateOnly[] closed) =>
        new(new OpeningHoursOptions { TimeZone = zone, Weekly = weekly, ClosedDays = [.. closed] });

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void NoWeeklyHours_MeansAlwaysOpen() => Assert.True(Hours("UTC", []).IsOpen(Utc(24, 3)));

    [Fact]
    public void WeeklyHours_AreReadInTheirTimeZone()
    {
        // Oslo is UTC+1 in November: 09:00–17:00 local is 08:00–16:00 UTC. 2026-11-24 is a Tuesday.
        var hours = Hours("Europe/Oslo", new() { [DayOfWeek.Tuesday] = "09:00-17:00" });
        Assert.False(hours.IsOpen(Utc(24, 7, 59)));
        Assert.True(hours.IsOpen(Utc(24, 8, 0)));
        Assert.True(hours.IsOpen(Utc(24, 15, 59)));
        Assert.False(hours.IsOpen(Utc(24, 16, 0)));
    }

    [Fact]
    public void HoursAcrossMidnight_StayOpenIntoTheNextDay()
    {
        var hours = Hours("UTC", new() { [DayOfWeek.Friday] = "22:00-02:00" });
        Assert.True(hours.IsOpen(Utc(27, 23)));   // Friday 23:00
        Assert.True(hours.IsOpen(Utc(28, 1, 30))); // Saturday 01:30, still Friday's shift
        Assert.False(hours.IsOpen(Utc(28, 2)));
        Assert.False(hours.IsOpen(Utc(27, 1)));    // Friday 01:00: Thursday had no late shift
    }

    [Fact]
    public void ClosedDays_OverrideWeeklyHours_AndNextOpeningSkipsThem()
    {
        var weekdays = Enumerable.Range(1, 5).ToDictionary(d => (DayOfWeek)d, _ => "09:00-17:00");
        var hours = Hours("America/New_York", weekdays, new DateOnly(2026, 11, 26));
        Assert.False(hours.IsOpen(Utc(26, 15)));  // Thanksgiving, 10:00 in New York
        Assert.True(hours.IsOpen(Utc(25, 15)));
        // Wednesday 18:00 New York → next opening Friday 09:00 New York (14:00 UTC), skipping Thursday.
        Assert.Equal(Utc(27, 14), hours.NextOpening(Utc(25, 23)));
    }

    [Fact]
    public void Describe_ListsTheWeekFromMonday() =>
        Assert.Equal(["Mon 09:00–17:00", "Sun 10:00–14:00"], Hours("UTC", new() { [DayOfWeek.Sunday] = "10:00-14:00", [DayOfWeek.Monday] = "09:00-17:00" }).Describe());
}
