using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Audit;

/// <summary>
/// For admin endpoints of other features that do not write their own entry: a successful call is recorded with
/// what it returned (the state after). Endpoints that know the state before record their entries themselves.
/// </summary>
public static class AuditedEndpoints
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder endpoint, string action) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var outcome = result is INestedHttpResult nested ? nested.Result : result;
            if (outcome is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
            {
                var http = context.HttpContext;
                var services = http.RequestServices;
                services.GetRequiredService<AuditLog>().Record(http.User, action, http.Request.Path.Value ?? "", null, (outcome as IValueHttpResult)?.Value);
                await services.GetRequiredService<OmnichannelDb>().SaveChangesAsync(http.RequestAborted);
            }
            return result;
        });
}
