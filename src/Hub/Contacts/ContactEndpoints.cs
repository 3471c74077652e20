using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Teams;

namespace Omnichannel.Hub.Contacts;

public sealed record MergeRequest(long? OtherContactId);

public static class ContactEndpoints
{
    public static void MapContactsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Contacts").RequireAuthorization(Policies.Operator);
        api.MapGet("/contacts", List);
        api.MapGet("/contacts/{id:long}", Get);
        api.MapPut("/contacts/{id:long}", Update);
        api.MapPost("/contacts/{id:long}/merge", Merge);
        api.MapGet("/contacts/merges", Merges);
        api.MapPost("/contacts/merges/{id:long}/undo", Undo);
        api.MapGet("/contacts/merge-suggestions", Suggestions);
        api.MapGet("/conversations/{id:long}/customer", Customer);
    }

    /// <summary>Contacts, most recently active first; q matches name, e-mail, phone or any identity.</summary>
    public static async Task<Ok<List<ContactSummaryDto>>> List(
        OmnichannelDb db, HttpContext http, ConversationScopes scopes, CancellationToken cancellationToken, string? q = null, int offset = 0, int limit = 50)
    {
        // Erased contacts (no identity left, see ContactEraser) are not listed.
        var scope = await scopes.ForAsync(http.User, cancellationToken);
        var query = scopes.Contacts(db.Contacts.AsNoTracking().Where(c => c.MergedIntoContactId == null && c.Identities.Any()), scope);
        if (q?.Trim().ToLowerInvariant() is { Length: > 0 } term)
            query = query.Where(c => c.DisplayName.ToLower().Contains(term) || (c.Email != null && c.Email.ToLower().Contains(term))
                || (c.Phone != null && c.Phone.Contains(term)) || c.Identities.Any(i => i.Handle.ToLower().Contains(term)));
        var rows = await query
            .Select(c => new { c, Last = db.Conversations.Where(v => v.ContactId == c.Id).Max(v => (DateTime?)v.LastMessageAt), Count = db.Conversations.Count(v => v.ContactId == c.Id) })
            .OrderByDescending(x => x.Last).ThenByDescending(x => x.c.Id)
            .Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 1, 200))
            .Select(x => new { x.c.Id, x.c.DisplayName, x.c.Email, x.c.Phone, x.c.Identities, x.Count, x.Last })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new ContactSummaryDto(r.Id, r.DisplayName, r.Email, r.Phone,
            [.. r.Identities.Select(i => new IdentityDto(i.Id, i.Channel, i.Handle, i.Verified))], r.Count, r.Last)).ToList());
    }

    /// <summary>A contact the reader may see (one of their conversations is visible to them), with the conversations they may see.</summary>
    public static async Task<Results<Ok<ContactProfileDto>, ProblemHttpResult>> Get(
        long id, HttpContext http, ConversationScopes scopes, ContactProfiles profiles, CancellationToken cancellationToken) =>
        await scopes.MaySeeContactAsync(http.User, id, cancellationToken)
            && await profiles.ForContactAsync(id, cancellationToken, await scopes.ForAsync(http.User, cancellationToken)) is { } profile
            ? TypedResults.Ok(profile)
            : Problems.Missing("Contact", id);

    /// <summary>The customer panel of a conversation: its contact, with the greeting that started a web chat.</summary>
    public static async Task<Results<Ok<ContactProfileDto>, ProblemHttpResult>> Customer(
        long id, HttpContext http, ConversationScopes scopes, ContactProfiles profiles, CancellationToken cancellationToken) =>
        await profiles.ForConversationAsync(id, cancellationToken, await scopes.ForAsync(http.User, cancellationToken)) is { } profile ? TypedResults.Ok(profile) : Problems.Missing("Conversation", id);

    public static async Task<Results<Ok<ContactProfileDto>, ProblemHttpResult>> Update(
        long id, ContactUpdate update, HttpContext http, ConversationScopes scopes, OmnichannelDb db, ContactProfiles profiles, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await scopes.MaySeeContactAsync(http.User, id, cancellationToken))
            return Problems.Missing("Contact", id);
        var problem = update switch
        {
            { DisplayName: { } n } when string.IsNullOrWhiteSpace(n) || n.Length > 200 => "The name must have 1–200 characters.",
            { Email: { Length: > 0 } e } when e.Length > 320 || !e.Contains('@', StringComparison.Ordinal) => "The e-mail address is not valid.",
            { Phone: { Length: > 0 } p } when p.Length > 32 || p.Count(char.IsDigit) < 6 || p.Any(ch => !char.IsDigit(ch) && " +-()".IndexOf(ch, StringComparison.Ordinal) < 0) => "The phone number is not valid.",
            { About.Length: > 4000 } => "The notes about the contact are longer than 4000 characters.",
            _ => null,
        };
        if (problem is not null)
            return Problems.Invalid(problem);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
            return Problems.Missing("Contact", id);
        contact.DisplayName = update.DisplayName?.Trim() ?? contact.DisplayName;
        contact.Email = update.Email is null ? contact.Email : Blank(update.Email);
        contact.Phone = update.Phone is null ? contact.Phone : Blank(update.Phone);
        contact.About = update.About is null ? contact.About : Blank(update.About);
        contact.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await profiles.ForContactAsync(id, cancellationToken, await scopes.ForAsync(http.User, cancellationToken)))!);
    }

    /// <summary>Merges the other contact into this one (this one stays). Recorded: POST /api/contacts/merges/{id}/undo reverses it.</summary>
    public static async Task<Results<Ok<ContactMergeDto>, ProblemHttpResult>> Merge(
        long id, MergeRequest request, HttpContext http, ConversationScopes scopes, ContactMerger merger, CancellationToken cancellationToken) =>
        request.OtherContactId is not { } other
            ? Problems.Invalid("otherContactId is required.")
            : !await scopes.MaySeeContactAsync(http.User, id, cancellationToken) ? Problems.Missing("Contact", id)
            : !await scopes.MaySeeContactAsync(http.User, other, cancellationToken) ? Problems.Missing("Contact", other)
            : (await merger.MergeAsync(id, other, http.User.OperatorId(), cancellationToken)).ToHttp();

    /// <summary>Whoever merged may undo it; anyone else needs the supervisor role (docs/operator-tools.md, "Who may do what").</summary>
    public static async Task<Results<Ok<ContactMergeDto>, ProblemHttpResult>> Undo(long id, HttpContext http, OmnichannelDb db, ContactMerger merger, CancellationToken cancellationToken)
    {
        var by = await db.Set<ContactMerge>().Where(m => m.Id == id).Select(m => new { m.ByOperatorId }).FirstOrDefaultAsync(cancellationToken);
        if (by is not null && by.ByOperatorId != http.User.OperatorId() && !http.User.IsInRole(Roles.Supervisor))
            return Problems.Forbidden("Only the operator who merged, or a supervisor, may undo this merge.");
        return (await merger.UndoAsync(id, http.User.OperatorId(), cancellationToken)).ToHttp();
    }

    public static async Task<Ok<List<ContactMergeDto>>> Merges(OmnichannelDb db, CancellationToken cancellationToken, long? contact = null) =>
        TypedResults.Ok((await db.Set<ContactMerge>().AsNoTracking()
            .Where(m => contact == null || m.SurvivorContactId == contact || m.MergedContactId == contact)
            .OrderByDescending(m => m.Id).Take(100).ToListAsync(cancellationToken)).Select(ContactMergeDto.From).ToList());

    /// <summary>Contacts that share an e-mail address or phone number across channels (active contacts only).</summary>
    public static async Task<Ok<IReadOnlyList<MergeSuggestionDto>>> Suggestions(OmnichannelDb db, CancellationToken cancellationToken)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.MergedIntoContactId == null).Include(c => c.Identities)
            .OrderByDescending(c => c.Id).Take(5000).ToListAsync(cancellationToken);
        var visitorIds = contacts.SelectMany(c => c.Identities).Where(i => i.Channel == ChannelKind.WebChat).Select(i => i.Handle).ToList();
        var identified = await db.VisitorProfiles.AsNoTracking().Where(v => visitorIds.Contains(v.VisitorId) && v.Identity != null)
            .ToDictionaryAsync(v => v.VisitorId, v => v.Identity!, cancellationToken);
        var keys = contacts.Select(c => new ContactKeys(c.Id, c.DisplayName, [.. c.Identities.Select(i => (i.Channel, i.Handle, i.Verified))], c.Email, c.Phone,
            c.Identities.Where(i => i.Channel == ChannelKind.WebChat).Select(i => EmailOf(identified.GetValueOrDefault(i.Handle))).FirstOrDefault(e => e is not null)));
        return TypedResults.Ok(MergeSuggestions.Find(keys));
    }

    /// <summary>The e-mail the site passed to Omnichannel.identify({ email }), if any.</summary>
    private static string? EmailOf(string? identityJson)
    {
        if (identityJson is null)
            return null;
        try
        {
            using var doc = JsonDocument.Parse(identityJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
