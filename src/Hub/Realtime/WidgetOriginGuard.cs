using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Omnichannel.Hub.Http;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// A browser on an origin that is not listed in <c>Widget:AllowedOrigins</c> gets 403 from the widget's surface,
/// for preflights, negotiate and WebSockets alike (browsers do not apply CORS to WebSockets, so this is what
/// keeps other sites off /hubs/visitor). Requests without an Origin (servers, the hub's own pages' GETs) pass.
/// </summary>
public sealed class WidgetOriginGuard(RequestDelegate next, IOptionsMonitor<WidgetEmbedOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WidgetSurface>() is null
            || context.Request.Headers[HeaderNames.Origin].ToString() is not { Length: > 0 } origin
            || Allowed(options.CurrentValue, origin, context.Request))
            return next(context);
        return Problems.Of(StatusCodes.Status403Forbidden, "Origin not allowed", $"The widget is not enabled for {origin}: add it to Widget:AllowedOrigins.")
            .ExecuteAsync(context);
    }

    public static bool Allowed(WidgetEmbedOptions options, string origin, HttpRequest request)
    {
        var normalized = origin.TrimEnd('/').ToLowerInvariant();
        return options.AnyOrigin
            || normalized == $"{request.Scheme}://{request.Host}".ToLowerInvariant()
            || options.ListedOrigins.Contains(normalized);
    }
}
