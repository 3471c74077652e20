using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Simulation.ThroughTheHub;

public sealed partial class HubDay
{
    /// <summary>Poisson arrivals, constant rate within each clock hour; each visitor's handle time and patience drawn up front.</summary>
    private void ScheduleArrivals()
    {
        for (var h = 0; h < 24; h++)
        {
            var rate = scenario.ArrivalsPerHour[h] / 3600;
            if (rate <= 0)
                continue;
            var t = h * 3600.0;
            while ((t += Exponential(1 / rate)) < (h + 1) * 3600)
            {
                var visitor = new SimVisitor(visitors.Count, Ms(t), HandleTime(), scenario.Routing.Promise(Adapters.Abstractions.ChannelKind.WebChat).TotalSeconds + Exponential(scenario.PatienceSeconds));
                visitors.Add(visitor);
                At(visitor.ArrivedMs, () => ArriveAsync(visitor));
            }
        }
    }

    /// <summary>The widget's path: a visitor session, the visitor hub, and Send — which the hub refuses when chat is not offered.</summary>
    private async Task ArriveAsync(SimVisitor visitor)
    {
        var session = await SimulatedHub.ReadAsync<VisitorSession>(await anonymous.PostAsJsonAsync("/api/widget/visitor", new { token = (string?)null }));
        var widget = hub.Connection("/hubs/visitor", session.Token);
        await widget.StartAsync();
        try
        {
            var ack = await widget.InvokeAsync<VisitorAck>("Send", new VisitorSend($"v{visitor.Index}", "Hello, is my order on its way?"));
            visitor.Offered = true;
            visitor.ConversationId = ack.ConversationId;
            visitor.Widget = widget;
            byConversation[ack.ConversationId] = visitor;
            var promise = scenario.Routing.Promise(Adapters.Abstractions.ChannelKind.WebChat);
            // The ladder's steps come due at these times; the clock stops there so the hub's sweep takes them.
            At(visitor.ArrivedMs + Ms(scenario.Routing.BroadcastAfter.TotalSeconds), () => Task.CompletedTask);
            At(visitor.ArrivedMs + Ms(scenario.Routing.SupervisorAlertAfter.TotalSeconds), () => Task.CompletedTask);
            At(visitor.ArrivedMs + Ms(promise.TotalSeconds), () => Task.CompletedTask);
            At(visitor.ArrivedMs + Ms(visitor.PatienceSeconds), () => LeaveIfUnansweredAsync(visitor));
        }
        catch (HubException)
        {
            await widget.DisposeAsync();
        }
    }

    /// <summary>A visitor who was not answered by their patience closes the tab: the chat stays in the queue (the hub cannot know).</summary>
    private async Task LeaveIfUnansweredAsync(SimVisitor visitor)
    {
        if (visitor.AnsweredMs is not null || visitor.Widget is null)
            return;
        visitor.Left = true;
        await visitor.Widget.DisposeAsync();
        visitor.Widget = null;
    }

    /// <summary>Offers the hub made since the last step: each operator looks at theirs (or not) as the scenario says.</summary>
    private async Task ObserveOffersAsync()
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var fresh = await db.Offers.AsNoTracking().Where(o => o.Id > lastOfferId).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.OperatorId, o.ConversationId, o.ExpiresAt, o.State }).ToListAsync();
        foreach (var offer in fresh)
        {
            lastOfferId = offer.Id;
            if (offer.State != OfferState.Pending || !seenOffers.Add(offer.Id))
                continue;
            var op = operators.Single(o => o.Id == offer.OperatorId);
            // Each offer's answer is drawn from its own generator, so one operator's choices do not shift everyone else's.
            var draw = new Random(seed * 7_919 + (int)offer.Id);
            var expiresMs = Ms((new DateTimeOffset(offer.ExpiresAt, TimeSpan.Zero) - Midnight).TotalSeconds);
            At(expiresMs, () => Task.CompletedTask);
            var roll = draw.NextDouble();
            if (roll < scenario.MissProbability)
            {
                missedOffers++;
                continue;
            }
            var delay = LogNormal(draw, scenario.AcceptMeanSeconds, 0.6);
            var decline = roll < scenario.MissProbability + scenario.DeclineProbability;
            At(nowMs + Ms(delay), () => AnswerAsync(op, offer.Id, offer.ConversationId, decline));
        }
    }

    private async Task AnswerAsync(SimOperator op, long offerId, long conversationId, bool decline)
    {
        if (decline)
        {
            if ((await op.Http.PostAsync($"/api/offers/{offerId}/decline", null)).IsSuccessStatusCode)
                declinedOffers++;
            return;
        }
        var accepted = await op.Http.PostAsync($"/api/offers/{offerId}/accept", null);
        if (!accepted.IsSuccessStatusCode)
        {
            // Expired, withdrawn, or taken by someone else: the console drops it.
            if (accepted.StatusCode != System.Net.HttpStatusCode.Conflict)
                accepted.EnsureSuccessStatusCode();
            return;
        }
        var visitor = byConversation[conversationId];
        visitor.AnsweredMs = nowMs;
        (await op.Http.PostAsJsonAsync($"/api/conversations/{conversationId}/reply", new { text = "Hi, I'm looking at your order now." })).EnsureSuccessStatusCode();
        // A visitor who already left gets a short look and a close.
        var handle = visitor.Left ? 15 : visitor.HandleSeconds;
        At(nowMs + Ms(handle), () => CloseAsync(op, visitor));
    }

    private async Task CloseAsync(SimOperator op, SimVisitor visitor)
    {
        (await op.Http.PostAsync($"/api/conversations/{visitor.ConversationId}/close", null)).EnsureSuccessStatusCode();
        if (visitor.Widget is not null)
            await visitor.Widget.DisposeAsync();
        visitor.Widget = null;
    }

    private double HandleTime() => scenario.Handle == HandleDistribution.Exponential
        ? Exponential(scenario.HandleMeanSeconds)
        : LogNormal(random, scenario.HandleMeanSeconds, scenario.HandleSigma);

    private double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static double LogNormal(Random random, double mean, double sigma)
    {
        var mu = Math.Log(mean) - sigma * sigma / 2;
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(mu + sigma * z);
    }
}
