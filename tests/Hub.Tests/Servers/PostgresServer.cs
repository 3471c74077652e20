using System.Diagnostics;
using System.Text;
using Npgsql;
using Omnichannel.Hub.Tests.Email;

namespace Omnichannel.Hub.Tests.Servers;

/// <summary>
/// A throw-away PostgreSQL server (Debian package postgresql: initdb and postgres from /usr/lib/postgresql/*/bin) on
/// a free loopback port, with its own data directory, without fsync (the data dies with the test run anyway).
/// One server serves the whole test run (<see cref="SharedAsync"/>); each hub gets its own database.
/// PostgreSQL refuses to run as root: as root (CI) it runs as Debian's postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(async () =>
    {
        var server = new PostgresServer();
        await server.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    });

    private readonly string root = Path.Combine(Path.GetTempPath(), "omnichannel-postgres", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? process;

    /// <summary>The test run's server, started on first use and stopped when the test process exits.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    public int Port { get; } = Ports.Free();

    private string DataDirectory => Path.Combine(root, "data");

    private static bool AsRoot => Environment.UserName == "root";

    public static string BinDirectory =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
        .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
        .Select(d => Path.Combine(d, "bin"))
        .FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")))
        ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres). Install the Debian package: apt-get install -y postgresql");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=40;Connection Idle Lifetime=10";

    public async Task StartAsync()
    {
        var bin = BinDirectory;
        Directory.CreateDirectory(root);
        if (AsRoot)
            await RunAsync("/bin/chown", "-R", "postgres:postgres", root);
        await RunAsync(Path.Combine(bin, "initdb"), "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        process = Process.Start(Info(Path.Combine(bin, "postgres"), "-D", DataDirectory, "-p", Port.ToString(), "-k", root,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=500", "-c", "shared_buffers=64MB"))!;
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        // Immediate shutdown of the postmaster (its pid file is gone once it stopped), should this process die first.
        Ports.StopWithThisProcess(
            $"pid=$(head -n 1 '{DataDirectory}/postmaster.pid' 2>/dev/null) && kill -QUIT \"$pid\" && while kill -0 \"$pid\" 2>/dev/null; do sleep 0.2; done",
            root);
        await Ports.WaitListeningAsync(Port, process, Log, TimeSpan.FromSeconds(60));
        await WaitAcceptingAsync();
    }

    /// <summary>Creates the database unless it exists (a restarted hub finds its data again).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
            }
        }
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(name)));
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task WaitAcceptingAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CannotConnectNow && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private string Log()
    {
        lock (output)
            return output.ToString();
    }

    private static ProcessStartInfo Info(string file, params string[] args)
    {
        var info = new ProcessStartInfo(AsRoot ? "/usr/sbin/runuser" : file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (AsRoot)
            foreach (var arg in new[] { "-u", "postgres", "--", file })
                info.ArgumentList.Add(arg);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var run = Process.Start(file == "/bin/chown" ? Plain(file, args) : Info(file, args))!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"{file} exited with {run.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    private static ProcessStartInfo Plain(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>Immediate shutdown (the data is thrown away), then the folder goes.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            using var stop = Process.Start(Info(Path.Combine(BinDirectory, "pg_ctl"), "stop", "-D", DataDirectory, "-m", "immediate", "-w"))!;
            stop.WaitForExit(30_000);
            if (!process.WaitForExit(10_000))
                Ports.Stop(process);
        }
        process?.Dispose();
        process = null;
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
