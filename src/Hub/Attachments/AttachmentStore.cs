using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Attachments;

/// <summary>
/// Files that came with customer messages, kept under the hub's data folder (<c>Storage:AttachmentsDirectory</c>)
/// as <c>{id}</c> plus <c>{id}.json</c> (name, content type, size, channel), and served to signed-in operators at
/// <c>/api/attachments/{id}</c>. Always sent as a download, never rendered by the browser in the console's origin.
/// </summary>
public sealed class AttachmentStore(IOptions<StorageOptions> storage, IWebHostEnvironment environment) : IAttachmentStore
{
    public const string UrlPrefix = "/api/attachments/";

    public string Directory { get; } = Path.IsPathRooted(storage.Value.AttachmentsDirectory)
        ? storage.Value.AttachmentsDirectory
        : Path.Combine(environment.ContentRootPath, storage.Value.AttachmentsDirectory);

    public async Task<Attachment> SaveAsync(ChannelKind channel, string? name, string contentType, Stream content, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var id = Guid.NewGuid().ToString("N");
        var path = Path.Combine(Directory, id);
        long size;
        await using (var file = new FileStream(path + ".part", FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken);
            size = file.Length;
        }
        var meta = new StoredAttachment(name, contentType, size, channel);
        await File.WriteAllTextAsync(path + ".json", JsonSerializer.Serialize(meta), cancellationToken);
        File.Move(path + ".part", path);
        return new Attachment(UrlPrefix + id, contentType, name, size);
    }

    /// <summary>Removes a file that was stored but not accepted after all (nothing half-stored).</summary>
    public void Delete(Attachment attachment)
    {
        if (OutboundFiles.IdOf(attachment) is not { } id || Find(id) is not { } found)
            return;
        File.Delete(found.Path + ".json");
        File.Delete(found.Path);
    }

    public (string Path, StoredAttachment Meta)? Find(string id)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
            return null;
        var path = Path.Combine(Directory, id);
        if (!File.Exists(path) || !File.Exists(path + ".json"))
            return null;
        var meta = JsonSerializer.Deserialize<StoredAttachment>(File.ReadAllText(path + ".json"));
        return meta is null ? null : (path, meta);
    }

    /// <summary>Deletes a stored file's bytes and description (a contact was erased); false when it was not stored.</summary>
    public bool Delete(string id)
    {
        if (Find(id) is not { } found)
            return false;
        File.Delete(found.Path);
        File.Delete(found.Path + ".json");
        return true;
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/attachments/{id}", Download).WithTags("Attachments").RequireAuthorization(Policies.Operator);

    private static Results<FileStreamHttpResult, NotFound> Download(string id, AttachmentStore store, HttpContext http)
    {
        if (store.Find(id) is not { } found)
            return TypedResults.NotFound();
        // Customer files are never interpreted by the browser in the console's origin.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        var stream = new FileStream(found.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return TypedResults.File(stream, found.Meta.ContentType, found.Meta.Name ?? id);
    }
}

public sealed record StoredAttachment(string? Name, string ContentType, long Size, ChannelKind Channel);
