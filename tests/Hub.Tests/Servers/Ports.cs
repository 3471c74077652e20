using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

// In the Email namespace for history: the mail, PostgreSQL and Redis fixtures use it, and tests/Bench links this file.
namespace Omnichannel.Hub.Tests.Email;

/// <summary>Free loopback TCP ports and waiting for a server to listen (bounded, never a fixed sleep).</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A server outlives a test process that is killed before its own stop runs (the runner's hang timeout, Ctrl+C): a
    /// watchdog process waits for this one to end, then runs <paramref name="stop"/> (a shell command that does nothing
    /// when the server is gone already) and removes the server's folder.
    /// </summary>
    public static void StopWithThisProcess(string stop, string folder)
    {
        // setsid --fork: the watchdog leaves this process's tree, so a runner that kills the tree does not take it along.
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "--fork", "/bin/sh", "-c" })
            info.ArgumentList.Add(arg);
        // Its own output goes nowhere: tail ends early when the pipe it writes to is closed (and this process never reads it).
        info.ArgumentList.Add($"exec </dev/null >/dev/null 2>&1; tail --pid={Environment.ProcessId} -f /dev/null; {stop}; rm -rf '{folder}'");
        try
        {
            using var watchdog = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No setsid here: the server is still stopped the ordinary way when the test process ends.
        }
    }

    /// <summary><see cref="StopWithThisProcess"/> for a hub the tests started as a process on <paramref name="port"/>.</summary>
    public static void StopHubWithThisProcess(int port, string folder) =>
        // "dl[l]": the pattern matches the hub's command line (its port), not the watchdog's own.
        StopWithThisProcess($"pkill -f 'Omnichannel.Hub.dl[l] --urls http://127.0.0.1:{port}$'", folder);

    public static async Task WaitListeningAsync(int port, Process process, Func<string> log, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} before listening on {port}:\n{log()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public static void Stop(Process? process)
    {
        if (process is null || process.HasExited)
            return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }
}
