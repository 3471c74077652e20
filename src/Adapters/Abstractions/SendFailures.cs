using System.Net;

namespace Omnichannel.Adapters.Abstractions;

/// <summary>Pure: what a provider's HTTP answer to a send means for the outbox.</summary>
public static class SendFailures
{
    /// <summary>Timeouts, rate limits and server errors are worth retrying; any other 4xx is the provider's final word.
    /// Status 0 means "no HTTP answer we could read" (connection reset, unparseable error) and is retried too.</summary>
    public static bool IsTransient(int status) =>
        status is 0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    /// <summary>401/403: our credentials (token, account) are refused; the channel is unhealthy until a send works.</summary>
    public static bool IsCredentialsProblem(int status) => status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden;

    public static SendResult Classify(int status, string reason) =>
        IsTransient(status)
            ? SendResult.Transient(status == 0 ? reason : $"HTTP {status}: {reason}")
            : SendResult.Permanent(reason);
}

/// <summary>
/// Sends a provider SDK's requests to another base address (scheme, host, port; the path is kept).
/// Used to point an SDK whose API host is fixed (Twilio) at a regional edge, a proxy or a test server.
/// </summary>
public sealed class BaseAddressRewriteHandler(Uri? baseAddress) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (baseAddress is not null && request.RequestUri is { } uri)
        {
            var basePath = baseAddress.AbsolutePath.TrimEnd('/');
            request.RequestUri = new UriBuilder(uri) { Scheme = baseAddress.Scheme, Host = baseAddress.Host, Port = baseAddress.Port, Path = basePath + uri.AbsolutePath }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
