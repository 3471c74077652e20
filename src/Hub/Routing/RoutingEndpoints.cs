using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

public static class RoutingEndpoints
{
    public static void MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Routing").RequireAuthorization(Policies.Operator);
        api.MapPost("/offers/{id:long}/accept", Accept);
        api.MapPost("/offers/{id:long}/decline", Decline);
        api.MapGet("/offers", OpenOffers);
        api.MapPut("/operators/me/presence", SetPresence);
        api.MapPut("/operators/me/settings", UpdateSettings);
        api.MapPost("/conversations/{id:long}/transfer", Transfer);
        api.MapGet("/conversations/{id:long}/timeline", Timeline);
        app.MapGet("/api/widget/state", WidgetStateNow).WithTags("Widget").ForShops();
    }

    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Accept(long id, HttpContext http, RoutingEngine routing, CancellationToken cancellationToken) =>
        (await routing.AcceptAsync(id, http.User.OperatorId(), cancellationToken)).ToHttp();

    public static async Task<Results<Ok<bool>, ProblemHttpResult>> Decline(long id, HttpContext http, RoutingEngine routing, CancellationToken cancellationToken) =>
        (await routing.DeclineAsync(id, http.User.OperatorId(), cancellationToken)).ToHttp();

    /// <summary>Offers still open for me (the console shows them after a reload).</summary>
    public static async Task<Ok<List<OfferDto>>> OpenOffers(HttpContext http, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var me = http.User.OperatorId();
        var rows = await db.Offers.AsNoTracking().Where(o => o.OperatorId == me && o.State == OfferState.Pending)
            .Join(db.Conversations.Include(c => c.Contact), o => o.ConversationId, c => c.Id, (o, c) => new { o, c, c.Contact!.DisplayName })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => OfferDto.From(r.o, r.c, r.DisplayName)).ToList());
    }

    public static async Task<Results<Ok<OperatorDto>, ProblemHttpResult>> SetPresence(
        PresenceRequest request, HttpContext http, RoutingEngine routing, CancellationToken cancellationToken)
    {
        if (request.Presence is not { } presence || !Enum.IsDefined(presence))
            return Problems.Invalid("Presence must be Available, Away or Offline.");
        var op = await routing.SetPresenceAsync(http.User.OperatorId(), presence, cancellationToken);
        return op is null ? Problems.Of(StatusCodes.Status404NotFound, null, "Unknown operator.") : TypedResults.Ok(OperatorDto.From(op));
    }

    public static async Task<Results<Ok<OperatorDto>, ProblemHttpResult>> UpdateSettings(
        OperatorSettingsRequest request, HttpContext http, RoutingEngine routing, IOptions<CapacityOptions> bounds, CancellationToken cancellationToken)
    {
        if (request.LiveCapacity is < 0 or > 50 || request.AsyncCapacity is < 0 or > 200)
            return Problems.Invalid("Live capacity must be 0–50 and asynchronous capacity 0–200.");
        if (Ownership.CapacityRefusal(request.LiveCapacity, request.AsyncCapacity, http.User.IsInRole(Roles.Admin), bounds.Value) is { } refusal)
            return Problems.Forbidden(refusal);
        if (request.Skills is { Count: > 20 } || request.Skills?.Any(s => s.Length > 40) == true)
            return Problems.Invalid("At most 20 skills of up to 40 characters.");
        var op = await routing.UpdateSettingsAsync(http.User.OperatorId(), request, cancellationToken);
        return op is null ? Problems.Of(StatusCodes.Status404NotFound, null, "Unknown operator.") : TypedResults.Ok(OperatorDto.From(op));
    }

    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Transfer(
        long id, TransferRequest request, HttpContext http, RoutingEngine routing, OmnichannelDb db, CancellationToken cancellationToken) =>
        request.OperatorId is not { } to
            ? Problems.Invalid("operatorId is required.")
            : await Ownership.RefusalAsync(db, id, http.User, cancellationToken) is { } refusal
                ? Problems.Forbidden(refusal)
                : (await routing.TransferAsync(id, http.User.OperatorId(), to, cancellationToken)).ToHttp();

    public static async Task<Results<Ok<List<TimelineDto>>, ProblemHttpResult>> Timeline(long id, OmnichannelDb db, CancellationToken cancellationToken)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == id, cancellationToken))
            return Problems.Missing("Conversation", id);
        return TypedResults.Ok(await db.Timeline.AsNoTracking().Where(t => t.ConversationId == id).OrderBy(t => t.Id)
            .Select(t => new TimelineDto(t.At, t.Kind, t.OperatorId, t.Detail)).ToListAsync(cancellationToken));
    }

    /// <param name="lang">The visitor's language (en, nl, de, fr; anything else: English).</param>
    public static async Task<Ok<WidgetState>> WidgetStateNow(string? lang, WidgetStateService widgetState, CancellationToken cancellationToken) =>
        TypedResults.Ok(widgetState.InLanguage(await widgetState.CurrentAsync(cancellationToken), lang));
}
