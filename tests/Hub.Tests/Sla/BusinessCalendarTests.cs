using Omnichannel.Hub.Sla;

namespace Omnichannel.Hub.Tests.Sla;

public sealed class BusinessCalendarTests
{
    private static readonly IReadOnlyList<(TimeOnly, TimeOnly)> NineToFive = BusinessCalendar.ParseRanges("09:00-17:00");

    /// <summary>Monday to Friday 09:00-17:00 UTC, closed on the given days.</summary>
    public static BusinessCalendar OfficeHoursUtc(params DateOnly[] closed) => new(
        TimeZoneInfo.Utc,
        new Dictionary<DayOfWeek, IReadOnlyList<(TimeOnly, TimeOnly)>>
        {
            [DayOfWeek.Monday] = NineToFive,
            [DayOfWeek.Tuesday] = NineToFive,
            [DayOfWeek.Wednesday] = NineToFive,
            [DayOfWeek.Thursday] = NineToFive,
            [DayOfWeek.Friday] = NineToFive,
        },
        closed);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Deadline_SkipsTheWeekend()
    {
        var calendar = OfficeHoursUtc();
        // Friday 16:50 + 30 open minutes = Monday 09:20.
        Assert.Equal(Utc(3, 9, 9, 20), calendar.Add(Utc(3, 6, 16, 50), TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromMinutes(10), calendar.Between(Utc(3, 6, 16, 50), Utc(3, 9, 8, 0)));
        Assert.Equal(TimeSpan.FromMinutes(30), calendar.Between(Utc(3, 6, 16, 50), Utc(3, 9, 9, 20)));
    }

    [Fact]
    public void Deadline_SkipsAClosedDay_AfterTheWeekend()
    {
        var calendar = OfficeHoursUtc(new DateOnly(2026, 3, 9)); // Monday closed
        Assert.Equal(Utc(3, 10, 9, 20), calendar.Add(Utc(3, 6, 16, 50), TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromMinutes(10), calendar.Between(Utc(3, 6, 16, 50), Utc(3, 9, 16, 0)));
    }

    [Fact]
    public void MessageOutsideHours_StartsCountingAtOpening()
    {
        var calendar = OfficeHoursUtc();
        // Saturday 12:00 + 1 hour = Monday 10:00.
        Assert.Equal(Utc(3, 9, 10, 0), calendar.Add(Utc(3, 7, 12, 0), TimeSpan.FromHours(1)));
        // Tuesday 07:00 + 8 hours = Tuesday 17:00 (a whole day exactly).
        Assert.Equal(Utc(3, 10, 17, 0), calendar.Add(Utc(3, 10, 7, 0), TimeSpan.FromHours(8)));
        Assert.Equal(TimeSpan.Zero, calendar.Between(Utc(3, 7, 0, 0), Utc(3, 8, 23, 59)));
    }

    [Fact]
    public void SplitDays_AndATimeZone_AreHonoured()
    {
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var calendar = new BusinessCalendar(oslo, new Dictionary<DayOfWeek, IReadOnlyList<(TimeOnly, TimeOnly)>>
        {
            [DayOfWeek.Monday] = BusinessCalendar.ParseRanges("08:00-12:00, 13:00-16:00"),
        });
        // Monday 2 March 2026, Oslo is UTC+1: 11:30 local = 10:30 UTC; 1 open hour = 30 min before lunch, 30 after → 13:30 local.
        Assert.Equal(Utc(3, 2, 12, 30), calendar.Add(Utc(3, 2, 10, 30), TimeSpan.FromHours(1)));
        // After daylight saving starts (29 March), Oslo is UTC+2: opening 08:00 local = 06:00 UTC.
        Assert.Equal(Utc(3, 30, 6, 15), calendar.Add(Utc(3, 28, 12, 0), TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void OpenAllDay_UsesMidnightAsEnd()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, new Dictionary<DayOfWeek, IReadOnlyList<(TimeOnly, TimeOnly)>>
        {
            [DayOfWeek.Saturday] = BusinessCalendar.ParseRanges("00:00-24:00"),
        });
        Assert.Equal(TimeSpan.FromHours(24), calendar.Between(Utc(3, 7, 0, 0), Utc(3, 9, 0, 0)));
    }
}
