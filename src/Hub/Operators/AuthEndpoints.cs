using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Operators;

public static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Login);
        auth.MapPost("/logout", Logout).RequireAuthorization(Policies.Account);
        auth.MapGet("/me", Me).RequireAuthorization(Policies.Account);
    }

    /// <summary>Checks email and password; sets the console's cookie and returns a bearer token for other clients.</summary>
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, OperatorAccounts accounts, Protection.LoginThrottle throttle, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return Problems.Invalid("Email and password are required.");
        // No account's email holds a control character (PostgreSQL refuses NUL in text outright): the same answer as an
        // unknown account, without asking the database.
        if (request.Email.Length > 320 || request.Password.Length > 1024 || request.Email.Any(char.IsControl))
            return Problems.Unauthorized("Wrong email or password.");
        // Per account, existing or not (the same answer either way): after repeated failures it waits, doubling each time.
        if (await throttle.WaitAsync(request.Email) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.TooManyRequests($"Too many failed logins for this account; try again in {seconds} s.");
        }
        var op = await accounts.VerifyAsync(request.Email, request.Password, cancellationToken);
        if (op is null)
        {
            await throttle.FailedAsync(request.Email);
            return Problems.Unauthorized("Wrong email or password.");
        }
        await throttle.SucceededAsync(request.Email);
        if (op.Disabled)
            return Problems.Forbidden("This account is disabled; ask an admin.");

        await http.SignInAsync(AuthSchemes.Cookie, OperatorClaims.Principal(op, AuthSchemes.Cookie));
        var options = bearer.Get(AuthSchemes.Bearer);
        var expires = time.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(OperatorClaims.Principal(op, AuthSchemes.Bearer), new AuthenticationProperties { ExpiresUtc = expires }, AuthSchemes.Bearer);
        return TypedResults.Ok(new LoginResponse(OperatorDto.From(op), options.BearerTokenProtector.Protect(ticket), expires.UtcDateTime));
    }

    public static async Task<NoContent> Logout(HttpContext http, CancellationToken cancellationToken)
    {
        await http.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<OperatorDto>, UnauthorizedHttpResult>> Me(HttpContext http, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var id = http.User.OperatorId();
        var op = await db.Operators.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return op is null ? TypedResults.Unauthorized() : TypedResults.Ok(OperatorDto.From(op));
    }
}
