using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Twilio.Security;

namespace Omnichannel.Adapters.Twilio;

/// <summary>
/// Twilio's webhooks: verify X-Twilio-Signature against the public URL, map, hand to the hub (which persists),
/// answer an empty TwiML document. A wrong signature is 403 and nothing is stored; a malformed form is 400.
/// </summary>
public sealed class TwilioReceiver(
    IInboundSink sink, IOptions<TwilioOptions> options, SignatureGuard signatures, TimeProvider time, ILogger<TwilioReceiver> logger)
{
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public async Task<IResult> InboundAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (form, refused) = await VerifyAsync(http, cancellationToken);
        if (refused is not null)
            return refused;
        var (message, error) = TwilioMapper.ToInbound(form!, time.GetUtcNow().UtcDateTime);
        if (message is null)
            return BadRequest(error!);
        if ((await sink.ReceiveAsync(message, cancellationToken)).Refused is { } unusable)
            return BadRequest(unusable);
        return Results.Content(EmptyTwiml, "text/xml");
    }

    public async Task<IResult> StatusAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (form, refused) = await VerifyAsync(http, cancellationToken);
        if (refused is not null)
            return refused;
        var (status, error) = TwilioMapper.ToStatus(form!);
        if (status is null)
            return BadRequest(error!);
        if (TwilioMapper.CallbackMessageId(http.Request.Query["mid"]) is { } ours)
        {
            // The callback names our message: an unanswered send is now known to have reached Twilio.
            await sink.ConfirmSentAsync(ChannelKind.WhatsApp, ours, status.MessageSid, cancellationToken);
            await sink.ConfirmSentAsync(ChannelKind.Sms, ours, status.MessageSid, cancellationToken);
        }
        if (status.Status is { } known)
        {
            // The same SID is either a WhatsApp or an SMS message; only one of the two updates matches.
            await sink.UpdateStatusAsync(ChannelKind.WhatsApp, status.MessageSid, known, status.Reason, cancellationToken);
            await sink.UpdateStatusAsync(ChannelKind.Sms, status.MessageSid, known, status.Reason, cancellationToken);
        }
        return Results.Content(EmptyTwiml, "text/xml");
    }

    private async Task<(Dictionary<string, string>? Form, IResult? Refused)> VerifyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasCredentials)
            return (null, Results.Problem("The Twilio channels are not configured on this hub.", statusCode: StatusCodes.Status404NotFound));
        if (!http.Request.HasFormContentType)
            return (null, BadRequest("Expected an application/x-www-form-urlencoded body."));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, BadRequest("The form body could not be read."));
        }
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var signature = http.Request.Headers["X-Twilio-Signature"].ToString();
        var url = PublicUrl(http.Request, settings.PublicBaseUrl);
        if (signature.Length == 0 || !Validator(settings.AuthToken!).Validate(url, fields, signature))
        {
            signatures.Failed(ChannelKind.WhatsApp);
            signatures.Failed(ChannelKind.Sms);
            logger.LogWarning("Refused a Twilio webhook with a {Problem} signature for {Url}", signature.Length == 0 ? "missing" : "wrong", url);
            return (null, Results.Problem("The X-Twilio-Signature does not match this request.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"));
        }
        signatures.Passed(ChannelKind.WhatsApp);
        signatures.Passed(ChannelKind.Sms);
        return (fields, null);
    }

    // A validator holds native hash contexts: one per thread (Validate is synchronous), not one per webhook.
    [ThreadStatic]
    private static (string Token, RequestValidator Validator)? cachedValidator;

    private static RequestValidator Validator(string authToken)
    {
        if (cachedValidator is { } cached && cached.Token == authToken)
            return cached.Validator;
        var validator = new RequestValidator(authToken);
        cachedValidator = (authToken, validator);
        return validator;
    }

    /// <summary>The URL Twilio requested: the configured public base, else what a proxy forwarded, else what Kestrel saw.</summary>
    public static string PublicUrl(HttpRequest request, string? publicBaseUrl)
    {
        var pathAndQuery = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
            return publicBaseUrl.TrimEnd('/') + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var scheme = First(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
        var host = First(request.Headers["X-Forwarded-Host"]) ?? request.Host.ToUriComponent();
        return $"{scheme}://{host}{pathAndQuery}";
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        values.ToString() is { Length: > 0 } v ? v.Split(',')[0].Trim() : null;

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook");
}
