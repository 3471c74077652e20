using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Tests.Infrastructure;

public sealed record OperatorSession(HubFactory Hub, Operator Operator, HttpClient Http, string Token)
{
    /// <summary>A console connection recording everything pushed to it.</summary>
    public async Task<ConsoleListener> ConnectConsoleAsync()
    {
        var connection = Hub.Connection("/hubs/console", Token);
        var listener = new ConsoleListener(connection);
        await connection.StartAsync();
        // The hub's first push says the connection is fully set up (groups joined, presence known).
        await listener.Presence.WaitAsync(_ => true);
        return listener;
    }

    public async Task<MessageDto> ReplyAsync(long conversationId, string text, string? clientMessageId = null)
    {
        var response = await Http.PostAsJsonAsync($"/api/conversations/{conversationId}/reply", new { text, clientMessageId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MessageDto>(TestJson.Options))!;
    }

    public async Task<List<MessageDto>> MessagesAsync(long conversationId) =>
        (await Http.GetFromJsonAsync<List<MessageDto>>($"/api/conversations/{conversationId}/messages", TestJson.Options))!;
}

public sealed record VisitorSession(HubFactory Hub, string VisitorId, string Token)
{
    public async Task<VisitorListener> ConnectAsync()
    {
        var connection = Hub.Connection("/hubs/visitor", Token);
        var listener = new VisitorListener(connection);
        await connection.StartAsync();
        return listener;
    }
}
