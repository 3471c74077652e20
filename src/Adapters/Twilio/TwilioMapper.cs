using System.Globalization;
using System.Text.Json;
using Omnichannel.Adapters.Abstractions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Omnichannel.Adapters.Twilio;

/// <summary>A status callback, normalized. <see cref="Status"/> is null for steps we do not show (receiving, partially_delivered).</summary>
public sealed record TwilioStatus(string MessageSid, MessageStatus? Status, string? Reason);

/// <summary>What a reply becomes: the API call's options, or why it cannot go out.</summary>
public sealed record TwilioSendPlan(CreateMessageOptions? Options, string? Refusal, WindowMode Mode);

/// <summary>Pure mapping between Twilio's webhook forms / API options and normalized messages. No I/O.</summary>
public static class TwilioMapper
{
    public const string WhatsAppPrefix = "whatsapp:";

    /// <summary>An inbound message webhook (WhatsApp when From starts with whatsapp:, SMS otherwise), or the reason it is malformed.</summary>
    public static (InboundMessage? Message, string? Error) ToInbound(IReadOnlyDictionary<string, string> form, DateTime receivedAt)
    {
        var sid = Get(form, "MessageSid") ?? Get(form, "SmsMessageSid");
        var from = Get(form, "From");
        if (sid is null)
            return (null, "MessageSid is missing.");
        if (from is null)
            return (null, "From is missing.");
        var isWhatsApp = from.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase);
        var phone = Phone(from);
        if (phone.Length < 3)
            return (null, "From is not a phone number.");
        var channel = isWhatsApp ? ChannelKind.WhatsApp : ChannelKind.Sms;
        var handle = isWhatsApp ? WhatsAppPrefix + phone : phone;

        var attachments = new List<Attachment>();
        var count = int.TryParse(Get(form, "NumMedia"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 10) : 0;
        for (var i = 0; i < count; i++)
            if (Get(form, $"MediaUrl{i}") is { } url)
                attachments.Add(new Attachment(url, Get(form, $"MediaContentType{i}") ?? "application/octet-stream"));

        var text = Get(form, "Body") ?? "";
        if (Get(form, "Latitude") is { } lat && Get(form, "Longitude") is { } lon)
        {
            var label = string.Join(", ", new[] { Get(form, "Label"), Get(form, "Address") }.Where(s => s is not null));
            text = $"📍 Location: {(label.Length > 0 ? label + " " : "")}({lat}, {lon})";
            attachments.Add(new Attachment($"https://www.openstreetmap.org/?mlat={Uri.EscapeDataString(lat)}&mlon={Uri.EscapeDataString(lon)}", "application/vnd.geo+link", "Location"));
        }
        var metadata = new Dictionary<string, string>();
        if (Get(form, "ButtonPayload") is { } payload)
        {
            // A tapped quick-reply / template button: the customer sees its text; the payload is for us.
            metadata[MetadataKeys.Kind] = "button";
            metadata[MetadataKeys.Payload] = payload;
            if (text.Length == 0)
                text = Get(form, "ButtonText") ?? payload;
        }
        else if (Get(form, "ButtonText") is { } button && text.Length == 0)
            text = button;
        if (text.Length == 0 && attachments.Count == 0)
            text = EmptyText(isWhatsApp, Get(form, "MessageType"));

        return (new InboundMessage(channel, handle, sid, text, receivedAt)
        {
            ContactName = Get(form, "ProfileName"),
            Attachments = attachments,
            ThreadKey = Get(form, "To") is { } to ? Phone(to) : null,
            Metadata = metadata,
        }, null);
    }

    /// <summary>A status callback (queued → sent → delivered → read, failed / undelivered), or the reason it is malformed.</summary>
    public static (TwilioStatus? Status, string? Error) ToStatus(IReadOnlyDictionary<string, string> form)
    {
        var sid = Get(form, "MessageSid") ?? Get(form, "SmsSid");
        var status = Get(form, "MessageStatus") ?? Get(form, "SmsStatus");
        if (sid is null)
            return (null, "MessageSid is missing.");
        if (status is null)
            return (null, "MessageStatus is missing.");
        var code = Get(form, "ErrorCode");
        var mapped = status.ToLowerInvariant() switch
        {
            "queued" or "accepted" or "scheduled" or "sending" => MessageStatus.Queued,
            "sent" => MessageStatus.Sent,
            "delivered" => MessageStatus.Delivered,
            "read" => MessageStatus.Read,
            "failed" or "undelivered" => MessageStatus.Failed,
            _ => (MessageStatus?)null,
        };
        var reason = mapped == MessageStatus.Failed ? FailureReason(status, code, Get(form, "ErrorMessage")) : null;
        return (new TwilioStatus(sid, mapped, reason), null);
    }

    /// <summary>What the Messages API's answer means: "queued" / "accepted" is not sent yet (a status callback
    /// moves it on); anything else it answers at creation is taken as sent.</summary>
    public static SendResult SendResultOf(string sid, string? status) => status?.ToLowerInvariant() switch
    {
        "queued" or "accepted" or "scheduled" or "sending" => SendResult.Queued(sid, $"Twilio accepted the message ({status.ToLowerInvariant()}); not sent yet."),
        "failed" or "undelivered" => SendResult.Permanent(FailureReason(status, null, null)),
        _ => SendResult.Sent(sid),
    };

