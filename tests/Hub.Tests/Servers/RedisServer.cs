using System.Diagnostics;
using System.Text;
using Omnichannel.Hub.Tests.Email;

namespace Omnichannel.Hub.Tests.Servers;

/// <summary>
/// A throw-away Redis server (Debian package redis-server) on a free loopback port, with its own working directory and
/// no persistence. Each test class that needs Redis starts its own (it starts in milliseconds).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly string root = Path.Combine(Path.GetTempPath(), "omnichannel-redis", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? process;

    public int Port { get; } = Ports.Free();

    /// <summary>For <c>Redis:ConnectionString</c> (StackExchange.Redis configuration string).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"Redis is not installed ({Binary} missing). Install the Debian package: apt-get install -y redis-server");
        Directory.CreateDirectory(root);
        var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", root, "--save", "", "--appendonly", "no", "--daemonize", "no" })
            info.ArgumentList.Add(arg);
        process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Ports.StopWithThisProcess($"redis-cli -p {Port} shutdown nosave >/dev/null 2>&1", root);
        await Ports.WaitListeningAsync(Port, process, () => { lock (output) return output.ToString(); }, TimeSpan.FromSeconds(30));
    }

    public ValueTask DisposeAsync()
    {
        Ports.Stop(process);
        process?.Dispose();
        process = null;
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
