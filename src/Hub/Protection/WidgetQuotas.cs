using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Protection;

/// <summary>Quotas on what the widget sends over its hub: messages per visitor and per IP, new chats per IP.</summary>
public sealed class WidgetQuotas(IOptionsMonitor<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
    {
        var o = options.CurrentValue;
        var limit = key.Split(':', 2)[0] switch
        {
            "visitor" => o.WidgetSendsPerVisitor,
            "ip" => o.WidgetSendsPerIp,
            _ => o.NewChatsPerIp,
        };
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.Permits),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    });

    /// <summary>Takes one message from the visitor's and the IP's quota; throws a HubException the widget shows when either is spent.</summary>
    public void Send(string visitorId, string ip)
    {
        Take($"visitor:{visitorId}", "You are sending messages too quickly");
        Take($"ip:{ip}", "Too many messages from your network");
    }

    /// <summary>Takes one new chat from the IP's quota.</summary>
    public void NewChat(string ip) => Take($"chat:{ip}", "Too many new chats from your network");

    private void Take(string key, string what)
    {
        if (!options.CurrentValue.Enabled)
            return;
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            var after = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(1);
            throw new HubException($"{what}; please try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))} s.");
        }
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Applies <see cref="WidgetQuotas"/> to the visitor hub's Send before it runs.</summary>
public sealed class WidgetQuotaFilter(WidgetQuotas quotas) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (context.Hub is VisitorHub && context.HubMethodName == nameof(VisitorHub.Send))
            quotas.Send(context.Context.User?.VisitorId() ?? context.Context.ConnectionId, ClientIp(context.Context));
        return next(context);
    }

    public static string ClientIp(HubCallerContext context) =>
        context.GetHttpContext() is { } http ? RateLimitsExtensions.ClientIp(http) : "unknown";
}
