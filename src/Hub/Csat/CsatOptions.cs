namespace Omnichannel.Hub.Csat;

/// <summary>Bound from <c>Csat</c>: the satisfaction survey asked when a conversation is closed.</summary>
public sealed class CsatOptions
{
    public const string Section = "Csat";

    public bool Enabled { get; set; } = true;

    /// <summary>The question on messaging channels (the scores follow as quick replies where the channel has them).</summary>
    public string Question { get; set; } = "How did we do? Reply with a number from 1 (poor) to 5 (great).";

    /// <summary>The line added in email, followed by one link per score.</summary>
    public string EmailLine { get; set; } = "How did we do? Rate this conversation:";

    /// <summary>How long after the survey a bare "1"–"5" from the customer counts as the rating.</summary>
    public TimeSpan AnswerWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The hub's public address for the email rating links, e.g. https://support.example.com (else the hub's own address).</summary>
    public string? PublicBaseUrl { get; set; }
}
