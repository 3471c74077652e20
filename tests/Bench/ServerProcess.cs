using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Omnichannel.Bench;

/// <summary>
/// A server under test in its own process on 127.0.0.1, so its CPU and memory are its own:
/// the real hub (src/Hub's build output) or the minimal relay (this program with --serve-relay).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private int continuation;

    public string Name { get; }
    public Uri BaseAddress { get; }
    public int Pid => process.Id;

    private ServerProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
        Cleanup.Register(this, () => process.Kill(entireProcessTree: true));
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Every line the server writes (stdout and stderr), as it comes.</summary>
    public event Action<string>? Line;

    private void Keep(string? line)
    {
        if (line is null)
            return;
        Line?.Invoke(line);
        if (Environment.GetEnvironmentVariable("BENCH_ECHO") == "1")
            Console.Error.WriteLine(line);
        lock (output)
        {
            continuation = HubLog.Observe(Name, line, continuation);
            output.Add(line);
            if (output.Count > 200)
                output.RemoveAt(0);
        }
    }

    public const string TwilioAccountSid = "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string TwilioAuthToken = "bench-twilio-auth-token";
    public const string TwilioPublicBase = "https://hub.bench.invalid";
    public const string WhatsAppNumber = "+14155238886";

    /// <summary>
    /// The hub on <paramref name="settings"/> (environment variable names: Storage__ConnectionString, …; see
    /// <see cref="HubCluster"/>), WhatsApp on, logging at Warning.
    /// </summary>
    public static async Task<ServerProcess> StartHubAsync(string repoRoot, string name, IReadOnlyDictionary<string, string> settings)
    {
        var hubDirectory = HubBuildDirectory(repoRoot);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = hubDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(hubDirectory, "Omnichannel.Hub.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Demo__Enabled"] = "false";
        // The load comes from one loopback address: the per-IP quotas that protect a real deployment would throttle it.
        env["RateLimits__Enabled"] = "false";
        env["Channels__Twilio__AccountSid"] = TwilioAccountSid;
        env["Channels__Twilio__AuthToken"] = TwilioAuthToken;
        env["Channels__Twilio__PublicBaseUrl"] = TwilioPublicBase;
        // Replies are not sent in the bench; an unroutable API address keeps any stray call on this machine.
        env["Channels__Twilio__ApiBaseUrl"] = "http://127.0.0.1:9/";
        env["Channels__WhatsApp__From"] = WhatsAppNumber;
        // The bench reads the write turn's metrics (WriteTurnShare) with its own scrape token.
        env["Metrics__ScrapeToken"] = ScrapeToken;
        foreach (var (key, value) in HubSettings)
            env[key] = value;
        foreach (var (key, value) in settings)
            env[key] = value;
        // Extra hub settings for an experiment: BENCH_HUB_Logging__LogLevel__Default=Information and the like.
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string key && key.StartsWith("BENCH_HUB_", StringComparison.Ordinal))
                env[key["BENCH_HUB_".Length..]] = e.Value as string;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub.");
        var server = new ServerProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitReadyAsync("/healthz");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>This run's token for the hubs' /metrics (random: nothing outside the run can scrape them).</summary>
    public static string ScrapeToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Extra settings for every hub started (environment variable names, e.g. Storage__Synchronous).</summary>
    public static Dictionary<string, string> HubSettings { get; } = [];

    /// <summary>The relay: this very program in relay mode.</summary>
    /// <param name="serverGc">
    /// True (the default): server GC, what a stock ASP.NET Core app runs with (the Web SDK's default). False: the hub's own
    /// choice (workstation, concurrent), to compare like with like.
    /// </param>
    public static async Task<ServerProcess> StartRelayAsync(bool serverGc = true)
    {
        var port = FreePort();
        var self = Assembly.GetEntryAssembly()!.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(self);
        start.ArgumentList.Add("--serve-relay");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        start.Environment["DOTNET_gcConcurrent"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the relay.");
        var server = new ServerProcess(serverGc ? "relay" : RelayWorkstationGc, process, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitReadyAsync("/healthz");
        return server;
    }

    /// <summary>The relay's name when it runs on the hub's GC settings.</summary>
    public const string RelayWorkstationGc = "relay-wks";

    public static string HubBuildDirectory(string repoRoot)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var directory = Path.Combine(repoRoot, "src", "Hub", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(directory, "Omnichannel.Hub.dll")))
            throw new InvalidOperationException($"The hub is not built at {directory}: run dotnet build -c {configuration} src/Hub (the bench's build does it).");
        return directory;
    }

    private async Task WaitReadyAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The {Name} exited at start ({process.ExitCode}):\n{Output()}");
            try
            {
                using var response = await http.GetAsync(path);
                if ((int)response.StatusCode < 500)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The {Name} did not answer {path} within {StartTimeout.TotalSeconds:0} s:\n{Output()}");
    }

    /// <summary>Generous: on a shared 2-core machine a start (JIT, migrations) can take a while.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    public string Output()
    {
        lock (output)
            return string.Join('\n', output.TakeLast(40));
    }

    public ProcessSample Sample() => ProcessSample.Of(process.Id);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Cleanup.Unregister(this);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }
        process.Dispose();
    }
}
