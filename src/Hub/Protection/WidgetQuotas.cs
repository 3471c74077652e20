using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Protection;

/// <summary>Quotas on what the widget sends over its hub: messages per visitor and per IP, new chats per IP.</summary>
/// <remarks>With Redis the counts are shared by every hub (<see cref="SharedWindows"/>); without it, in this process.</remarks>
public sealed class WidgetQuotas(IOptionsMonitor<RateLimitOptions> options, SharedWindows? shared = null) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
    {
        var o = options.CurrentValue;
        var limit = Limit(o, key);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.Permits),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    });

    private static WindowLimit Limit(RateLimitOptions o, string key) => key.Split(':', 2)[0] switch
    {
        "visitor" => o.WidgetSendsPerVisitor,
        "ip" => o.WidgetSendsPerIp,
        _ => o.NewChatsPerIp,
    };

    /// <summary>Takes one message from the visitor's and the IP's quota; throws a HubException the widget shows when either is spent.</summary>
    public async Task SendAsync(string visitorId, string ip)
    {
        await TakeAsync($"visitor:{visitorId}", "You are sending messages too quickly");
        await TakeAsync($"ip:{ip}", "Too many messages from your network");
    }

    /// <summary>Takes one new chat from the IP's quota.</summary>
    public Task NewChatAsync(string ip) => TakeAsync($"chat:{ip}", "Too many new chats from your network");

    private async Task TakeAsync(string key, string what)
    {
        var o = options.CurrentValue;
        if (!o.Enabled)
            return;
        TimeSpan? refusedFor;
        if (shared is not null)
        {
            var hit = await shared.HitAsync("widget-" + key, Limit(o, key));
            refusedFor = hit.Allowed ? null : hit.RetryAfter;
        }
        else
        {
            using var lease = limiter.AttemptAcquire(key);
            refusedFor = lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(1);
        }
        if (refusedFor is { } after)
            throw new HubException($"{what}; please try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))} s.");
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Applies <see cref="WidgetQuotas"/> to the visitor hub's Send before it runs.</summary>
public sealed class WidgetQuotaFilter(WidgetQuotas quotas) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (context.Hub is VisitorHub && context.HubMethodName == nameof(VisitorHub.Send))
            await quotas.SendAsync(context.Context.User?.VisitorId() ?? context.Context.ConnectionId, ClientIp(context.Context));
        return await next(context);
    }

    public static string ClientIp(HubCallerContext context) =>
        context.GetHttpContext() is { } http ? RateLimitsExtensions.ClientIp(http) : "unknown";
}
