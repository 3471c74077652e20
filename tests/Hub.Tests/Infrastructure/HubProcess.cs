using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>
/// The real hub as its own process (<c>dotnet Omnichannel.Hub.dll</c> from src/Hub's build output) on a free loopback
/// port, with settings as environment variables (<c>Storage__Provider</c>; a <c>:</c> in a key is turned into <c>__</c>) —
/// for tests that kill it, and for cluster nodes. The caller owns the data directory.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    public Uri BaseAddress { get; }

    private HubProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<HubProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var hub = HubBuildDirectory();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = hub, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(hub, "Omnichannel.Hub.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "hub.db")}";
        start.Environment["Storage__KeysDirectory"] = Path.Combine(dataDirectory, "keys");
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        var started = new HubProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub."), new Uri($"http://127.0.0.1:{port}/"));
        Email.Ports.StopHubWithThisProcess(port, dataDirectory);
        await started.WaitReadyAsync();
        return started;
    }

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public async Task<(HttpClient Http, string Token)> LoginAsync(string email, string password)
    {
        var http = Http();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var login = (await response.Content.ReadFromJsonAsync<LoginResponse>(TestJson.Options))!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", login.AccessToken);
        return (http, login.AccessToken);
    }

    public async Task<ConsoleListener> ConnectConsoleAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/console"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = TestJson.Options)
            .BuildPatiently();
        var listener = new ConsoleListener(connection);
        await connection.StartAsync();
        await listener.Presence.WaitAsync(_ => true);
        return listener;
    }

    /// <summary>SIGKILL: no shutdown, no disconnect handlers, nothing flushed.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>Waits until the process is gone (it killed itself, or was killed).</summary>
    public async Task<bool> ExitedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public string Output()
    {
        lock (output)
            return string.Join('\n', output.TakeLast(60));
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (output)
        {
            output.Add(line);
            if (output.Count > 400)
                output.RemoveAt(0);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(240)); // a ceiling: a busy 2-core machine may take minutes to start a hub
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await tick.WaitForNextTickAsync(deadline.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The hub exited at start ({process.ExitCode}):\n{Output()}");
            try
            {
                using var response = await http.GetAsync("/healthz");
                if ((int)response.StatusCode < 500)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
        }
        throw new TimeoutException($"The hub did not answer /healthz:\n{Output()}");
    }

    /// <summary>src/Hub's build output (built with this test project, which references it).</summary>
    private static string HubBuildDirectory()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Omnichannel.sln")))
            root = root.Parent;
        var directory = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Repository root not found."), "src", "Hub", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(directory, "Omnichannel.Hub.dll")) ? directory : throw new InvalidOperationException($"The hub is not built at {directory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }
        process.Dispose();
    }
}
