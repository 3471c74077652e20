using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Site;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Supervision;

/// <summary>
/// What a supervisor does on a live conversation: whisper to its operator (never to the customer), take it over,
/// move it to a team or an operator, set an operator away. Every action is in the routing timeline and the audit log.
/// </summary>
public static class SupervisionEndpoints
{
    public static readonly TimeSpan MovedOverflow = TimeSpan.FromSeconds(60);

    public static void MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Supervision").RequireAuthorization(Policies.Supervisor);
        api.MapPost("/conversations/{id:long}/whisper", Whisper);
        api.MapPost("/conversations/{id:long}/takeover", TakeOver);
        api.MapPost("/conversations/{id:long}/move", Move);
        api.MapPut("/operators/{id:long}/presence", SetPresence);
    }

    /// <summary>A note only operators see (pushed to the conversation's operator and the supervisors); no message is stored or sent.</summary>
    public static async Task<Results<Ok<WhisperDto>, NotFound, ValidationProblem>> Whisper(
        long id, WhisperRequest request, HttpContext http, OmnichannelDb db, AuditLog audit, IPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length is 0 or > 2000)
            return FieldErrors.One("text", "A whisper has 1–2000 characters.");
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
            return TypedResults.NotFound();
        var me = http.User.OperatorId();
        var whisper = new WhisperDto(id, conversation.AssignedOperatorId, me, http.User.Identity?.Name ?? "", text, time.GetUtcNow().UtcDateTime);
        db.Timeline.Add(new TimelineEntry { ConversationId = id, At = whisper.At, Kind = TimelineKind.Whispered, OperatorId = me, Detail = text });
        audit.Record(http.User, "conversation.whispered", $"conversation {id}", null, new { whisper.ToOperatorId });
        await db.SaveChangesAsync(cancellationToken);
        await publisher.Publish(new Whispered(whisper), cancellationToken);
        return TypedResults.Ok(whisper);
    }

    /// <summary>The supervisor takes the conversation (from whoever holds it, or from the queue).</summary>
    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> TakeOver(
        long id, HttpContext http, RoutingEngine routing, OmnichannelDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var me = http.User.OperatorId();
        var before = await db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.AssignedOperatorId, c.State }).FirstOrDefaultAsync(cancellationToken);
        var outcome = await routing.TransferAsync(id, me, me, cancellationToken, TimelineKind.TakenOver);
        if (outcome.Kind == OutcomeKind.Ok)
            await AuditAsync(db, audit, http, "conversation.taken-over", id, before, new { AssignedOperatorId = me }, cancellationToken);
        return outcome.ToHttp();
    }

    /// <summary>To an operator (who is not offline), or — while it waits — to a team whose members alone are offered it for a minute.</summary>
    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult, ValidationProblem>> Move(
        long id, MoveRequest request, HttpContext http, RoutingEngine routing, OmnichannelDb db, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.OperatorId is null == request.TeamId is null)
            return FieldErrors.One("operatorId", "Give either operatorId or teamId.");
        var me = http.User.OperatorId();
        Outcome<ConversationDto> outcome;
        if (request.TeamId is { } teamId)
        {
            var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
            if (team is null)
                return FieldErrors.One("teamId", $"Team {teamId} does not exist.");
            outcome = await routing.MoveToTeamAsync(id, teamId, team.Name, me, time.GetUtcNow().UtcDateTime + MovedOverflow, cancellationToken);
        }
        else
            outcome = await routing.TransferAsync(id, me, request.OperatorId!.Value, cancellationToken, TimelineKind.Moved);
        if (outcome.Kind == OutcomeKind.Ok)
            await AuditAsync(db, audit, http, "conversation.moved", id, null, request, cancellationToken);
        return outcome.Kind == OutcomeKind.Ok ? TypedResults.Ok(outcome.Value!) : (Results<Ok<ConversationDto>, ProblemHttpResult, ValidationProblem>)(ProblemHttpResult)outcome.ToHttp().Result;
    }

    /// <summary>E.g. set an operator who walked away to Away, so nothing more is offered to them.</summary>
    public static async Task<Results<Ok<OperatorDto>, NotFound, ValidationProblem>> SetPresence(
        long id, PresenceRequest request, HttpContext http, RoutingEngine routing, OmnichannelDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (request.Presence is not { } presence || !Enum.IsDefined(presence))
            return FieldErrors.One("presence", "Presence must be Available, Away or Offline.");
        var before = await db.Operators.AsNoTracking().Where(o => o.Id == id).Select(o => (Presence?)o.Presence).FirstOrDefaultAsync(cancellationToken);
        if (before is null)
            return TypedResults.NotFound();
        var op = await routing.SetPresenceAsync(id, presence, cancellationToken, reason: "set offline by a supervisor");
        audit.Record(http.User, "operator.presence-set", $"operator {id}", new { Presence = before }, new { op!.Presence });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OperatorDto.From(op));
    }

    private static async Task AuditAsync(OmnichannelDb db, AuditLog audit, HttpContext http, string action, long id, object? before, object? after, CancellationToken cancellationToken)
    {
        audit.Record(http.User, action, $"conversation {id}", before, after);
        await db.SaveChangesAsync(cancellationToken);
    }
}

public sealed record WhisperRequest(string? Text);

public sealed record MoveRequest(long? OperatorId, long? TeamId);

/// <param name="ToOperatorId">The operator holding the conversation when it was whispered (null while it waits).</param>
public sealed record WhisperDto(long ConversationId, long? ToOperatorId, long FromOperatorId, string FromName, string Text, DateTime At);

public sealed record Whispered(WhisperDto Whisper) : INotification;
