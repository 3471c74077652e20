using Microsoft.AspNetCore.Http.HttpResults;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Contacts;

/// <summary>GDPR: an admin exports everything about a contact (a zip) or erases it. Both are audited (who, when, which
/// contact — never the content).</summary>
public static class ContactPrivacyEndpoints
{
    public static void MapContactPrivacyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(Policies.Admin);
        api.MapGet("/{id:long}/export", Export);
        api.MapPost("/{id:long}/erase", Erase);
    }

    /// <summary>A zip: contact.json (identities, conversations, messages, notes, satisfaction, web visitor data) and the files.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        long id, HttpContext http, OmnichannelDb db, AttachmentStore store, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ContactData.LoadAsync(db, id, cancellationToken) is not { } data)
            return Problems.Missing("Contact", id);
        var now = time.GetUtcNow().UtcDateTime;
        var zip = await ContactExport.ZipAsync(data, store, now, cancellationToken);
        db.ChangeTracker.Clear();
        audit.Record(http.User, "contact.exported", $"contact {id}", null, new { data.Conversations.Count, Bytes = zip.Length });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(zip, "application/zip", $"contact-{id}-{now:yyyyMMdd}.zip");
    }

    /// <summary>Erases the contact on all channels (see <see cref="ContactEraser"/>). Refused while one of its
    /// conversations is still open: close it first, so no operator is left answering someone who is gone.</summary>
    public static async Task<Results<Ok<ErasureDto>, ProblemHttpResult>> Erase(
        long id, HttpContext http, OmnichannelDb db, ContactEraser eraser, CancellationToken cancellationToken)
    {
        if (await ContactData.LoadAsync(db, id, cancellationToken) is not { } data)
            return Problems.Missing("Contact", id);
        if (data.Contact.MergedIntoContactId is { } survivor)
            return Problems.Conflict($"This contact was merged into contact {survivor}: erase that one.");
        if (data.Conversations.Count(c => c.State != ConversationState.Closed) is > 0 and var open)
            return Problems.Conflict($"{open} conversation(s) of this contact are still open: close them first.");
        return TypedResults.Ok(await eraser.EraseAsync(data, http.User, cancellationToken));
    }
}
