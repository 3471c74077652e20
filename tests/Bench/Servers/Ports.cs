using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

// The namespace of tests/Hub.Tests' port helpers, so the PostgreSQL and Redis fixtures linked from there compile
// unchanged here (their helper file also holds the mail servers, which the bench does not need).
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
