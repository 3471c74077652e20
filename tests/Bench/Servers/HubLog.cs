using System.Text.RegularExpressions;

namespace Omnichannel.Bench;

/// <summary>
/// Every Error/Critical line any hub logs during the run (console logger: "fail:" / "crit:" and the message lines
/// under it). The bench exits non-zero and lists them in the report when there is any.
/// </summary>
public static partial class HubLog
{
    private static readonly List<string> Lines = [];

    /// <summary>The scenario running now, written in front of each error.</summary>
    public static string Scenario { get; set; } = "";

    public static IReadOnlyList<string> Errors
    {
        get
        {
            lock (Lines)
                return [.. Lines];
        }
    }

    /// <summary>Returns how many continuation lines of this entry to keep (the console logger puts the message below the category).</summary>
    public static int Observe(string server, string line, int continuation)
    {
        var clean = Ansi().Replace(line, "");
        if (clean.StartsWith("fail:", StringComparison.Ordinal) || clean.StartsWith("crit:", StringComparison.Ordinal))
        {
            Add($"[{Scenario}] {server}: {clean.Trim()}");
            return 3;
        }
        if (continuation > 0 && clean.StartsWith(' '))
        {
            Add($"    {clean.Trim()}");
            return continuation - 1;
        }
        return 0;
    }

    public static void Add(string entry)
    {
        lock (Lines)
            if (Lines.Count < 2000)
                Lines.Add(entry);
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Ansi();
}

/// <summary>Errors of a hub hosted in the bench's own process (WebApplicationFactory) go to <see cref="HubLog"/> too.</summary>
public sealed class HubLogProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                HubLog.Add($"[{HubLog.Scenario}] in-process hub: {logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
        }
    }
}
