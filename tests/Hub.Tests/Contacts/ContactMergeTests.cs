using System.Net;
using System.Net.Http.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Contacts;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Labels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Contacts;

public sealed class ContactMergeTests : IClassFixture<HubFactory>
{
    private readonly HubFactory hub;

    public ContactMergeTests(HubFactory hub) => this.hub = hub;

    [Fact]
    public async Task Merging_moves_every_identity_conversation_and_label_and_undo_puts_each_back()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Omnichannel.Hub.Operators.Roles.Supervisor));
        var mail = $"merge-{Guid.NewGuid():N}@example.com";
        var emailConversation = await Seed.ConversationAsync(hub, ChannelKind.Email, op.Operator.Id, mail, "Mia by mail");
        var smsConversation = await Seed.ConversationAsync(hub, ChannelKind.Sms, op.Operator.Id, $"+3161{Random.Shared.Next(1000000, 9999999)}", "Mia by SMS");
        var survivor = (await Get<ConversationDto>(op, $"/api/conversations/{emailConversation}")).ContactId;
        var merged = (await Get<ConversationDto>(op, $"/api/conversations/{smsConversation}")).ContactId;
        var label = await (await op.Http.PostAsJsonAsync("/api/labels", new { name = $"vip-{Guid.NewGuid():N}"[..12], color = "#aa3300" }))
            .Content.ReadFromJsonAsync<LabelDto>(TestJson.Options);
        Assert.NotNull(label);
        (await op.Http.PutAsJsonAsync($"/api/contacts/{merged}", new { phone = "+31 6 1234 5678", about = "Prefers SMS" })).EnsureSuccessStatusCode();
        (await op.Http.PutAsJsonAsync($"/api/contacts/{merged}/labels", new { labelIds = new[] { label!.Id } })).EnsureSuccessStatusCode();

        var merge = await (await op.Http.PostAsJsonAsync($"/api/contacts/{survivor}/merge", new { otherContactId = merged })).Content.ReadFromJsonAsync<ContactMergeDto>(TestJson.Options);

        var after = await Get<ContactProfileDto>(op, $"/api/contacts/{survivor}");
        Assert.Equal([ChannelKind.Sms, ChannelKind.Email], after.Identities.Select(i => i.Channel).Order().ToList());
        Assert.Equal([emailConversation, smsConversation], after.Conversations.Select(c => c.Id).Order().ToList());
        Assert.Equal([label.Id], after.Labels.Select(l => l.Id).ToList());
        Assert.Equal(("+31 6 1234 5678", "Prefers SMS"), (after.Phone, after.About));
        Assert.Equal(survivor, (await Get<ConversationDto>(op, $"/api/conversations/{smsConversation}")).ContactId);
        Assert.Equal(survivor, (await Get<ContactProfileDto>(op, $"/api/contacts/{merged}")).MergedIntoContactId);

        var undo = await op.Http.PostAsync($"/api/contacts/merges/{merge!.Id}/undo", null);
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);

        var back = await Get<ContactProfileDto>(op, $"/api/contacts/{survivor}");
        var restored = await Get<ContactProfileDto>(op, $"/api/contacts/{merged}");
        Assert.Equal([ChannelKind.Email], back.Identities.Select(i => i.Channel).ToList());
        Assert.Equal([emailConversation], back.Conversations.Select(c => c.Id).ToList());
        Assert.Empty(back.Labels);
        Assert.Equal((null, null), (back.Phone, back.About));
        Assert.Equal([ChannelKind.Sms], restored.Identities.Select(i => i.Channel).ToList());
        Assert.Equal([smsConversation], restored.Conversations.Select(c => c.Id).ToList());
        Assert.Equal([label.Id], restored.Labels.Select(l => l.Id).ToList());
        Assert.Null(restored.MergedIntoContactId);
        Assert.Equal(HttpStatusCode.Conflict, (await op.Http.PostAsync($"/api/contacts/merges/{merge.Id}/undo", null)).StatusCode);
    }

    [Fact]
    public async Task The_same_email_on_two_channels_is_suggested_for_a_merge_and_nothing_is_merged_silently()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann"));
        var mail = $"Lena-{Guid.NewGuid():N}@Example.com";
        var email = await Seed.ConversationAsync(hub, ChannelKind.Email, op.Operator.Id, mail.ToLowerInvariant(), "Lena (mail)");
        var telegram = await Seed.ConversationAsync(hub, ChannelKind.Telegram, op.Operator.Id, null, "Lena (Telegram)");
        var telegramContact = (await Get<ConversationDto>(op, $"/api/conversations/{telegram}")).ContactId;
        (await op.Http.PutAsJsonAsync($"/api/contacts/{telegramContact}", new { email = mail })).EnsureSuccessStatusCode();

        var suggestions = await Get<List<MergeSuggestionDto>>(op, "/api/contacts/merge-suggestions");

        var emailContact = (await Get<ConversationDto>(op, $"/api/conversations/{email}")).ContactId;
        var suggestion = Assert.Single(suggestions, s => s.Value == mail.ToLowerInvariant());
        Assert.Equal((Math.Min(emailContact, telegramContact), Math.Max(emailContact, telegramContact)), (suggestion.ContactId, suggestion.OtherContactId));
        Assert.Equal("same e-mail", suggestion.Reason);
        Assert.Null((await Get<ContactProfileDto>(op, $"/api/contacts/{telegramContact}")).MergedIntoContactId);
    }

    [Fact]
    public async Task Bad_contact_edits_and_merges_get_a_clear_error()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann"));
        var id = await Seed.ConversationAsync(hub, ChannelKind.Telegram, op.Operator.Id);
        var contact = (await Get<ConversationDto>(op, $"/api/conversations/{id}")).ContactId;

        Assert.Equal(HttpStatusCode.BadRequest, (await op.Http.PutAsJsonAsync($"/api/contacts/{contact}", new { email = "not-an-address" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.Http.PutAsJsonAsync($"/api/contacts/{contact}", new { displayName = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.Http.PostAsJsonAsync($"/api/contacts/{contact}/merge", new { otherContactId = contact })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.Http.PostAsJsonAsync($"/api/contacts/{contact}/merge", new { otherContactId = 987654 })).StatusCode);
    }

    private static async Task<T> Get<T>(OperatorSession op, string url) => (await op.Http.GetFromJsonAsync<T>(url, TestJson.Options))!;
}
