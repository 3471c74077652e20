using System.IO.Compression;
using System.Text.Json;
using Omnichannel.Hub.Attachments;

namespace Omnichannel.Hub.Contacts;

/// <summary>
/// A contact's data as a zip an admin can hand to the person (GDPR access / portability): <c>contact.json</c> with
/// everything on all channels, and the files of their messages under <c>attachments/</c> (named in the JSON).
/// </summary>
public static class ContactExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<byte[]> ZipAsync(ContactData data, AttachmentStore store, DateTime now, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (_, attachment, id) in data.StoredFiles())
            {
                if (files.ContainsKey(id) || store.Find(id) is not { } found)
                    continue;
                var entryName = $"attachments/{id}-{SafeName(attachment.Name ?? found.Meta.Name ?? "file")}";
                await using var source = File.OpenRead(found.Path);
                await using var target = await zip.CreateEntry(entryName).OpenAsync(cancellationToken);
                await source.CopyToAsync(target, cancellationToken);
                files[id] = entryName;
            }
            await using var json = await zip.CreateEntry("contact.json").OpenAsync(cancellationToken);
            await JsonSerializer.SerializeAsync(json, Document(data, files, now), Json, cancellationToken);
        }
        return buffer.ToArray();
    }

    private static object Document(ContactData d, IReadOnlyDictionary<string, string> files, DateTime now) => new
    {
        ExportedAt = now,
        Contact = Person(d.Contact),
        MergedContacts = d.Merged.Select(Person),
        Identities = d.Identities.Select(i => new { i.Channel, i.Handle, i.Verified, i.BlockedReason, i.BlockedAt }),
        Conversations = d.Conversations.Select(c => new
        {
            c.Id, c.Channel, c.ContactHandle, c.State, c.CreatedAt, c.ClosedAt,
            Messages = d.Messages.Where(m => m.ConversationId == c.Id).Select(m => new
            {
                m.Id, m.Direction, m.Text, m.CreatedAt, m.Status, m.EditedAt, m.Reaction, m.Metadata, m.IsAutomated,
                Attachments = m.Attachments.Select(a => new { a.Name, a.ContentType, a.Size, File = Stored(a.Url, files) }),
            }),
            Notes = d.Notes.Where(n => n.ConversationId == c.Id).Select(n => new { n.Text, n.CreatedAt, n.OperatorId }),
            Satisfaction = d.Surveys.Where(s => s.ConversationId == c.Id).Select(s => new { s.Channel, s.SentAt, s.Score, s.Comment, s.AnsweredAt }),
        }),
        WebVisitors = d.VisitorIds.Select(v => new
        {
            VisitorId = v,
            Profile = d.Profiles.Where(p => p.VisitorId == v).Select(p => new { p.Visits, p.FirstSeen, p.LastSeen, p.CartValue, p.Identity, p.Language, p.UserAgent }).FirstOrDefault(),
            PageViews = d.PageViews.Where(p => p.VisitorId == v).Select(p => new { p.Path, p.Title, p.At }),
            Engagement = d.Engagement.Where(e => e.VisitorId == v).Select(e => new { e.RuleId, e.Kind, e.At, e.Value }),
        }),
    };

    private static object Person(Conversations.Contact c) => new { c.Id, c.DisplayName, c.Email, c.Phone, c.About, c.CreatedAt, c.UpdatedAt };

    private static string? Stored(string url, IReadOnlyDictionary<string, string> files) =>
        url.StartsWith(AttachmentStore.UrlPrefix, StringComparison.Ordinal) && files.TryGetValue(url[AttachmentStore.UrlPrefix.Length..], out var entry) ? entry : null;

    private static string SafeName(string name)
    {
        var safe = new string([.. Path.GetFileName(name).Select(ch => char.IsLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_')]);
        return safe.Length is 0 ? "file" : safe.Length > 80 ? safe[^80..] : safe;
    }
}
