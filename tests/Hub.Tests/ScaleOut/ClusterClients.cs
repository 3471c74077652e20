using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>What the widget and the console do, against hub processes by address (WebSockets only, like a sticky-less balancer allows).</summary>
public static class ClusterClients
{
    public const string Password = "cluster-password-1";

    public static PostgreSqlDb Database(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlDb>().UseNpgsql(connectionString).Options);

    /// <summary>Operators straight in the shared database (no admin API needed), offers answered by hand.</summary>
    public static async Task<List<Operator>> CreateOperatorsAsync(string connectionString, int count, int capacity = 200)
    {
        await using var db = Database(connectionString);
        var hasher = new PasswordHasher<Operator>();
        var operators = Enumerable.Range(0, count).Select(i => new Operator
        {
            Email = $"cluster-{i}-{Guid.NewGuid():N}@test.local",
            DisplayName = $"Operator {i}",
            Role = Roles.Operator,
            CreatedAt = DateTime.UtcNow,
            LiveCapacity = capacity,
            AsyncCapacity = capacity,
        }).ToList();
        foreach (var op in operators)
            op.PasswordHash = hasher.HashPassword(op, Password);
        db.Operators.AddRange(operators);
        await db.SaveChangesAsync();
        return operators;
    }

    public static HubConnection Connection(Uri hub, string path, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(hub, path), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = TestJson.Options)
            .BuildPatiently();

    /// <summary>An operator's console on <paramref name="hub"/> that accepts every offer made to them.</summary>
    public static async Task<HubConnection> AcceptingConsoleAsync(Uri hub, Operator op)
    {
        var http = new HttpClient { BaseAddress = hub };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = op.Email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LoginResponse>(TestJson.Options))!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var console = Connection(hub, "/hubs/console", token);
        console.On<OfferDto>("OfferMade", offer =>
        {
            if (offer.OperatorId == op.Id)
                _ = http.PostAsync($"/api/offers/{offer.Id}/accept", null);
        });
        await console.StartAsync();
        (await http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        return console;
    }

    public static async Task<string> VisitorTokenAsync(Uri hub, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = hub };
        var response = await http.PostAsJsonAsync("/api/widget/visitor", new { token });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Realtime.VisitorSession>(TestJson.Options))!.Token;
    }
}
