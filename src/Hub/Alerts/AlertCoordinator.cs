using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Alerts;

/// <summary>An alert still waiting for the operator's acknowledgement.</summary>
public sealed record OpenAlert(long Id, long OperatorId, long ConversationId, long? OfferId, string Kind, AlertMeansKind? Means);

/// <summary>
/// Sends off-screen alerts and walks each one down the operator's means (Web Push, then Telegram) until it is
/// acknowledged: the offer is accepted or declined, the conversation is taken, the operator opens it
/// (POST /api/alerts/{id}/ack) or comes back to the console. Timers run on the injected clock.
/// </summary>
public sealed class AlertCoordinator(IServiceScopeFactory scopes, TimeProvider time, ConsoleVisibility visibility, SharedState.IOpenAlerts shared,
    IOptions<AlertOptions> options, ILogger<AlertCoordinator> logger)
{
    public const string OfferKind = "offer";
    public const string WaitingKind = "waiting";
    /// <summary>A colleague mentioned the operator in an internal note; open until acknowledged.</summary>
    public const string MentionKind = "mention";

    private readonly Dictionary<long, Active> open = [];
    private readonly Lock gate = new();

    private sealed class Active(long id, long operatorId, long conversationId, long? offerId, string kind, string title, string body, List<AlertMeansKind> means)
    {
        public long Id { get; } = id;
        public long OperatorId { get; } = operatorId;
        public long ConversationId { get; } = conversationId;
        public long? OfferId { get; } = offerId;
        public string Kind { get; } = kind;
        public string Title { get; } = title;
        public string Body { get; } = body;
        public List<AlertMeansKind> Means { get; } = means;
        public int Step { get; set; }
        public ITimer? Timer { get; set; }

        public AlertPayload Payload() => new(Id, Kind, ConversationId, OfferId, Title, Body, $"/console?conversation={ConversationId}", $"/api/alerts/{Id}/ack");
    }

    public IReadOnlyList<OpenAlert> Open()
    {
        lock (gate)
            return [.. open.Values.Select(a => new OpenAlert(a.Id, a.OperatorId, a.ConversationId, a.OfferId, a.Kind, a.Step < a.Means.Count ? a.Means[a.Step] : null))];
    }

    /// <summary>Starts an alert with the operator's first means set up (none set up: nothing happens, they did not opt in).</summary>
    public async Task RaiseAsync(long operatorId, long conversationId, long? offerId, string kind, string title, string body, CancellationToken cancellationToken)
    {
        lock (gate)
            if (open.Values.Any(a => a.OperatorId == operatorId && a.ConversationId == conversationId && a.Kind == kind && a.OfferId == offerId))
                return;
        List<AlertMeansKind> means = [];
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            foreach (var m in scope.ServiceProvider.GetServices<IAlertMeans>().OrderBy(m => m.Kind))
                if (await m.IsSetUpAsync(db, operatorId, cancellationToken))
                    means.Add(m.Kind);
        }
        if (means.Count == 0)
            return;
        var id = await shared.OpenAsync(operatorId, cancellationToken);
        Active alert;
        lock (gate)
        {
            alert = new Active(id, operatorId, conversationId, offerId, kind, title, body, means);
            open[alert.Id] = alert;
            if (means.Count > 1)
                alert.Timer = time.CreateTimer(_ => _ = FallBackAsync(alert.Id), null, options.Value.FallbackAfter, Timeout.InfiniteTimeSpan);
        }
        // Delivery goes on in the background: routing does not wait for push services.
        _ = Task.Run(() => DeliverAsync(alert, CancellationToken.None), CancellationToken.None);
    }

    /// <summary>The operator opened the alert (through any node: the node that raised it sees it closed before falling back).</summary>
    public async Task<bool> AcknowledgeAsync(long alertId, long operatorId)
    {
        if (!await shared.AcknowledgeAsync(alertId, operatorId))
            return false;
        lock (gate)
            if (open.TryGetValue(alertId, out var alert))
                Close(alert);
        return true;
    }

    /// <summary>The offer was accepted, withdrawn or expired: its alert is done.</summary>
    public void SettleOffer(long offerId)
    {
        lock (gate)
            foreach (var alert in open.Values.Where(a => a.OfferId == offerId).ToList())
                Close(alert);
    }

    /// <summary>Someone took the conversation (or it closed): nobody needs to be alerted about it any more.</summary>
    public void SettleConversation(long conversationId)
    {
        lock (gate)
            foreach (var alert in open.Values.Where(a => a.ConversationId == conversationId && a.Kind != MentionKind).ToList())
                Close(alert);
    }

    private void Close(Active alert)
    {
        open.Remove(alert.Id);
        alert.Timer?.Dispose();
        _ = shared.CloseAsync(alert.Id);
    }

    private async Task FallBackAsync(long alertId)
    {
        Active? alert;
        lock (gate)
        {
            if (!open.TryGetValue(alertId, out alert))
                return;
            alert.Timer?.Dispose();
            alert.Timer = null;
        }
        try
        {
            if (visibility.IsOnScreen(alert.OperatorId) || !await shared.IsOpenAsync(alert.Id) || !await StillNeededAsync(alert))
            {
                lock (gate)
                    Close(alert);
                return;
            }
            lock (gate)
            {
                alert.Step++;
                if (alert.Step >= alert.Means.Count)
                {
                    Close(alert);
                    return;
                }
                if (alert.Step + 1 < alert.Means.Count)
                    alert.Timer = time.CreateTimer(_ => _ = FallBackAsync(alert.Id), null, options.Value.FallbackAfter, Timeout.InfiniteTimeSpan);
            }
            logger.LogInformation("Alert {AlertId} to operator {OperatorId} not acknowledged: falling back to {Means}", alert.Id, alert.OperatorId, alert.Means[alert.Step]);
            await DeliverAsync(alert, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Alert fallback {AlertId} failed", alertId);
        }
    }

    /// <summary>An offer alert matters while the offer is open; a waiting alert while nobody has the conversation.</summary>
    private async Task<bool> StillNeededAsync(Active alert)
    {
        if (alert.Kind == MentionKind)
            return true;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        if (alert.OfferId is { } offerId)
            return await db.Offers.AnyAsync(o => o.Id == offerId && o.State == OfferState.Pending);
        return await db.Conversations.AnyAsync(c => c.Id == alert.ConversationId && c.State == ConversationState.Waiting && c.AssignedOperatorId == null);
    }

    /// <summary>Sends with the current means; one that cannot deliver (e.g. every subscription gone) hands over to the next at once.</summary>
    private async Task DeliverAsync(Active alert, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                AlertMeansKind means;
                lock (gate)
                {
                    if (!open.ContainsKey(alert.Id) || alert.Step >= alert.Means.Count)
                        return;
                    means = alert.Means[alert.Step];
                }
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetServices<IAlertMeans>().First(m => m.Kind == means);
                if (await sender.SendAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), alert.OperatorId, alert.Payload(), cancellationToken))
                    return;
                lock (gate)
                {
                    if (alert.Means.IndexOf(means) != alert.Step)
                        return;
                    alert.Step++;
                    if (alert.Step >= alert.Means.Count)
                    {
                        Close(alert);
                        return;
                    }
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sending alert {AlertId} failed", alert.Id);
        }
    }
}
