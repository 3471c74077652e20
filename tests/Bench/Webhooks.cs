using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Bench;

/// <summary>Signed Twilio WhatsApp webhooks as Twilio posts them, and the HTTP client that sends them (one per node).</summary>
public static class Webhooks
{
    public const string Path = "/webhooks/twilio";

    /// <summary>The phone of contact <paramref name="index"/>: a pool of existing contacts uses small indexes, new contacts fresh ones.</summary>
    public static string Phone(long index) => "+3460" + (1_000_000 + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>A contact no earlier run step has used: the run's new-contact counter, far from the existing pool.</summary>
    public static string NewContactPhone(long index) => "+3461" + (100_000_000 + index).ToString(CultureInfo.InvariantCulture);

    public static HttpClient Client(Uri node, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = node,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>The signed request for message <paramref name="seq"/> from <paramref name="phone"/> (body ends with " seq").</summary>
    public static HttpRequestMessage Request(string phone, long seq)
    {
        var form = Form(phone, seq);
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sign(ServerProcess.TwilioPublicBase + Path, form));
        return request;
    }

    /// <summary>Reads the sequence number back from a pushed message's text.</summary>
    public static long? Sequence(string? text)
    {
        if (text is null)
            return null;
        var space = text.LastIndexOf(' ');
        return space >= 0 && long.TryParse(text.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;
    }

    /// <summary>A WhatsApp text webhook (fields of tests/Adapters.Tests/Payloads/Twilio/whatsapp-text.txt).</summary>
    public static Dictionary<string, string> Form(string phone, long seq)
    {
        var sid = "SM" + seq.ToString("x32", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["ProfileName"] = "Bench Contact",
            ["MessageType"] = "text",
            ["SmsSid"] = sid,
            ["WaId"] = phone[1..],
            ["SmsStatus"] = "received",
            ["Body"] = "Hola, ¿tenéis la talla M? Quiero cambiar mi pedido " + seq.ToString(CultureInfo.InvariantCulture),
            ["To"] = "whatsapp:" + ServerProcess.WhatsAppNumber,
            ["NumSegments"] = "1",
            ["ReferralNumMedia"] = "0",
            ["MessageSid"] = sid,
            ["AccountSid"] = ServerProcess.TwilioAccountSid,
            ["From"] = "whatsapp:" + phone,
            ["ApiVersion"] = "2010-04-01",
        };
    }

    /// <summary>X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed by the form's keys and values sorted by key.</summary>
    public static string Sign(string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var key in form.Keys.OrderBy(k => k, StringComparer.Ordinal))
            data.Append(key).Append(form[key]);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(ServerProcess.TwilioAuthToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}

/// <summary>A global message sequence for the run: every webhook has a unique provider id (MessageSid) and text.</summary>
public static class Sequence
{
    private static long next = 1;
    private static long nextContact = 1;

    public static long Next() => Interlocked.Increment(ref next);

    public static long Reserve(int count) => Interlocked.Add(ref next, count) - count + 1;

    public static long NewContact() => Interlocked.Increment(ref nextContact);
}
