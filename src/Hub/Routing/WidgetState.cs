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

/// <summary>
/// What the widget shows, pushed live to every open widget when it changes. <paramref name="NobodyOnline"/>: busy because no
/// operator is online at all (said plainly, not "everyone is busy"). <paramref name="Opens"/>: "Opens Mon 09:00 CET" in the
/// shop's time zone; the words are in <paramref name="Language"/> (see <see cref="WidgetCopy"/>).
/// </summary>
public sealed record WidgetState(
    WidgetAvailability State,
    int? PredictedWaitSeconds,
    int PromiseSeconds,
    string Message,
    IReadOnlyList<string> OpeningHours,
    DateTime? NextOpening,
    IReadOnlyList<AlternativeChannel> Alternatives,
    string? Opens = null,
    bool NobodyOnline = false,
    string Language = "en");

/// <summary>Pure: the widget's state from opening hours, predicted wait and the promise.</summary>
public static class WidgetStateRules
{
    public static WidgetAvailability Decide(bool open, TimeSpan? predictedWait, TimeSpan promise) =>
        !open ? WidgetAvailability.Closed
        : predictedWait is { } wait && wait <= promise ? WidgetAvailability.Available
        : WidgetAvailability.Busy;

    /// <summary>"answer within 5 min", "answer within 1 day" (English; other languages: <see cref="WidgetCopy.Promise"/>).</summary>
    public static string DescribePromise(TimeSpan promise) => WidgetCopy.For("en").Promise(promise);
}
