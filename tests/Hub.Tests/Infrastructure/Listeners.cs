using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>Collects pushes of one kind and lets a test wait for the first that matches (with a generous timeout, never a sleep).</summary>
public sealed class Inbox<T>
{
    private readonly Channel<T> channel = Channel.CreateUnbounded<T>();
    public List<T> Seen { get; } = [];

    public void Add(T item) => channel.Writer.TryWrite(item);

    /// <summary>Everything pushed so far, in order (call it after a later push on the same connection has arrived).</summary>
    public List<T> SoFar()
    {
        while (channel.Reader.TryRead(out var item))
            Seen.Add(item);
        return Seen;
    }

    public async Task<T> WaitAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        foreach (var earlier in Seen)
            if (match(earlier))
                return earlier;
        while (true)
        {
            var item = await channel.Reader.ReadAsync(cts.Token);
            Seen.Add(item);
            if (match(item))
                return item;
        }
    }
}

public sealed class ConsoleListener : IAsyncDisposable
{
    public HubConnection Connection { get; }
    public Inbox<MessageDto> Messages { get; } = new();
    public Inbox<ConversationDto> Conversations { get; } = new();
    public Inbox<MessageStatusDto> Statuses { get; } = new();
    /// <summary>Messages changed in place (customer edits, reactions).</summary>
    public Inbox<MessageDto> Updated { get; } = new();
    public Inbox<OfferDto> Offers { get; } = new();
    public Inbox<OfferDto> Withdrawn { get; } = new();
    public Inbox<SupervisorAlertDto> Alerts { get; } = new();
    public Inbox<Operators.OperatorDto> Presence { get; } = new();
    public Inbox<Omnichannel.Hub.Sla.SlaAlertDto> AtRisk { get; } = new();
    public Inbox<Omnichannel.Hub.Sla.BreachDto> Breaches { get; } = new();
    /// <summary>A count of "board changed" nudges (supervisors only).</summary>
    public Inbox<int> BoardChanges { get; } = new();
    public Inbox<Omnichannel.Hub.Supervision.WhisperDto> Whispers { get; } = new();
    private int boardChanges;

    public ConsoleListener(HubConnection connection)
    {
        connection.On<Omnichannel.Hub.Sla.SlaAlertDto>("SlaAtRisk", AtRisk.Add);
        connection.On<Omnichannel.Hub.Sla.BreachDto>("SlaBreached", Breaches.Add);
        connection.On("BoardChanged", () => BoardChanges.Add(Interlocked.Increment(ref boardChanges)));
        connection.On<Omnichannel.Hub.Supervision.WhisperDto>("Whisper", Whispers.Add);
        Connection = connection;
        connection.On<OfferDto>("OfferMade", Offers.Add);
        connection.On<OfferDto>("OfferWithdrawn", Withdrawn.Add);
        connection.On<SupervisorAlertDto>("SupervisorAlert", Alerts.Add);
        connection.On<Operators.OperatorDto>("PresenceChanged", Presence.Add);
        connection.On<MessageDto>("MessageAdded", Messages.Add);
        connection.On<ConversationDto>("ConversationChanged", Conversations.Add);
        connection.On<MessageStatusDto>("MessageStatusChanged", Statuses.Add);
        connection.On<MessageDto>("MessageUpdated", Updated.Add);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

public sealed class VisitorListener : IAsyncDisposable
{
    public HubConnection Connection { get; }
    public Inbox<VisitorMessageDto> Messages { get; } = new();
    public Inbox<long> Closed { get; } = new();
    public Inbox<WidgetState> States { get; } = new();

    public VisitorListener(HubConnection connection)
    {
        Connection = connection;
        connection.On<WidgetState>("WidgetStateChanged", States.Add);
        connection.On<VisitorMessageDto>("MessageAdded", Messages.Add);
        connection.On<long>("ConversationClosed", Closed.Add);
    }

    public Task<VisitorAck> SendAsync(string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<VisitorAck>("Send", new VisitorSend(clientMessageId ?? Guid.NewGuid().ToString(), text));

    public Task<VisitorHistory> HistoryAsync(long? conversationId, long after = 0) =>
        Connection.InvokeAsync<VisitorHistory>("History", conversationId, after);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
