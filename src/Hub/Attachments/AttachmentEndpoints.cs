using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Attachments;

public static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/conversations/{id:long}/attachments", UploadAsync).WithTags("Attachments").RequireAuthorization(Policies.Operator).DisableAntiforgery();
        app.MapGet(OutboundFiles.LinkPath + "{token}", OutboundFiles.Download).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(OutboundFiles.LinkPath + "{token}" + Thumbnails.Suffix, ThumbnailEndpoints.SignedAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(AttachmentStore.UrlPrefix + "{id}" + Thumbnails.Suffix, ThumbnailEndpoints.OperatorAsync).WithTags("Attachments").RequireAuthorization(Policies.Operator);
    }

    /// <summary>
    /// An operator attaches a file to the reply they are writing (multipart/form-data, field "file"): checked
    /// (size → 413, type and first bytes → 415, with the reason), stored outside the web root, and returned as the
    /// attachment to send with <c>POST /api/conversations/{id}/reply</c> (<c>attachments: [url]</c>).
    /// </summary>
    public static async Task<Results<Ok<Attachment>, ProblemHttpResult>> UploadAsync(
        long id, HttpRequest request, ConversationQueries queries, AttachmentStore store, IOptions<AttachmentOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (request.ContentLength > settings.MaxBytes + 64 * 1024)
            return Problem(new(StatusCodes.Status413PayloadTooLarge, $"The file is larger than {settings.MaxBytes / (1024 * 1024.0):0.#} MB."));
        if (await queries.FindAsync(id, cancellationToken) is not { } conversation)
            return Problems.Missing("Conversation", id);
        if (!OutgoingFiles.Supported(conversation.Channel))
            return Problems.Of(StatusCodes.Status400BadRequest, "Not supported", $"Files cannot be sent on {conversation.Channel} yet.");
        if (!request.HasFormContentType)
            return Problems.Invalid("Expected multipart/form-data with a \"file\" field.");
        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(cancellationToken)).Files.GetFile("file");
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problem(new(StatusCodes.Status413PayloadTooLarge, $"The upload could not be read (larger than {settings.MaxBytes / (1024 * 1024.0):0.#} MB?)."));
        }
        if (file is null)
            return Problems.Invalid("Expected a \"file\" field.");
        var head = new byte[16];
        int read;
        await using (var peek = file.OpenReadStream())
            read = await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (AttachmentRules.Check(file.ContentType, file.Length, head.AsSpan(0, read), settings) is { } refusal)
            return Problem(refusal);
        await using var content = file.OpenReadStream();
        var name = Path.GetFileName(file.FileName);
        return TypedResults.Ok(await store.SaveAsync(conversation.Channel, name.Length > 0 ? name : "file", file.ContentType.Split(';')[0].Trim().ToLowerInvariant(), content, cancellationToken));
    }

    private static ProblemHttpResult Problem(AttachmentRules.Refusal refusal) => Problems.Of(refusal.Status, refusal.Title, refusal.Reason);
}

/// <summary>Which channels' senders send files the provider's way (so the console does not offer what cannot go out).</summary>
public static class OutgoingFiles
{
    public static bool Supported(ChannelKind channel) => channel is ChannelKind.Email or ChannelKind.Telegram or ChannelKind.WhatsApp or ChannelKind.Sms
        or ChannelKind.WebChat or ChannelKind.Messenger or ChannelKind.BotFramework;
}
