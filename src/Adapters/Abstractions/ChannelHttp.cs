using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Omnichannel.Adapters.Abstractions;

public static class ChannelHttp
{
    /// <summary>
    /// A named HttpClient for a provider API, with resilience: a per-attempt timeout, and quick retries (with
    /// backoff, honouring Retry-After) only for answers that say the request was not processed (429, 503) or a
    /// connection that could not be opened (the request never left; a connection dropped while waiting is not retried). Other transient failures (500, timeouts after the request was sent) are left to the
    /// persisted outbox, whose slower retries show on the console — so a send that may have gone out is not
    /// repeated in a tight loop. <paramref name="rewriteTo"/> optionally sends every request to another base address.
    /// </summary>
    public static IHttpClientBuilder AddChannelHttpClient(this IServiceCollection services, string name, Func<IServiceProvider, Uri?> rewriteTo, Func<IServiceProvider, TimeSpan> timeout)
    {
        var builder = services.AddHttpClient(name)
            .AddHttpMessageHandler(sp => new BaseAddressRewriteHandler(rewriteTo(sp)));
        builder.AddResilienceHandler($"{name}-resilience", (pipeline, context) =>
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(250),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    (args.Outcome.Exception is HttpRequestException { StatusCode: null } ex && SendFailures.NeverLeft(ex))
                    || args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
            });
            pipeline.AddTimeout(timeout(context.ServiceProvider));
        });
        return builder;
    }
}
