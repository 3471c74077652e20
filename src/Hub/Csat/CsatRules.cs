using System.Text.RegularExpressions;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Csat;

/// <summary>Pure: how the survey is asked on a channel, and what counts as an answer.</summary>
public static partial class CsatRules
{
    /// <summary>Messaging channels ask only while a free-form message may go out (never a template or a tag just for a survey).</summary>
    public static (CsatDelivery Delivery, string? Note) Plan(ChannelKind channel, DateTime? lastInboundAt, DateTime now)
    {
        if (channel == ChannelKind.WebChat)
            return (CsatDelivery.Widget, null);
        if (channel == ChannelKind.Email)
            return (CsatDelivery.EmailLinks, null);
        var window = MessagingWindow.Evaluate(channel, lastInboundAt, now);
        return window.Mode is WindowMode.Open or WindowMode.Unlimited
            ? (CsatDelivery.Message, null)
            : (CsatDelivery.NotSent, $"Not asked: the {channel} messaging window is closed.");
    }

    /// <summary>Quick replies where the channel has them (Telegram keyboard, Messenger quick replies); WhatsApp and SMS read the question.</summary>
    public static IReadOnlyList<string> QuickReplies(ChannelKind channel) =>
        channel is ChannelKind.Telegram or ChannelKind.Messenger ? ["1", "2", "3", "4", "5"] : [];

    /// <summary>"4", " 5 ", "4/5", "5!", "⭐⭐⭐⭐" → the score; anything else is a normal message.</summary>
    public static int? ParseScore(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var m = ScorePattern().Match(text);
        if (m.Success)
            return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var stars = text.Trim().Replace("\uFE0F", "", StringComparison.Ordinal);
        var count = stars.Length / "⭐".Length;
        return count is >= 1 and <= 5 && stars == string.Concat(Enumerable.Repeat("⭐", count)) ? count : null;
    }

    [GeneratedRegex(@"^\s*([1-5])\s*(?:/\s*5)?\s*[.!]?\s*$")]
    private static partial Regex ScorePattern();
}
