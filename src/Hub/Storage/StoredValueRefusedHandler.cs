using Microsoft.AspNetCore.Diagnostics;

namespace Omnichannel.Hub.Storage;

/// <summary>Answers a value the database cannot hold (<see cref="StoredValueRefusedException"/>) with a 400 problem
/// naming the field, never a 500; the request changed nothing.</summary>
public sealed class StoredValueRefusedHandler(IProblemDetailsService problems, ILogger<StoredValueRefusedHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoredValueRefusedException refused || http.Response.HasStarted)
            return false;
        logger.LogWarning("Refused {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, refused.Message);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = 400, Title = "A value does not fit", Detail = $"{refused.Field}: {refused.Reason}" },
        });
    }
}
