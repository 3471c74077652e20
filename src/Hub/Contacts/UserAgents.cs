namespace Omnichannel.Hub.Contacts;

/// <summary>A readable browser and device from a User-Agent string (pure; good enough for an operator's glance, not analytics).</summary>
public static class UserAgents
{
    public static (string? Browser, string? Device) Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return (null, null);
        var ua = userAgent;
        string browser = ua switch
        {
            _ when ua.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when ua.Contains("OPR/", StringComparison.Ordinal) => "Opera",
            _ when ua.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when ua.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => "Other browser",
        };
        string os = ua switch
        {
            _ when ua.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when ua.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when ua.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            _ when ua.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "Unknown OS",
        };
        var kind = ua.Contains("Mobile", StringComparison.Ordinal) || ua.Contains("iPhone", StringComparison.Ordinal) ? "phone"
            : ua.Contains("iPad", StringComparison.Ordinal) || ua.Contains("Tablet", StringComparison.Ordinal) ? "tablet" : "desktop";
        return (browser, $"{os} {kind}");
    }
}
