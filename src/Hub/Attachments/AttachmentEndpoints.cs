using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
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
            return TypedResults.Problem($"Conversation {id} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        if (!OutgoingFiles.Supported(conversation.Channel))
            return TypedResults.Problem($"Files cannot be sent on {conversation.Channel} yet.", statusCode: StatusCodes.Status400BadRequest, title: "Not supported");
        if (!request.HasFormContentType)
            return TypedResults.Problem("Expected multipart/form-data with a \"file\" field.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
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
            return TypedResults.Problem("Expected a \"file\" field.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
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

    private static ProblemHttpResult Problem(AttachmentRules.Refusal refusal) =>
        TypedResults.Problem(refusal.Reason, statusCode: refusal.Status, title: refusal.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "File too large",
            StatusCodes.Status415UnsupportedMediaType => "File type not allowed",
            _ => "Invalid file",
        });
}

/// <summary>Which channels' senders send files the provider's way (so the console does not offer what cannot go out).</summary>
public static class OutgoingFiles
{
    public static bool Supported(ChannelKind channel) => channel is ChannelKind.Email or ChannelKind.Telegram or ChannelKind.WhatsApp or ChannelKind.Sms
        or ChannelKind.WebChat or ChannelKind.Messenger or ChannelKind.BotFramework;
}
