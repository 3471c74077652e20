using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Attachments;

/// <summary>The widget's file upload (its own module in the widget: picker, drag and drop, paste).</summary>
public static class VisitorUpload
{
    /// <summary>
    /// POST /api/widget/attachments (visitor token; multipart: file, clientMessageId, optional text): the same limits
    /// as the console (413 / 415 with the reason), stored outside the web root, then received as the visitor's
    /// message exactly like a typed one (acknowledged once stored; a retry with the same client id is one message).
    /// </summary>
    public static async Task<Results<Ok<VisitorAck>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, HttpContext http, AttachmentStore store, WebChatReceiver receiver, ConversationQueries queries,
        Routing.WidgetStateService widgetState, IOptions<AttachmentOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (request.ContentLength > settings.MaxBytes + 64 * 1024)
            return Problem(new(StatusCodes.Status413PayloadTooLarge, $"The file is larger than {settings.MaxBytes / (1024 * 1024.0):0.#} MB."));
        if (!request.HasFormContentType)
            return Problems.Invalid("Expected multipart/form-data with a \"file\" field.");
        var visitorId = http.User.VisitorId();
        var current = await queries.CurrentStateForVisitorAsync(visitorId, cancellationToken);
        if (current is null or ConversationState.Closed && (await widgetState.CurrentAsync(cancellationToken)).State != Routing.WidgetAvailability.Available)
            return Problems.Of(StatusCodes.Status409Conflict, "Not available", "Chat is not available right now.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problem(new(StatusCodes.Status413PayloadTooLarge, $"The upload could not be read (larger than {settings.MaxBytes / (1024 * 1024.0):0.#} MB?)."));
        }
        if (form.Files.GetFile("file") is not { } file)
            return Problems.Invalid("Expected a \"file\" field.");
        var head = new byte[16];
        int read;
        await using (var peek = file.OpenReadStream())
            read = await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (AttachmentRules.Check(file.ContentType, file.Length, head.AsSpan(0, read), settings) is { } refusal)
            return Problem(refusal);
        Attachment stored;
        await using (var content = file.OpenReadStream())
        {
            var name = Path.GetFileName(file.FileName);
            stored = await store.SaveAsync(ChannelKind.WebChat, name.Length > 0 ? name : "file", file.ContentType.Split(';')[0].Trim().ToLowerInvariant(), content, cancellationToken);
        }
        var clientMessageId = form["clientMessageId"].ToString();
        try
        {
            var result = await receiver.ReceiveFileAsync(visitorId, clientMessageId, form["text"].ToString(), stored, cancellationToken);
            return TypedResults.Ok(new VisitorAck(clientMessageId, result.ConversationId, result.MessageId, result.CreatedAt, result.Duplicate));
        }
        catch (WebChatRejectedException rejected)
        {
            store.Delete(stored);
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid message", rejected.Message);
        }
    }

    private static ProblemHttpResult Problem(AttachmentRules.Refusal refusal) => Problems.Of(refusal.Status, refusal.Title, refusal.Reason);
}
