using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>
/// What an open widget socket keeps for its whole life: under the shipped settings no request Activity (hosting makes one
/// for every request while its diagnostics logger is on, at any level) and no log scopes (Kestrel's, SignalR's and the
/// request's, pushed onto an async-local stack nobody prints) — and the widget's hub still lets only visitors in.
/// </summary>
public sealed class WidgetSocketFootprintTests(HubFactory hub) : IClassFixture<HubFactory>
{
    private const string NegotiatePath = "/hubs/visitor/negotiate?negotiateVersion=1";

    [Fact]
    public void ShippedSettings_StartNoRequestActivity_AndPushNoLogScope_WhileWarningsStillPrint()
    {
        _ = hub.BaseAddress; // the class's hub runs on Kestrel, as the other tests here use it
        var loggers = hub.Services.GetRequiredService<ILoggerFactory>();
        var kestrel = loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Connections");
        var before = ExecutionContext.Capture();

        using (kestrel.BeginScope("Connection {ConnectionId}", "0HN-test"))
            Assert.Same(before, ExecutionContext.Capture());
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
        Assert.True(kestrel.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task AConsoleSetToPrintScopes_StillGetsThem()
    {
        await using var printing = new HubFactory { Settings = { ["Logging:Console:FormatterOptions:IncludeScopes"] = "true" } };
        var logger = printing.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Omnichannel.Test");
        var before = ExecutionContext.Capture();

        using (logger.BeginScope("Conversation {ConversationId}", 42))
            Assert.NotSame(before, ExecutionContext.Capture());
    }

    [Fact]
    public async Task TheWidgetHub_LetsInAVisitorToken_NotAnOperatorsOrNone_AtNegotiateOrStraightToTheSocket()
    {
        var visitor = await hub.NewVisitorAsync();
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ivy"));
        var forgedToken = visitor.Token[..^4] + "AAAA";

        var negotiated = await Task.WhenAll(NegotiateAsync(visitor.Token), NegotiateAsync(op.Token), NegotiateAsync(null), NegotiateAsync(forgedToken));
        var upgraded = await Task.WhenAll(
            RawUpgradeAsync(Socket(visitor.Token)), RawUpgradeAsync(Socket(op.Token)), RawUpgradeAsync(Socket(null)), RawUpgradeAsync(Socket(forgedToken)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], negotiated.Select(r => r.StatusCode));
        Assert.StartsWith("HTTP/1.1 101", upgraded[0]);
        Assert.All(upgraded[1..], head => Assert.StartsWith("HTTP/1.1 401", head));
    }

    /// <summary>The socket's URL as a browser opens it after skipping negotiation: the token in the query.</summary>
    private static string Socket(string? token) => token is null ? "/hubs/visitor" : "/hubs/visitor?access_token=" + Uri.EscapeDataString(token);

    [Fact]
    public async Task ARefusedUpgrade_IsABare401_WhileARefusedNegotiateKeepsItsProblemDetails()
    {
        var upgrade = await RawUpgradeAsync("/hubs/visitor?access_token=not-a-token");
        var negotiate = await NegotiateAsync("not-a-token");

        Assert.StartsWith("HTTP/1.1 401", upgrade);
        Assert.DoesNotContain("problem+json", upgrade);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal("application/problem+json", negotiate.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A WebSocket upgrade as a browser sends it, over a plain socket; returns the response's head and whatever body came with it.</summary>
    private async Task<string> RawUpgradeAsync(string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.BaseAddress.Host, hub.BaseAddress.Port);
        var stream = tcp.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {hub.BaseAddress.Authority}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var response = new StringBuilder();
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
            response.AppendLine(line);
        var head = response.ToString();
        var length = Regex.Match(head, @"Content-Length: (\d+)", RegexOptions.IgnoreCase) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;
        if (length == 0)
            return head;
        var body = new char[length];
        await reader.ReadBlockAsync(body);
        return head + new string(body);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(string? bearer)
    {
        using var http = hub.Http();
        var request = new HttpRequestMessage(HttpMethod.Post, NegotiatePath);
        if (bearer is not null)
            request.Headers.Authorization = new("Bearer", bearer);
        return await http.SendAsync(request);
    }
}
