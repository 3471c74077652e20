using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Bench;

/// <summary>Operators and visitors against a running hub process: the same API calls the console and the widget make.</summary>
public static class HubSetup
{
    public const string Password = "bench-password-1";

    /// <summary>
    /// Creates operators straight in the hub's database (the API caps live capacity at 50): auto-accept, so a visitor's
    /// chat is assigned at its first message, and room for every chat of the run.
    /// </summary>
    /// <param name="capacity">Live and async capacity; a small one leaves the rest of the conversations waiting (a backlog).</param>
    public static async Task<List<string>> CreateOperatorsAsync(BenchDb database, int count, int capacity = 1_000_000)
    {
        await using var db = database.Context();
        var hasher = new PasswordHasher<Operator>();
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var op = new Operator
            {
                Email = $"bench-{i}-{Guid.NewGuid():N}@bench.local",
                DisplayName = $"Bench Operator {i}",
                Role = Roles.Operator,
                CreatedAt = DateTime.UtcNow,
                LiveCapacity = capacity,
                AsyncCapacity = capacity,
                AutoAccept = true,
            };
            op.PasswordHash = hasher.HashPassword(op, Password);
            db.Operators.Add(op);
            emails.Add(op.Email);
        }
        await db.SaveChangesAsync();
        return emails;
    }

    public static async Task<string> LoginAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<string> VisitorTokenAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/widget/visitor", new { token = (string?)null });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A SignalR .NET client over WebSockets only (no negotiate round trip), like a browser that has connected before.</summary>
    public static HubConnection Connection(Uri baseAddress, string path, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (token is not null)
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();

    /// <summary>Logs every operator in and connects their console (which makes them available).</summary>
    public static async Task<List<HubConnection>> ConnectOperatorsAsync(ServerProcess hub, BenchDb db, int count, int capacity = 1_000_000)
    {
        using var http = new HttpClient { BaseAddress = hub.BaseAddress };
        var consoles = new List<HubConnection>();
        foreach (var email in await CreateOperatorsAsync(db, count, capacity))
        {
            var console = Connection(hub.BaseAddress, "/hubs/console", await LoginAsync(http, email));
            var presence = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            console.On<JsonElement>("PresenceChanged", _ => presence.TrySetResult());
            await console.StartAsync();
            await presence.Task.WaitAsync(TimeSpan.FromSeconds(30));
            consoles.Add(console);
        }
        return consoles;
    }
}
