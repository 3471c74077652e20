using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Notes;

public sealed record NoteRequest(string? Text);

public static class NoteEndpoints
{
    public static void MapNotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/conversations/{id:long}/notes").WithTags("Notes").RequireAuthorization(Policies.Operator);
        api.MapGet("/", List);
        api.MapPost("/", Add);
    }

    /// <summary>The conversation's internal notes, oldest first.</summary>
    public static async Task<Results<Ok<List<NoteDto>>, ProblemHttpResult>> List(long id, OmnichannelDb db, CancellationToken cancellationToken)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == id, cancellationToken))
            return Problems.Missing("Conversation", id);
        var rows = await db.Set<Note>().AsNoTracking().Where(n => n.ConversationId == id).OrderBy(n => n.Id)
            .Join(db.Operators, n => n.OperatorId, o => o.Id, (n, o) => new { Note = n, o.DisplayName })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => NoteDto.From(r.Note, r.DisplayName)).ToList());
    }

    public static async Task<Results<Ok<NoteDto>, ProblemHttpResult>> Add(long id, NoteRequest request, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new AddNote(id, http.User.OperatorId(), request.Text), cancellationToken)).ToHttp();
}
