using Microsoft.AspNetCore.SignalR;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// A hub method cancelled because its caller's connection closed ends quietly. Methods wait with the connection's
/// token (a widget's send waits for its commit); when a widget goes away meanwhile the wait is cancelled — nobody is
/// left to receive the answer, and it is not the hub's error: the write goes on, and a resend with the same client
/// message id finds the stored message. Left to SignalR, any exception out of a hub method is logged as an Error.
/// </summary>
public sealed class ClosedCallerFilter(ILogger<ClosedCallerFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.Context.ConnectionAborted.IsCancellationRequested)
        {
            logger.LogDebug("{Hub}.{Method} ended unanswered: its caller's connection closed", context.Hub.GetType().Name, context.HubMethodName);
            return null;
        }
    }
}
