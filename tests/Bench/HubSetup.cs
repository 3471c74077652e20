using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Bench;

/// <summary>Operators and visitors against a running hub process: the same API calls the console and the widget make.</summary>
public static class HubSetup
{
    public const string Password = "bench-password-1";

    /// <summary>
    /// Creates operators straight in the hub's database (the API caps live capacity at 50): auto-accept, so a visitor's
    /// chat is assigned at its first message, and room for every chat of the run.
    /// </summary>
    public static async Task<List<string>> CreateOperatorsAsync(ServerProcess hub, int count)
    {
        var options = new DbContextOptionsBuilder<OmnichannelDb>().UseSqlite($"Data Source={hub.DatabasePath};Default Timeout=30").Options;
        await using var db = new OmnichannelDb(options);
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
                LiveCapacity = 1_000_000,
                AsyncCapacity = 1_000_000,
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
    public static async Task<List<HubConnection>> ConnectOperatorsAsync(ServerProcess hub, HttpClient http, int count)
    {
        var consoles = new List<HubConnection>();
        foreach (var email in await CreateOperatorsAsync(hub, count))
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
