using System.Diagnostics;
using System.Text;
using Omnichannel.Hub.Tests.Email;

namespace Omnichannel.Hub.Tests.Servers;

/// <summary>
/// A cluster node: the real hub in a process of its own (src/Hub's build output) on a free loopback port, so a test can kill -9 it.
/// Settings are passed as environment variables (Storage__Provider=…).
/// </summary>
public sealed class HubNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public string Name { get; }
    public Uri BaseAddress { get; }

    private HubNode(string name, Process process, Uri baseAddress)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        lock (output)
            output.AppendLine(line);
    }

    public string Log()
    {
        lock (output)
            return output.ToString();
    }

    public static async Task<HubNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var directory = BuildDirectory();
        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(directory, "Omnichannel.Hub.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["RateLimits__Enabled"] = "false"; // many visitors from one loopback address, as HubFactory does
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        var hub = new HubNode(name, Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        await hub.WaitHealthyAsync();
        return hub;
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(240); // a ceiling: a busy 2-core machine may take minutes to start a hub
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Hub {Name} exited with {process.ExitCode}:\n{Log()}");
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Hub {Name} did not become healthy:\n{Log()}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no disconnect handlers, nothing flushed.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    private static string BuildDirectory()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Omnichannel.sln")))
            root = root.Parent;
        var directory = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Omnichannel.sln not found above the test binaries."), "src", "Hub", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(directory, "Omnichannel.Hub.dll")))
            throw new InvalidOperationException($"The hub is not built at {directory}.");
        return directory;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
