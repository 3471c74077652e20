using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Omnichannel.Durability.Tests;

/// <summary>The real hub as a child process on 127.0.0.1 (a fixed port and data folder, so a restart is the same hub).</summary>
public sealed class HubProcess : IAsyncDisposable
{
    public const string AuthToken = "durability-twilio-token";
    public const string PublicBase = "https://hub.durability.invalid";
    private readonly Process process;

    private HubProcess(Process process) => this.process = process;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<HubProcess> StartAsync(string data, int port)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Omnichannel.sln")))
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
        var hub = Path.Combine(root, "src", "Hub", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = hub, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(hub, "Omnichannel.Hub.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Storage__ConnectionString"] = $"Data Source={Path.Combine(data, "hub.db")}";
        env["Storage__KeysDirectory"] = Path.Combine(data, "keys");
        env["Demo__Enabled"] = "false";
        env["RateLimits__Enabled"] = "false";
        env["Channels__Twilio__AccountSid"] = "ACdddddddddddddddddddddddddddddddd";
        env["Channels__Twilio__AuthToken"] = AuthToken;
        env["Channels__Twilio__PublicBaseUrl"] = PublicBase;
        env["Channels__Twilio__ApiBaseUrl"] = "http://127.0.0.1:9/";
        env["Channels__WhatsApp__From"] = "+14155238886";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub.");
        Omnichannel.Hub.Tests.Email.Ports.StopHubWithThisProcess(port, data);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hubProcess = new HubProcess(process);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        using var ready = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The hub exited at start ({process.ExitCode}).");
            try
            {
                using var response = await http.GetAsync("/healthz", ready.Token);
                if ((int)response.StatusCode < 500)
                    return hubProcess;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ready.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ready.Token);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, requests in flight cut off.</summary>
    public async Task KillNineAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            await KillNineAsync();
        process.Dispose();
    }
}
