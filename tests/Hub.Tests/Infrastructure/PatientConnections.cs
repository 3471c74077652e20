using Microsoft.AspNetCore.SignalR.Client;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>
/// SignalR test clients that wait for a busy machine: the client's defaults (15 s handshake, 30 s without a keep-alive)
/// are real-clock deadlines a loaded 2-core CI runner can miss. A hub that really goes away closes the socket, which
/// the client sees at once, so nothing waits longer for that.
/// </summary>
public static class PatientConnections
{
    public static HubConnection BuildPatiently(this IHubConnectionBuilder builder)
    {
        var connection = builder.WithServerTimeout(TimeSpan.FromMinutes(2)).Build();
        connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
        return connection;
    }
}
