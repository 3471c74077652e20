using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Contacts;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Search;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Contacts;

/// <summary>
/// GDPR: an admin exports everything about a contact on all channels (a zip with the files) and erases it; both are in
/// the audit log without the content. Real hub: a web visitor (widget, signals, CSAT) merged with a WhatsApp contact
/// who sent a photo, with an operator's reply and an internal note.
/// </summary>
public sealed class ContactPrivacyTests : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private sealed record Seeded(long ContactId, long WebConversation, long WhatsAppConversation, string VisitorId, string FileId, byte[] FileBytes);

    private async Task<Seeded> SeedAsync(OperatorSession duty)
    {
        var visitor = await hub.NewVisitorAsync();
        var signals = JsonSerializer.Serialize(new { token = visitor.Token, path = "/kari-cart.html", events = new object[] { new object[] { "v", "/kari-cart.html" }, new object[] { "i", new { name = "Kari Nordmann" } } } });
        (await hub.Http().PostAsync("/api/widget/signals", new StringContent(signals, Encoding.UTF8, "text/plain"))).EnsureSuccessStatusCode();
        await using var widget = await visitor.ConnectAsync();
        var web = (await widget.SendAsync("My order 4711 never arrived")).ConversationId;
        await duty.ReplyAsync(web, "Sorry Kari, checking order 4711.");
        (await duty.Http.PostAsync($"/api/conversations/{web}/close", null)).EnsureSuccessStatusCode();
        using var visitorHttp = hub.Http();
        visitorHttp.DefaultRequestHeaders.Authorization = new("Bearer", visitor.Token);
        (await visitorHttp.PostAsJsonAsync($"/api/widget/conversations/{web}/csat", new { score = 4, comment = "Kari liked the quick answer" })).EnsureSuccessStatusCode();

        var bytes = Encoding.UTF8.GetBytes("JPEG bytes of Kari's parcel " + Guid.NewGuid());
        var file = await hub.Provider.GetRequiredService<AttachmentStore>().SaveAsync(ChannelKind.WhatsApp, "parcel.jpg", "image/jpeg", new MemoryStream(bytes), CancellationToken.None);
        var received = await hub.Provider.GetRequiredService<IInboundSink>().ReceiveAsync(
            new InboundMessage(ChannelKind.WhatsApp, "whatsapp:+4790011223", "SM" + Guid.NewGuid().ToString("N"), "Hei, this is Kari: the parcel is broken", DateTime.UtcNow)
            { ContactName = "Kari Nordmann", Attachments = [file] }, CancellationToken.None);
        var whatsApp = received.ConversationId;
        (await duty.Http.PostAsJsonAsync($"/api/conversations/{whatsApp}/notes", new { text = "Kari is a VIP customer" })).EnsureSuccessStatusCode();
        await duty.ReplyAsync(whatsApp, "We will send a new one, Kari.");

        var contactId = (await duty.Http.GetFromJsonAsync<ContactProfileDto>($"/api/conversations/{whatsApp}/customer", TestJson.Options))!.Id;
        var webContact = (await duty.Http.GetFromJsonAsync<ContactProfileDto>($"/api/conversations/{web}/customer", TestJson.Options))!.Id;
        (await duty.Http.PostAsJsonAsync($"/api/contacts/{contactId}/merge", new { otherContactId = webContact })).EnsureSuccessStatusCode();
        return new Seeded(contactId, web, whatsApp, visitor.VisitorId, file.Url[AttachmentStore.UrlPrefix.Length..], bytes);
    }

    [Fact]
    public async Task AnExport_HoldsEverythingAboutTheContactOnAllChannels_WithTheFiles_AndIsAudited()
    {
        var duty = await hub.OperatorOnDutyAsync();
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Operators.Roles.Admin));
        var seeded = await SeedAsync(duty);

        Assert.Equal(HttpStatusCode.Forbidden, (await duty.Http.GetAsync($"/api/contacts/{seeded.ContactId}/export")).StatusCode);
        var response = await admin.Http.GetAsync($"/api/contacts/{seeded.ContactId}/export");

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var json = await new StreamReader(zip.GetEntry("contact.json")!.Open()).ReadToEndAsync();
        var texts = string.Join('\n', Strings(JsonDocument.Parse(json).RootElement));
        foreach (var expected in new[]
        {
            "whatsapp:+4790011223", seeded.VisitorId, "Kari Nordmann", "My order 4711 never arrived", "Sorry Kari, checking order 4711.",
            "Hei, this is Kari: the parcel is broken", "We will send a new one, Kari.", "Kari is a VIP customer", "Kari liked the quick answer",
            "/kari-cart.html", "parcel.jpg",
        })
            Assert.Contains(expected, texts, StringComparison.Ordinal);
        var file = Assert.Single(zip.Entries, e => e.FullName.StartsWith("attachments/", StringComparison.Ordinal));
        using var bytes = new MemoryStream();
        await file.Open().CopyToAsync(bytes);
        Assert.Equal(seeded.FileBytes, bytes.ToArray());
        var entry = Assert.Single(await AuditAsync(), e => e.Action == "contact.exported");
        Assert.Equal(($"contact {seeded.ContactId}", "Ann"), (entry.Subject, entry.ActorName));
        Assert.DoesNotContain("Kari", entry.After ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErase_LeavesNothingFindable_DeletesTheFiles_KeepsAnonymousCounts_AndIsAuditedWithoutContent()
    {
        var duty = await hub.OperatorOnDutyAsync();
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Operators.Roles.Admin));
        var seeded = await SeedAsync(duty);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PostAsync($"/api/contacts/{seeded.ContactId}/erase", null)).StatusCode); // still open
        (await duty.Http.PostAsync($"/api/conversations/{seeded.WhatsAppConversation}/close", null)).EnsureSuccessStatusCode();
        Assert.NotEmpty((await SearchAsync(duty, "Kari")).Hits);

        Assert.Equal(HttpStatusCode.Forbidden, (await duty.Http.PostAsync($"/api/contacts/{seeded.ContactId}/erase", null)).StatusCode);
        var erased = await admin.Http.PostAsync($"/api/contacts/{seeded.ContactId}/erase", null);

        erased.EnsureSuccessStatusCode();
        foreach (var term in new[] { "Kari", "4711", "parcel", "VIP", "Nordmann" })
        {
            var found = await SearchAsync(duty, term);
            Assert.Empty(found.Hits);
            Assert.Empty(found.Contacts);
            Assert.Empty((await duty.Http.GetFromJsonAsync<List<ContactSummaryDto>>($"/api/contacts?q={term}", TestJson.Options))!);
        }
        Assert.DoesNotContain((await duty.Http.GetFromJsonAsync<List<ContactSummaryDto>>("/api/contacts", TestJson.Options))!, c => c.Id == seeded.ContactId);
        Assert.Equal(HttpStatusCode.NotFound, (await duty.Http.GetAsync(AttachmentStore.UrlPrefix + seeded.FileId)).StatusCode);
        Assert.False(File.Exists(Path.Combine(hub.Provider.GetRequiredService<AttachmentStore>().Directory, seeded.FileId)));

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        long[] conversations = [seeded.WebConversation, seeded.WhatsAppConversation];
        // Reports keep their counts: the conversations and messages are still there, anonymous.
        Assert.Equal(2, await db.Conversations.CountAsync(c => conversations.Contains(c.Id) && c.ContactHandle == "erased"));
        var messages = await db.Messages.Where(m => conversations.Contains(m.ConversationId)).ToListAsync();
        Assert.True(messages.Count >= 4);
        Assert.All(messages, m => Assert.Equal(("", 0, 0), (m.Text, m.Attachments.Count, m.Metadata.Count)));
        Assert.Equal(4, (await db.CsatSurveys.SingleAsync(s => s.ConversationId == seeded.WebConversation)).Score);
        Assert.Null((await db.CsatSurveys.SingleAsync(s => s.ConversationId == seeded.WebConversation)).Comment);
        Assert.Empty(await db.ContactIdentities.Where(i => i.Handle == "whatsapp:+4790011223" || i.Handle == seeded.VisitorId).ToListAsync());
        Assert.Empty(await db.VisitorProfiles.Where(p => p.VisitorId == seeded.VisitorId).ToListAsync());
        Assert.Empty(await db.Set<Omnichannel.Hub.Targeting.VisitorPageView>().Where(p => p.VisitorId == seeded.VisitorId).ToListAsync());
        Assert.Empty(await db.Outbox.Where(o => messages.Select(m => m.Id).Contains(o.MessageId)).ToListAsync());
        Assert.Equal(ContactEraser.ErasedName, (await db.Contacts.SingleAsync(c => c.Id == seeded.ContactId)).DisplayName);

        var entry = Assert.Single(await AuditAsync(), e => e.Action == "contact.erased");
        Assert.Equal(($"contact {seeded.ContactId}", "Ann"), (entry.Subject, entry.ActorName));
        Assert.DoesNotContain("Kari", (entry.Before ?? "") + (entry.After ?? ""), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static async Task<SearchResults> SearchAsync(OperatorSession op, string q) =>
        (await op.Http.GetFromJsonAsync<SearchResults>($"/api/search?q={Uri.EscapeDataString(q)}", TestJson.Options))!;

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().AuditEntries.AsNoTracking().ToListAsync();
    }
}
