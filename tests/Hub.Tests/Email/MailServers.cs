using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Omnichannel.Hub.Tests.Email;

/// <summary>
/// A real Dovecot IMAP server (Debian package dovecot-imapd) on a loopback port with a throw-away config,
/// maildir and one user. Can be stopped and started again on the same port and mail store.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "support";
    public const string Password = "imap-secret";

    private const string Binary = "/usr/sbin/dovecot";
    private const string ImapBinary = "/usr/lib/dovecot/imap";
    private readonly string root = Path.Combine(Path.GetTempPath(), "omnichannel-dovecot", Guid.NewGuid().ToString("N"));
    private Process? process;

    public int Port { get; } = Ports.Free();

    private string ConfigPath => Path.Combine(root, "dovecot.conf");
    private string LogPath => Path.Combine(root, "dovecot.log");

    public static void RequireInstalled()
    {
        if (!File.Exists(Binary) || !File.Exists(ImapBinary))
            throw new InvalidOperationException(
                $"Dovecot is not installed ({Binary} / {ImapBinary} missing). Install the Debian package: apt-get install -y dovecot-imapd");
    }

    public async Task StartAsync()
    {
        RequireInstalled();
        if (!File.Exists(ConfigPath))
            WriteConfig();
        var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-F");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ConfigPath);
        process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Ports.StopWithThisProcess($"{Binary} -c '{ConfigPath}' stop >/dev/null 2>&1", root);
        await Ports.WaitListeningAsync(Port, process, ReadLog, TimeSpan.FromSeconds(30));
    }

    public Task StopAsync()
    {
        Ports.Stop(process);
        process?.Dispose();
        process = null;
        return Task.CompletedTask;
    }

    private string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no dovecot log)";

    private void WriteConfig()
    {
        var run = Path.Combine(root, "run");
        var state = Path.Combine(root, "state");
        var mail = Path.Combine(root, "mail");
        foreach (var dir in new[] { run, state, mail })
            Directory.CreateDirectory(dir);
        // Dovecot refuses to run its login and mail processes as root: as root (CI) they run as Debian's
        // dovenull / dovecot users, otherwise as the current user. The mail folder is writable for either.
        File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);
        var root_ = Environment.UserName == "root";
        var user = root_ ? "dovecot" : Environment.UserName;
        var loginUser = root_ ? "dovenull" : Environment.UserName;
        File.WriteAllText(Path.Combine(root, "passwd"), $"{User}:{{PLAIN}}{Password}::::::\n");
        File.WriteAllText(ConfigPath, $$"""
            base_dir = {{run}}
            state_dir = {{state}}
            instance_name = omnichannel-test-{{Port}}
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            log_path = {{LogPath}}
            mail_location = maildir:{{mail}}/%u
            first_valid_uid = 0
            default_internal_user = {{user}}
            default_internal_group = {{user}}
            default_login_user = {{loginUser}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{Path.Combine(root, "passwd")}}
            }
            userdb {
              driver = static
              args = uid={{user}} gid={{user}} home={{mail}}/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
    }

    public Task AppendAsync(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(FormatOptions.Default, buffer);
        return AppendRawAsync(buffer.ToArray());
    }

    /// <summary>IMAP APPEND of exact bytes (malformed MIME reaches the server untouched).</summary>
    public async Task AppendRawAsync(byte[] raw)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        await ExpectAsync(reader, "* OK");
        await WriteAsync(stream, $"a LOGIN {User} {Password}\r\n");
        await ExpectAsync(reader, "a OK");
        await WriteAsync(stream, $"b APPEND INBOX {{{raw.Length}+}}\r\n");
        await stream.WriteAsync(raw);
        await WriteAsync(stream, "\r\n");
        await ExpectAsync(reader, "b OK");
        await WriteAsync(stream, "c LOGOUT\r\n");
    }

    /// <summary>Delivers a mail straight into the maildir, as an MTA would while the IMAP server is down.</summary>
    public void DeliverToMaildir(byte[] raw)
    {
        var inbox = Path.Combine(root, "mail", User);
        var tmp = Path.Combine(inbox, "tmp", $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.test");
        File.WriteAllBytes(tmp, raw);
        File.SetUnixFileMode(tmp, (UnixFileMode)0b110_110_110);
        File.Move(tmp, Path.Combine(inbox, "new", Path.GetFileName(tmp)));
    }

    private static Task WriteAsync(NetworkStream stream, string line) => stream.WriteAsync(Encoding.ASCII.GetBytes(line)).AsTask();

    private static async Task ExpectAsync(StreamReader reader, string prefix)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
                return;
            if (!line.StartsWith('*') && (line.Contains(" NO ") || line.Contains(" BAD ")))
                throw new InvalidOperationException($"IMAP said: {line}");
        }
        throw new InvalidOperationException("IMAP connection closed");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// A real SMTP server that keeps what it receives: Debian's python3-aiosmtpd with its Mailbox handler
/// writing each mail into a maildir.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string root = Path.Combine(Path.GetTempPath(), "omnichannel-smtp", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? process;

    public int Port { get; } = Ports.Free();

    private string Maildir => Path.Combine(root, "maildir");

    public async Task StartAsync()
    {
        if (!File.Exists(Python) || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
            throw new InvalidOperationException("The SMTP test server is not installed. Install the Debian package: apt-get install -y python3-aiosmtpd");
        Directory.CreateDirectory(root);
        var info = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
            info.ArgumentList.Add(arg);
        process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        // "aiosmtp[d]": the pattern matches the server's command line, not the watchdog's own.
        Ports.StopWithThisProcess($"pkill -f 'aiosmtp[d] -n -l 127.0.0.1:{Port} '", root);
        await Ports.WaitListeningAsync(Port, process, () => { lock (output) return output.ToString(); }, TimeSpan.FromSeconds(30));
    }

    public Task StopAsync()
    {
        Ports.Stop(process);
        process?.Dispose();
        process = null;
        return Task.CompletedTask;
    }

    public List<MimeMessage> Received()
    {
        var dir = Path.Combine(Maildir, "new");
        if (!Directory.Exists(dir))
            return [];
        return [.. Directory.GetFiles(dir).Order().Select(f => MimeMessage.Load(f))];
    }

    /// <summary>Waits (bounded) until a received mail matches.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (Received().FirstOrDefault(match) is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching mail reached the SMTP server; it has {Received().Count}.");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync()
    {
        Ports.Stop(process);
        process?.Dispose();
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
