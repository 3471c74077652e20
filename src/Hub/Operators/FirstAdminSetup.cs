using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Operators;

public sealed record FirstAdminRequest(string? Token, string? Email, string? DisplayName, string? Password);

/// <summary>
/// A hub with no admin (a fresh production install: no demo accounts, no default password) prints a one-time setup
/// link at start. The link's token creates the first admin once, and expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class FirstAdminSetup(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly Lock gate = new();
    private byte[]? tokenHash;
    private DateTimeOffset expires;

    /// <summary>Issues a new token (the previous one stops working) and returns it.</summary>
    public string Issue()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (gate)
        {
            tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
            expires = time.GetUtcNow() + Lifetime;
        }
        return token;
    }

    /// <summary>True once for a valid, unexpired token; the token is spent.</summary>
    public bool TrySpend(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        lock (gate)
        {
            if (tokenHash is null || time.GetUtcNow() > expires || !CryptographicOperations.FixedTimeEquals(tokenHash, given))
                return false;
            tokenHash = null;
            return true;
        }
    }

    public static async Task PrintLinkIfNoAdminAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        if (await db.Operators.AnyAsync(o => o.Role == Roles.Admin))
            return;
        var token = app.Services.GetRequiredService<FirstAdminSetup>().Issue();
        // Printed once on the console (never logged): whoever runs the hub creates the first admin with it.
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"""
            No admin exists yet. Create the first one within {Lifetime.TotalMinutes:0} minutes with this one-time link:
              {app.Urls.FirstOrDefault() ?? "http://<this-hub>"}/setup#{token}
            (or POST /api/setup with {"{"}"token": "{token}", "email", "displayName", "password"{"}"}).
            """));
    }

    public static void MapFirstAdminSetup(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/setup", CreateFirstAdmin).WithTags("Auth").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Login);
        app.MapGet("/setup", () => TypedResults.Content(SetupPage, "text/html")).ExcludeFromDescription();
    }

    public static async Task<Results<Created<OperatorDto>, ProblemHttpResult>> CreateFirstAdmin(
        FirstAdminRequest request, FirstAdminSetup setup, OperatorAccounts accounts, OmnichannelDb db, CancellationToken cancellationToken)
    {
        if (request.Email is not { Length: > 3 and <= 320 } email || !email.Contains('@') || string.IsNullOrWhiteSpace(request.DisplayName) || request.Password is not { Length: >= 12 })
            return Problems.Invalid("Email, display name and a password of at least 12 characters are required.");
        if (await db.Operators.AnyAsync(o => o.Role == Roles.Admin, cancellationToken) || !setup.TrySpend(request.Token))
            return Problems.Forbidden("The setup link is invalid, used or expired (restart the hub for a new one while no admin exists).");
        var admin = await accounts.CreateAsync(email, request.DisplayName.Trim(), request.Password, Roles.Admin, cancellationToken);
        return TypedResults.Created($"/api/operators/{admin.Id}", OperatorDto.From(admin));
    }

    private const string SetupPage = """
        <!doctype html><html lang="en"><meta charset="utf-8"><title>Create the first admin</title>
        <main style="font:16px system-ui;max-width:28rem;margin:3rem auto">
        <h1>Create the first admin</h1>
        <form id="f"><label>Email <input name="email" type="email" required></label><br>
        <label>Name <input name="displayName" required></label><br>
        <label>Password <input name="password" type="password" minlength="12" required></label><br>
        <button>Create admin</button></form><p id="r" role="status"></p>
        <script>
        document.getElementById('f').onsubmit = async (e) => {
          e.preventDefault();
          const body = Object.fromEntries(new FormData(e.target)); body.token = location.hash.slice(1);
          const r = await fetch('/api/setup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          document.getElementById('r').textContent = r.ok ? 'Done. Log in at /console.' : (await r.json()).detail;
        };
        </script></main></html>
        """;
}
