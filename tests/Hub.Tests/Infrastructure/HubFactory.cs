using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>
/// The real hub on a real Kestrel port on 127.0.0.1, with its own SQLite file and keys in a temp folder.
/// Extra settings and service overrides (e.g. a FakeTimeProvider) can be given per test class.
/// </summary>
public class HubFactory : WebApplicationFactory<Program>
{
    /// <summary>SQLite file and keys. Two factories given the same directory (one after the other) act as a hub restart.</summary>
    public string DataDirectory { get; init; } = NewDataDirectory();

    /// <summary>Leave <see cref="DataDirectory"/> in place on dispose (for a restart test's next host; it deletes it itself).</summary>
    public bool KeepData { get; init; }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "omnichannel-tests", Guid.NewGuid().ToString("N"));

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>SQLite (default) or PostgreSQL; see <see cref="TestStorage"/>.</summary>
    public Storage.StorageProvider Storage { get; init; } = TestStorage.Provider;

    public Action<IServiceCollection>? OverrideServices { get; set; }

    public TimeProvider? Time { get; set; }

    private Uri? baseAddress;

    /// <summary>The hub's address; starts Kestrel on a free loopback port on first use.</summary>
    public Uri BaseAddress => baseAddress ??= StartKestrel();

    private Uri StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in TestStorage.Settings(DataDirectory, Storage))
            builder.UseSetting(key, value);
        builder.UseSetting("Storage:KeysDirectory", Path.Combine(DataDirectory, "keys"));
        builder.UseSetting("Demo:Enabled", "false");
        // Every test client is 127.0.0.1: the rate-limit tests turn the quotas on for their own hub.
        builder.UseSetting("RateLimits:Enabled", "false");
        // The operator on duty takes many chats at once (an admin would raise an operator's bound like this).
        builder.UseSetting("Capacity:MaxLive", "50");
        builder.UseSetting("Capacity:MaxAsync", "200");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            if (Time is not null)
                services.Replace(ServiceDescriptor.Singleton(Time));
            OverrideServices?.Invoke(services);
        });
    }

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public async Task<Operator> CreateOperatorAsync(string name, string role = Roles.Operator)
    {
        await using var scope = Provider.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<OperatorAccounts>();
        return await accounts.CreateAsync($"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local", name, "correct-horse-battery", role, CancellationToken.None);
    }

    /// <summary>An operator logged in through the API, with an HttpClient carrying the bearer token.</summary>
    public async Task<OperatorSession> LoginAsync(Operator op)
    {
        var http = Http();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email = op.Email, password = "correct-horse-battery" });
        response.EnsureSuccessStatusCode();
        var login = (await response.Content.ReadFromJsonAsync<LoginResponse>(TestJson.Options))!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", login.AccessToken);
        return new OperatorSession(this, op, http, login.AccessToken);
    }

    private Task<OperatorSession>? onDuty;

    /// <summary>
    /// An available operator with room for many chats, connected to the console for the factory's lifetime,
    /// so the widget offers chat (the hub only starts a chat when a human can answer).
    /// </summary>
    public Task<OperatorSession> OperatorOnDutyAsync() => onDuty ??= StartDutyAsync();

    private async Task<OperatorSession> StartDutyAsync()
    {
        var op = await CreateOperatorAsync("Duty");
        var session = await LoginAsync(op);
        (await session.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 50, asyncCapacity = 200 })).EnsureSuccessStatusCode();
        await session.ConnectConsoleAsync();
        (await session.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        return session;
    }

    public async Task<VisitorSession> NewVisitorAsync(string? token = null)
    {
        var response = await Http().PostAsJsonAsync("/api/widget/visitor", new { token });
        response.EnsureSuccessStatusCode();
        var session = (await response.Content.ReadFromJsonAsync<Realtime.VisitorSession>(TestJson.Options))!;
        return new VisitorSession(this, session.VisitorId, session.Token);
    }

    public HubConnection Connection(string path, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = TestJson.Options)
            .BuildPatiently();

    /// <summary>The running hub's services (starts it if needed).</summary>
    public IServiceProvider Provider
    {
        get
        {
            _ = BaseAddress;
            return Services;
        }
    }

    /// <summary>Waits until every domain event written so far is handled and deleted (the outbox is empty). The read is
    /// tagged <see cref="SqlCommandCounter.ProbeTag"/>: a test counting the hub's commands leaves it out.</summary>
    public Task EventsHandledAsync(string what = "every event is handled") => Eventually.TrueAsync(async () =>
    {
        await using var scope = Provider.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<Omnichannel.Hub.Storage.OmnichannelDb>().Set<Omnichannel.Hub.Events.DomainEvent>()
            .TagWith(SqlCommandCounter.ProbeTag).AnyAsync();
    }, what, TimeSpan.FromSeconds(60));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepData)
            return;
        TestStorage.Drop(DataDirectory, Storage);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
