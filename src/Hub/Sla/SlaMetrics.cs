using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// OpenTelemetry instruments of the SLA engine (meter "Omnichannel.Sla"), scraped at /metrics:
/// first-response time per channel, queue length, breaches, breach-detection lag and today's attainment.
/// </summary>
public sealed class SlaMetrics : IDisposable
{
    public const string MeterName = "Omnichannel.Sla";

    private readonly Meter meter;
    private readonly Histogram<double> firstResponse;
    private readonly Histogram<double> detectionLag;
    private readonly Counter<long> breaches;
    private readonly Counter<long> atRisk;
    private readonly ConcurrentDictionary<ChannelKind, long> queueLength = new();
    private readonly ConcurrentDictionary<ChannelKind, double> attainment = new();

    public SlaMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        foreach (var channel in Enum.GetValues<ChannelKind>())
            queueLength[channel] = 0;
        firstResponse = meter.CreateHistogram<double>("omnichannel.sla.first_response.duration", "s", "Time from a customer's first waiting message to the operator's first reply.");
        detectionLag = meter.CreateHistogram<double>("omnichannel.sla.breach.detection_lag", "s", "Time between a deadline and the moment its breach was raised.");
        breaches = meter.CreateCounter<long>("omnichannel.sla.breaches", "{breach}", "SLA breaches raised.");
        atRisk = meter.CreateCounter<long>("omnichannel.sla.at_risk", "{alert}", "At-risk alerts raised.");
        meter.CreateObservableGauge("omnichannel.queue.length", () => queueLength.Select(p => new Measurement<long>(p.Value, Tag(p.Key))), "{conversation}", "Customers waiting for a human answer.");
        meter.CreateObservableGauge("omnichannel.sla.attainment", () => attainment.Select(p => new Measurement<double>(p.Value, Tag(p.Key))), "1", "Share of responses today within target.");
    }

    public void Responded(SlaMeasurement measurement)
    {
        if (measurement.Kind == SlaKind.FirstResponse)
            firstResponse.Record(measurement.ResponseSeconds, Tag(measurement.Channel));
    }

    public void BreachRaised(ChannelKind channel, SlaKind kind, TimeSpan lag)
    {
        breaches.Add(1, Tag(channel), new KeyValuePair<string, object?>("kind", kind.ToString()));
        detectionLag.Record(Math.Max(0, lag.TotalSeconds), Tag(channel));
    }

    public void AtRiskRaised(ChannelKind channel) => atRisk.Add(1, Tag(channel));

    /// <summary>Refreshed periodically by the stats job (gauges are read at scrape time).</summary>
    public void SetSnapshot(IReadOnlyDictionary<ChannelKind, long> waiting, IReadOnlyDictionary<ChannelKind, double?> attainmentToday)
    {
        foreach (var channel in Enum.GetValues<ChannelKind>())
        {
            queueLength[channel] = waiting.GetValueOrDefault(channel);
            if (attainmentToday.GetValueOrDefault(channel) is { } share)
                attainment[channel] = share;
        }
    }

    private static KeyValuePair<string, object?> Tag(ChannelKind channel) => new("channel", channel.ToString());

    public void Dispose() => meter.Dispose();
}