    /// <summary>A message with no text and no media: an empty SMS is a real (if accidental) message; a WhatsApp
    /// type the hub cannot show says which.</summary>
    private static string EmptyText(bool isWhatsApp, string? type) =>
        !isWhatsApp || type is null or "text"
            ? "(empty message)"
            : $"[Unsupported WhatsApp message: {type} — open it in the customer's app]";

    /// <summary>Words for the error codes operators meet most; the code is always given so it can be looked up.</summary>
    public static string FailureReason(string status, string? code, string? message)
    {
        var known = code switch
        {
            "30003" => "the handset is unreachable",
            "30004" => "the message was blocked by the recipient or carrier",
            "30005" => "the number is unknown or no longer exists",
            "30006" => "the number is a landline or cannot receive messages",
            "30007" => "the carrier filtered the message",
            "30008" => "the carrier reported an unknown error",
            "63016" => "the 24-hour WhatsApp window is closed; only an approved template can be sent",
            "63003" => "the number is not on WhatsApp",
            _ => null,
        };
        var detail = message ?? known;
        return $"Twilio reported the message {status.ToLowerInvariant()}{(detail is null ? "" : $": {detail}")}{(code is null ? "" : $" (error {code})")}.";
    }

    /// <summary>The API call for a reply: free-form inside the window (and always for SMS), the template outside it,
    /// or a refusal the operator understands.</summary>
    public static TwilioSendPlan PlanSend(OutboundMessage message, WhatsAppOptions whatsApp, SmsOptions sms, string? publicBaseUrl, DateTime now,
        IReadOnlyList<Uri>? mediaLinks = null)
    {
        var window = MessagingWindow.Evaluate(message.Channel, message.LastInboundAt, now, !string.IsNullOrWhiteSpace(whatsApp.TemplateContentSid));
        if (window.Mode == WindowMode.Closed)
            return new TwilioSendPlan(null, window.Notice, window.Mode);

        var to = message.Channel == ChannelKind.WhatsApp
            ? WhatsAppPrefix + Phone(message.ContactHandle)
            : Phone(message.ContactHandle);
        var options = new CreateMessageOptions(new PhoneNumber(to));
        if (message.Channel == ChannelKind.WhatsApp)
            options.From = new PhoneNumber(WhatsAppPrefix + (message.ThreadKey ?? whatsApp.From));
        else if (!string.IsNullOrWhiteSpace(sms.MessagingServiceSid))
            options.MessagingServiceSid = sms.MessagingServiceSid;
        else
            options.From = new PhoneNumber(message.ThreadKey ?? sms.From);

        if (window.Mode == WindowMode.Template)
        {
            options.ContentSid = whatsApp.TemplateContentSid;
            options.ContentVariables = JsonSerializer.Serialize(new Dictionary<string, string> { ["1"] = message.Text });
        }
        else
            options.Body = message.Text;
        if (message.Attachments.Count > 0)
        {
            // Twilio fetches media itself, from signed links that expire (MediaUrl; up to 10, WhatsApp 1 per message).
            if (mediaLinks is null || mediaLinks.Count != message.Attachments.Count)
                return new TwilioSendPlan(null, "Files cannot go out on Twilio: the hub has no public address for Twilio to fetch them from (Attachments:PublicBaseUrl).", window.Mode);
            if (message.Channel == ChannelKind.WhatsApp && mediaLinks.Count > 1)
                return new TwilioSendPlan(null, "WhatsApp takes one file per message; send the files one by one.", window.Mode);
            options.MediaUrl = [.. mediaLinks];
        }
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
            options.StatusCallback = new Uri(publicBaseUrl.TrimEnd('/') + "/webhooks/twilio/status?mid=" + message.MessageId.ToString(CultureInfo.InvariantCulture));
        return new TwilioSendPlan(options, null, window.Mode);
    }

    /// <summary>Pure: the SID of the message among <paramref name="recent"/> that an unanswered send at
    /// <paramref name="attemptedAt"/> created (same text, created no earlier than two minutes before, allowing clock skew).</summary>
    public static string? FindSend(IEnumerable<TwilioSentMessage> recent, string body, DateTime attemptedAt) =>
        recent.FirstOrDefault(m => m.Body == body && (m.CreatedAt is null || m.CreatedAt >= attemptedAt.AddMinutes(-2)))?.Sid;

    /// <summary>Our status callback carries our message id (?mid=), so a callback can name a message whose send had no answer.</summary>
    public static long? CallbackMessageId(string? query) =>
        long.TryParse(query, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>E.164 without the whatsapp: prefix and without spaces.</summary>
    public static string Phone(string address)
    {
        var raw = address.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? address[WhatsAppPrefix.Length..] : address;
        return raw.Replace(" ", "", StringComparison.Ordinal).Trim();
    }

    private static string? Get(IReadOnlyDictionary<string, string> form, string key) =>
        form.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

/// <summary>What Twilio lists about a message we may have sent.</summary>
public sealed record TwilioSentMessage(string Sid, string? Body, DateTime? CreatedAt);
