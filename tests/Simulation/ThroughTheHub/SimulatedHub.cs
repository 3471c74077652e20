using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Scheduling;

namespace Omnichannel.Simulation.ThroughTheHub;

/// <summary>
/// The fake clock of a simulated day. It notes when one of the widget state's own recompute timers (hysteresis hold)
/// fires, so the driver can wait for that recompute before its next step instead of racing it.
/// </summary>
public sealed class SimClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int widgetTimersFired;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var owner = callback.Method.DeclaringType;
        if (owner == typeof(WidgetStateService) || owner?.DeclaringType == typeof(WidgetStateService))
            return base.CreateTimer(s =>
            {
                Interlocked.Increment(ref widgetTimersFired);
                callback(s);
            }, state, dueTime, period);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    public bool TakeWidgetTimerFired() => Interlocked.Exchange(ref widgetTimersFired, 0) > 0;
}

/// <summary>
/// The hub's routing sweep (offer timeouts, the 20 s / 25 s ladder: <see cref="RoutingWork"/>), run by the driver at every
/// step of the fake clock instead of by the scheduler's timer. A timer on a fake clock races the driver (the scheduler may
/// read the time, then the clock moves, then it arms its timer too late); the work itself is the hub's own.
/// </summary>
public sealed class DrivenSweep(RoutingWork inner) : IDueWork
{
    public string Name => inner.Name;

    public TimeSpan Interval => TimeSpan.FromDays(1);

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SweepAsync() => inner.RunAsync(CancellationToken.None);
}

/// <summary>
/// The real hub (<c>Program</c>) on a loopback Kestrel port with its own SQLite file, on a <see cref="SimClock"/>.
/// The routing sweep is run by the driver on every clock step (<see cref="DrivenSweep"/>).
/// </summary>
public sealed class SimulatedHub : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>In memory where the machine has it (/dev/shm): a day is thousands of small commits, and their fsyncs are not what is measured.</summary>
    private readonly string directory = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "omnichannel-sim", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings;
    private Uri? baseAddress;

    public SimulatedHub(SimClock clock, Dictionary<string, string?> settings)
    {
        Clock = clock;
        this.settings = settings;
    }

    public SimClock Clock { get; }

    public Uri BaseAddress => baseAddress ??= StartKestrel();

    public DrivenSweep Sweep => Services.GetRequiredService<DrivenSweep>();

    private Uri StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(directory, "hub.db")}");
        builder.UseSetting("Storage:KeysDirectory", Path.Combine(directory, "keys"));
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("RateLimits:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // A refused visitor is the gate working, not a fault.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.SignalR", "None");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            var sweep = services.Single(d => d.ServiceType == typeof(IDueWork) && d.ImplementationType == typeof(RoutingWork));
            services.Remove(sweep);
            services.AddSingleton(sp => new DrivenSweep(ActivatorUtilities.CreateInstance<RoutingWork>(sp)));
            services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<DrivenSweep>());
        });
    }

    public HttpClient Http(string? bearer = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
            http.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return http;
    }

    public HubConnection Connection(string path, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, path), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                // WebSockets straight away, as the widget and console do: one round trip less per visitor.
                o.SkipNegotiation = true;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Json)
            .Build();

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
