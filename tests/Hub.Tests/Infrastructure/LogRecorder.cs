using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>Keeps every log entry of Warning (or a given level) and above the hub writes, so a test can assert nothing went
/// wrong silently. Entries below Information reach it only where the hub's <c>Logging:LogLevel</c> settings let them.</summary>
public sealed class LogRecorder(LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    private readonly LogLevel minimum = minimum;

    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public IEnumerable<string> Errors => Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}");

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                owner.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
        }
    }
}
