using Microsoft.AspNetCore.SignalR;

namespace Omnichannel.Bench;

/// <summary>
/// The transport's limit: a SignalR hub that forwards what a "visitor" sends to the "operators" group, nothing else
/// (no auth, no storage). Same shape as the real hub's web chat path: an invocation with an ack, then a push to the
/// operators group over WebSockets with the JSON protocol.
/// </summary>
public sealed class RelayHub : Microsoft.AspNetCore.SignalR.Hub
{
    public const string Operators = "operators";

    public Task JoinOperators() => Groups.AddToGroupAsync(Context.ConnectionId, Operators);

    public async Task<long> Send(RelayMessage message)
    {
        await Clients.Group(Operators).SendAsync("MessageAdded", message);
        return message.Seq;
    }
}

public sealed record RelayMessage(long Seq, string Text);

public static class RelayServer
{
    /// <summary>Runs the relay on 127.0.0.1:port until the process is killed (the bench's child process).</summary>
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024);
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapHub<RelayHub>("/hubs/relay");
        await app.RunAsync();
    }
}
