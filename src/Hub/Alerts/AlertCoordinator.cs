using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Scheduling;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Alerts;

/// <summary>An alert still waiting for the operator's acknowledgement.</summary>
public sealed record OpenAlert(long Id, long OperatorId, long ConversationId, long? OfferId, string Kind, AlertMeansKind? Means);

/// <summary>
/// Sends off-screen alerts and walks each one down the operator's means (Web Push, then Telegram) until it is
/// acknowledged: the offer is accepted or declined, the conversation is taken, the operator opens it
/// (POST /api/alerts/{id}/ack) or comes back to the console. Alerts are rows (<see cref="OperatorAlert"/>); every
/// move down the means is a conditional update on the step, so any hub may acknowledge, settle or fall back, and
/// each step happens once. Fallbacks are due work (<see cref="AlertFallbackWork"/>), on the injected clock.
/// </summary>
public sealed class AlertCoordinator(IServiceScopeFactory scopes, TimeProvider time, ConsoleVisibility visibility, Scheduler scheduler,
    IOptions<AlertOptions> options, ILogger<AlertCoordinator> logger)
{
    public const string OfferKind = "offer";
    public const string WaitingKind = "waiting";
    /// <summary>A colleague mentioned the operator in an internal note; open until acknowledged.</summary>
    public const string MentionKind = "mention";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private TimeSpan After => options.Value.FallbackAfter;

    private async Task<T> InDbAsync<T>(Func<OmnichannelDb, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }

    /// <summary>The alerts still open, on every hub.</summary>
    public IReadOnlyList<OpenAlert> Open()
    {
        using var scope = scopes.CreateScope();
        var open = scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Set<OperatorAlert>().AsNoTracking().Where(a => a.ClosedAt == null).OrderBy(a => a.Id).ToList();
        return [.. open.Select(a => new OpenAlert(a.Id, a.OperatorId, a.ConversationId, a.OfferId, a.Kind, a.MeansList() is var m && a.Step < m.Count ? m[a.Step] : null))];
    }

    /// <summary>Starts an alert with the operator's first means set up (none set up: nothing happens, they did not opt in).</summary>
    public async Task RaiseAsync(long operatorId, long conversationId, long? offerId, string kind, string title, string body, CancellationToken cancellationToken)
    {
        OperatorAlert? alert;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            if (await db.Set<OperatorAlert>().AnyAsync(a => a.ClosedAt == null && a.OperatorId == operatorId && a.ConversationId == conversationId && a.Kind == kind && a.OfferId == offerId, cancellationToken))
                return;
            List<AlertMeansKind> means = [];
            foreach (var m in scope.ServiceProvider.GetServices<IAlertMeans>().OrderBy(m => m.Kind))
                if (await m.IsSetUpAsync(db, operatorId, cancellationToken))
                    means.Add(m.Kind);
            if (means.Count == 0)
                return;
            alert = new OperatorAlert
            {
                OperatorId = operatorId, ConversationId = conversationId, OfferId = offerId, Kind = kind, Title = Trim(title, 512), Body = Trim(body, 1024),
                Means = string.Join(',', means), RaisedAt = Now, FallbackAt = AlertLadder.FallbackAt(0, means.Count, Now, After),
            };
            db.Add(alert);
            await db.SaveChangesAsync(cancellationToken);
        }
        Wake(alert.FallbackAt);
        // Delivery goes on in the background: routing does not wait for push services.
        _ = Task.Run(() => DeliverAsync(alert, 0, CancellationToken.None), CancellationToken.None);
    }

    /// <summary>The operator opened the alert (through any hub).</summary>
    public Task<bool> AcknowledgeAsync(long alertId, long operatorId) =>
        CloseWhereAsync(a => a.Id == alertId && a.OperatorId == operatorId);

    /// <summary>The offer was accepted, withdrawn or expired: its alert is done.</summary>
    public Task SettleOfferAsync(long offerId) => CloseWhereAsync(a => a.OfferId == offerId);

    /// <summary>Someone took the conversation (or it closed): nobody needs to be alerted about it any more.</summary>
    /// <remarks>Runs for every assignment and close: the check whether any alert is open about it is a compiled query.</remarks>
    public Task SettleConversationAsync(long conversationId) => InDbAsync(async db =>
        await OpenAbout.For(db)(db, conversationId, CancellationToken.None)
        && await CloseAsync(db, a => a.ConversationId == conversationId && a.Kind != MentionKind));

    private static readonly PerModel<Func<OmnichannelDb, long, CancellationToken, Task<bool>>> OpenAbout = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, long conversationId, CancellationToken _) =>
            db.Set<OperatorAlert>().Any(a => a.ConversationId == conversationId && a.Kind != MentionKind && a.ClosedAt == null)));

    // Most changes have no alert open: a read (no write lock on SQLite) spares them the update.
    private Task<bool> CloseWhereAsync(System.Linq.Expressions.Expression<Func<OperatorAlert, bool>> which) => InDbAsync(async db =>
        await db.Set<OperatorAlert>().Where(which).AnyAsync(a => a.ClosedAt == null) && await CloseAsync(db, which));

    private async Task<bool> CloseAsync(OmnichannelDb db, System.Linq.Expressions.Expression<Func<OperatorAlert, bool>> which)
    {
        var now = Now;
        return await db.Set<OperatorAlert>().Where(which).Where(a => a.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClosedAt, now).SetProperty(a => a.FallbackAt, (DateTime?)null)) > 0;
    }

    /// <summary>Fallbacks due now, on whichever hub runs this first: each is claimed by moving its step, so it happens once.</summary>
    public async Task FallBackDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var due = await InDbAsync(db => db.Set<OperatorAlert>().AsNoTracking()
            .Where(a => a.ClosedAt == null && a.FallbackAt != null && a.FallbackAt <= now).OrderBy(a => a.FallbackAt).Take(100).ToListAsync(cancellationToken));
        foreach (var alert in due)
        {
            try
            {
                var move = AlertLadder.AtFallback(alert.Step, alert.MeansList().Count, await StillNeededAsync(alert, cancellationToken), visibility.IsOnScreen(alert.OperatorId), now, After);
                if (!await MoveAsync(alert, move) || move.Close)
                    continue;
                logger.LogInformation("Alert {AlertId} to operator {OperatorId} not acknowledged: falling back to {Means}", alert.Id, alert.OperatorId, alert.MeansList()[move.Step]);
                await DeliverAsync(alert, move.Step, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Alert fallback {AlertId} failed", alert.Id);
            }
        }
        var next = await InDbAsync(db => db.Set<OperatorAlert>().Where(a => a.ClosedAt == null && a.FallbackAt != null).MinAsync(a => a.FallbackAt, cancellationToken));
        Wake(next);
    }

    /// <summary>Moves the alert from the step it was read at; false when another hub (or an acknowledgement) moved it first.</summary>
    private Task<bool> MoveAsync(OperatorAlert alert, AlertMove move) => InDbAsync(async db =>
    {
        var closedAt = move.Close ? Now : (DateTime?)null;
        var moved = await db.Set<OperatorAlert>().Where(a => a.Id == alert.Id && a.Step == alert.Step && a.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Step, move.Step).SetProperty(a => a.FallbackAt, move.FallbackAt).SetProperty(a => a.ClosedAt, closedAt)) == 1;
        if (moved)
        {
            alert.Step = move.Step;
            Wake(move.FallbackAt);
        }
        return moved;
    });

    private void Wake(DateTime? at)
    {
        if (at is { } due)
            scheduler.WakeAt(AlertFallbackWork.WorkName, due);
    }

    /// <summary>An offer alert matters while the offer is open; a waiting alert while nobody has the conversation.</summary>
    private Task<bool> StillNeededAsync(OperatorAlert alert, CancellationToken cancellationToken) => alert.Kind == MentionKind ? Task.FromResult(true) : InDbAsync(async db =>
        alert.OfferId is { } offerId
            ? await db.Offers.AnyAsync(o => o.Id == offerId && o.State == OfferState.Pending, cancellationToken)
            : await db.Conversations.AnyAsync(c => c.Id == alert.ConversationId && c.State == ConversationState.Waiting && c.AssignedOperatorId == null, cancellationToken));

    /// <summary>Sends with the means at <paramref name="step"/>; one that cannot deliver (e.g. every subscription gone) hands over to the next at once.</summary>
    private async Task DeliverAsync(OperatorAlert alert, int step, CancellationToken cancellationToken)
    {
        try
        {
            var means = alert.MeansList();
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
                if (!await db.Set<OperatorAlert>().AnyAsync(a => a.Id == alert.Id && a.Step == step && a.ClosedAt == null, cancellationToken))
                    return;
                var sender = scope.ServiceProvider.GetServices<IAlertMeans>().First(m => m.Kind == means[step]);
                if (await sender.SendAsync(db, alert.OperatorId, alert.Payload(), cancellationToken))
                    return;
                alert.Step = step;
                var move = AlertLadder.AfterUndeliverable(step, means.Count, Now, After);
                if (!await MoveAsync(alert, move) || move.Close)
                    return;
                step = move.Step;
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sending alert {AlertId} failed", alert.Id);
        }
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
