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

    /// <summary>
    /// A send that threw instead of answering: when the request provably never left (connection refused, name not
    /// resolved, TLS handshake failed) it is worth retrying; otherwise (timeout, connection dropped while waiting)
    /// the provider may have accepted it, and the outcome is unknown. The reason names the endpoint we really used.
    /// </summary>
    public static SendResult Unreachable(string provider, string endpoint, Exception exception)
    {
        var detail = Innermost(exception).Message;
        return NeverLeft(exception)
            ? SendResult.Transient($"{provider} at {endpoint} could not be reached: {detail}")
            : SendResult.Unknown($"{provider} at {endpoint} did not answer in time ({detail}); the message may have arrived.");
    }

    /// <summary>True when the exception (or one it wraps) proves the request was never sent.</summary>
    public static bool NeverLeft(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError })
                return true;
            if (ex is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused
                    or System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.HostUnreachable
                    or System.Net.Sockets.SocketError.NetworkUnreachable })
                return true;
        }
        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        var ex = exception;
        while (ex.InnerException is not null)
            ex = ex.InnerException;
        return ex;
    }

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
