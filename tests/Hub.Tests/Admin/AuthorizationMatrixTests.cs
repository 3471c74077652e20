using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>
/// Every endpoint in the OpenAPI document × every role: anonymous callers get 401, a role below the endpoint's
/// policy gets 403, and a role at or above it gets through (whatever the endpoint then says about the input).
/// </summary>
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
{
    private static readonly string[] Ranked = ["anonymous", Roles.Operator, Roles.Supervisor, Roles.Admin];

    /// <summary>Endpoints meant for visitors, providers and the login form.</summary>
    private static readonly string[] AnonymousPrefixes = ["/api/widget", "/api/auth/login", "/api/setup", "/api/push/vapid-public-key", "/webhooks", "/healthz", "/metrics"];

    private readonly HubFactory hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task EveryEndpoint_AnswersOnlyTheRolesItIsFor()
    {
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = hub.Http() };
        foreach (var role in Ranked[1..].Append(Roles.Analyst))
            clients[role] = (await hub.LoginAsync(await hub.CreateOperatorAsync($"Matrix {role}", role))).Http;
        var endpoints = Protected();
        var failures = new List<string>();
        var checkedByRole = new Dictionary<string, int>();

        foreach (var (method, path) in await DocumentedAsync())
        {
            if (AnonymousPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
                continue;
            if (!endpoints.TryGetValue((method, path), out var required))
            {
                failures.Add($"{method} {path} is documented but requires no operator policy");
                continue;
            }
            checkedByRole[required] = checkedByRole.GetValueOrDefault(required) + 1;
            // The reports policy ranks as supervisor; the read-only analyst gets through it and the account policy (their own
            // session: /api/auth/me, logout), and nowhere else. The account policy lets every signed-in role through.
            var rank = Array.IndexOf(Ranked, required == Policies.Reports ? Roles.Supervisor : required);
            foreach (var role in Ranked.Append(Roles.Analyst))
            {
                var status = await CallAsync(clients[role], method, path);
                var expected = role == "anonymous" ? HttpStatusCode.Unauthorized
                    : role == Roles.Analyst ? (required is Policies.Reports or Policies.Account ? null : HttpStatusCode.Forbidden)
                    : Array.IndexOf(Ranked, role) < rank ? HttpStatusCode.Forbidden
                    : (HttpStatusCode?)null;
                if (expected is { } e && status != e)
                    failures.Add($"{method} {path} as {role}: {(int)status}, expected {(int)e}");
                if (expected is null && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{method} {path} as {role}: {(int)status}, expected to get through");
            }
        }

        Assert.Empty(failures);
        // The matrix covered the admin and supervisor surface this issue added, not only what happened to be there.
        Assert.True(checkedByRole.GetValueOrDefault(Roles.Admin) >= 15, $"admin endpoints checked: {checkedByRole.GetValueOrDefault(Roles.Admin)}");
        Assert.True(checkedByRole.GetValueOrDefault(Policies.Reports) >= 10, $"reports endpoints checked: {checkedByRole.GetValueOrDefault(Policies.Reports)}");
        Assert.True(checkedByRole.GetValueOrDefault(Roles.Supervisor) >= 8, $"supervisor endpoints checked: {checkedByRole.GetValueOrDefault(Roles.Supervisor)}");
        Assert.Equal(Roles.Admin, endpoints[("PUT", "/api/settings/sla")]);
        Assert.Equal(Roles.Supervisor, endpoints[("POST", "/api/conversations/{id}/takeover")]);
    }

    /// <summary>Console hub methods an operator may call; anything new must carry a supervisor or admin policy.</summary>
    [Fact]
    public void ConsoleHubMethods_OpenToOperators_AreOnlyTheKnownOnes()
    {
        var open = typeof(ConsoleHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(ConsoleHub.OnConnectedAsync) or nameof(ConsoleHub.OnDisconnectedAsync)))
            .Where(m => m.GetCustomAttributes<AuthorizeAttribute>().All(a => a.Policy is null or Policies.Operator))
            .Select(m => m.Name).Order().ToList();

        Assert.Equal([nameof(ConsoleHub.SetVisibility)], open);
    }

    private async Task<List<(string Method, string Path)>> DocumentedAsync()
    {
        using var doc = JsonDocument.Parse(await hub.Http().GetStringAsync("/openapi/v1.json"));
        return [.. doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch")
                .Select(m => (m.Name.ToUpperInvariant(), p.Name.Length > 1 ? p.Name.TrimEnd('/') : p.Name)))];
    }

    /// <summary>(method, path as OpenAPI writes it) → the highest role any of its policies demands.</summary>
    private Dictionary<(string, string), string> Protected()
    {
        var result = new Dictionary<(string, string), string>();
        foreach (var endpoint in hub.Provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            if (policies.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
                continue;
            var required = policies.Any(Ranked.Contains) ? Ranked.Last(r => policies.Contains(r)) : policies.Contains(Policies.Reports) ? Policies.Reports : policies[0];
            var path = "/" + Constraint().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "{$1}").TrimEnd('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                result[(method, path)] = required;
        }
        return result;
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string method, string path)
    {
        var url = Parameter().Replace(path, "999999");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Parameter();
}
