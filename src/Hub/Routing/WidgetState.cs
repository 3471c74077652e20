using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Routing;

public enum WidgetAvailability
{
    /// <summary>A human answers within the web chat promise: chat is offered.</summary>
    Available,
    /// <summary>Predicted wait above the promise: the launcher says so and offers the asynchronous channels.</summary>
    Busy,
    /// <summary>Outside opening hours: the hours and the asynchronous channels. Never an offline form.</summary>
    Closed,
}

public sealed record AlternativeChannel(ChannelKind Channel, string Label, string Url, int PromiseSeconds, string Promise);

/// <summary>What the widget shows, pushed live to every open widget when it changes.</summary>
public sealed record WidgetState(
    WidgetAvailability State,
    int? PredictedWaitSeconds,
    int PromiseSeconds,
    string Message,
    IReadOnlyList<string> OpeningHours,
    DateTime? NextOpening,
    IReadOnlyList<AlternativeChannel> Alternatives);

/// <summary>Pure: the widget's state from opening hours, predicted wait and the promise.</summary>
public static class WidgetStateRules
{
    public static WidgetAvailability Decide(bool open, TimeSpan? predictedWait, TimeSpan promise) =>
        !open ? WidgetAvailability.Closed
        : predictedWait is { } wait && wait <= promise ? WidgetAvailability.Available
        : WidgetAvailability.Busy;

    public static string Message(WidgetAvailability state, IReadOnlyList<AlternativeChannel> alternatives)
    {
        var elsewhere = alternatives.Count == 0 ? "" : " You can also reach us on " + string.Join(", ", alternatives.Select(a => $"{a.Label} ({a.Promise})")) + ".";
        return state switch
        {
            WidgetAvailability.Available => "We're here — a person answers within 30 seconds.",
            WidgetAvailability.Busy => "All our people are helping other customers right now, so live chat would keep you waiting." + elsewhere,
            _ => "Live chat is closed right now." + elsewhere,
        };
    }

    /// <summary>"answer within 5 min", "answer within 1 day".</summary>
    public static string DescribePromise(TimeSpan promise) => promise switch
    {
        { TotalDays: >= 1 } => $"answer within {promise.TotalDays:0} day{(promise.TotalDays >= 2 ? "s" : "")}",
        { TotalHours: >= 1 } => $"answer within {promise.TotalHours:0} h",
        { TotalMinutes: >= 1 } => $"answer within {promise.TotalMinutes:0} min",
        _ => $"answer within {promise.TotalSeconds:0} s",
    };
}
