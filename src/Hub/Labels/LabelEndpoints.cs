using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Labels;

public sealed record LabelRequest(string? Name, string? Color);
public sealed record LabelSet(List<long>? LabelIds);

public static partial class LabelEndpoints
{
    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    public static void MapLabelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Labels").RequireAuthorization(Policies.Operator);
        api.MapGet("/labels", List);
        api.MapPost("/labels", Create).RequireAuthorization(Policies.Supervisor);
        api.MapDelete("/labels/{id:long}", Delete).RequireAuthorization(Policies.Supervisor);
        api.MapGet("/conversations/{id:long}/labels", (long id, LabelStore store, CancellationToken ct) => Get(id, store.ConversationLabels, ct));
        api.MapPut("/conversations/{id:long}/labels", (long id, LabelSet body, LabelStore store, CancellationToken ct) => Set(id, body, store.ConversationLabels, ct));
        api.MapGet("/contacts/{id:long}/labels", (long id, LabelStore store, CancellationToken ct) => Get(id, store.ContactLabels, ct));
        api.MapPut("/contacts/{id:long}/labels", (long id, LabelSet body, LabelStore store, CancellationToken ct) => Set(id, body, store.ContactLabels, ct));
    }

    public static async Task<Ok<List<LabelDto>>> List(OmnichannelDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Set<Label>().AsNoTracking().OrderBy(l => l.Name).Select(l => new LabelDto(l.Id, l.Name, l.Color)).ToListAsync(cancellationToken));

    public static async Task<Results<Created<LabelDto>, ProblemHttpResult>> Create(LabelRequest request, OmnichannelDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50)
            return Problems.Invalid("A label needs a name of 1–50 characters.");
        if (request.Color is not { } color || !ColorPattern().IsMatch(color))
            return Problems.Invalid("The colour must be #RRGGBB.");
        if (await db.Set<Label>().AnyAsync(l => l.Name.ToLower() == name.ToLower(), cancellationToken))
            return Problems.Conflict($"A label '{name}' exists.");
        var label = new Label { Name = name, Color = color.ToLowerInvariant(), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Add(label);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/labels/{label.Id}", LabelDto.From(label));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, OmnichannelDb db, CancellationToken cancellationToken)
    {
        await db.Set<ConversationLabel>().Where(x => x.LabelId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ContactLabel>().Where(x => x.LabelId == id).ExecuteDeleteAsync(cancellationToken);
        return await db.Set<Label>().Where(l => l.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? Problems.Missing("Label", id)
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<LabelDto>>, ProblemHttpResult>> Get(long id, ILabelLinks links, CancellationToken cancellationToken) =>
        await links.ExistsAsync(id, cancellationToken)
            ? TypedResults.Ok(await links.GetAsync(id, cancellationToken))
            : Problems.Missing(links.What, id);

    private static async Task<Results<Ok<List<LabelDto>>, ProblemHttpResult>> Set(long id, LabelSet body, ILabelLinks links, CancellationToken cancellationToken)
    {
        if (!await links.ExistsAsync(id, cancellationToken))
            return Problems.Missing(links.What, id);
        var wanted = (body.LabelIds ?? []).Distinct().ToList();
        if (wanted.Count > 50)
            return Problems.Invalid("At most 50 labels.");
        if (await links.UnknownAsync(wanted, cancellationToken) is { Count: > 0 } unknown)
            return Problems.Invalid($"Unknown label {string.Join(", ", unknown)}.");
        await links.SetAsync(id, wanted, cancellationToken);
        return TypedResults.Ok(await links.GetAsync(id, cancellationToken));
    }
}
