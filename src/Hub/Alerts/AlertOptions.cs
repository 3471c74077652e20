namespace Omnichannel.Hub.Alerts;

/// <summary>Bound from <c>Alerts</c>: operator alerts off-screen (Web Push, then Telegram).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Alerts are sent at all (each operator still opts in by registering a push subscription or a Telegram chat).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An alert not acknowledged (offer accepted/declined, or POST /api/alerts/{id}/ack) within this moves to the operator's next means.</summary>
    public TimeSpan FallbackAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The VAPID "sub" claim: a mailto: or https: contact for push services.</summary>
    public string VapidSubject { get; set; } = "mailto:alerts@omnichannel.invalid";

    /// <summary>Where the VAPID key pair is kept (created at first start). Default: {Storage:KeysDirectory}/vapid.json.</summary>
    public string? VapidKeysPath { get; set; }

    /// <summary>How long a push service keeps an undelivered alert (TTL header).</summary>
    public TimeSpan PushTimeToLive { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Also alert operators whose presence is away (and who opted in with NotifyWhenAway) when a web chat still waits at the supervisors' step.</summary>
    public bool AlertAwayOperators { get; set; } = true;
}
