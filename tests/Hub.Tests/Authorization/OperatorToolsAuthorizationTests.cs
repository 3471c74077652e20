using System.Net;
using System.Net.Http.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Canned;
using Omnichannel.Hub.Contacts;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Authorization;

/// <summary>The rule in docs/operator-tools.md ("Who may do what"), one role at a time.</summary>
public sealed class OperatorToolsAuthorizationTests : IClassFixture<HubFactory>
{
    private readonly HubFactory hub;

    public OperatorToolsAuthorizationTests(HubFactory hub) => this.hub = hub;

    [Fact]
    public async Task Without_a_login_nothing_of_the_operator_tools_answers()
    {
        var anonymous = hub.Http();
        foreach (var url in new[] { "/api/search?q=x", "/api/contacts", "/api/labels", "/api/canned-responses", "/api/conversations/1/notes", "/api/conversations/1/customer", "/api/contacts/merge-suggestions" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_operator_uses_the_shop_sets_but_only_supervisors_define_labels_and_shared_canned_responses()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Otto"));
        var sup = await hub.LoginAsync(await hub.CreateOperatorAsync("Sara", Roles.Supervisor));
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Adam", Roles.Admin));

        Assert.Equal(HttpStatusCode.Forbidden, (await op.Http.PostAsJsonAsync("/api/labels", new { name = "x1", color = "#000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sup.Http.PostAsJsonAsync("/api/labels", new { name = "x2", color = "#000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.Http.PostAsJsonAsync("/api/labels", new { name = "x3", color = "#000000" })).StatusCode);
        var shop = (await (await sup.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut = "authz-shop", text = "t", scope = "Shop" })).Content.ReadFromJsonAsync<CannedResponseDto>(TestJson.Options))!;
        Assert.Equal(HttpStatusCode.Forbidden, (await op.Http.PutAsJsonAsync($"/api/canned-responses/{shop.Id}", new { shortcut = "authz-shop", text = "changed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.Http.DeleteAsync($"/api/canned-responses/{shop.Id}")).StatusCode);
        var mine = (await (await op.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut = "authz-mine", text = "t" })).Content.ReadFromJsonAsync<CannedResponseDto>(TestJson.Options))!;
        Assert.Equal(HttpStatusCode.NotFound, (await sup.Http.DeleteAsync($"/api/canned-responses/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await op.Http.DeleteAsync($"/api/canned-responses/{mine.Id}")).StatusCode);
    }

    [Fact]
    public async Task Only_the_operator_who_merged_or_a_supervisor_undoes_a_merge()
    {
        var otto = await hub.LoginAsync(await hub.CreateOperatorAsync("Otto"));
        var olga = await hub.LoginAsync(await hub.CreateOperatorAsync("Olga"));
        var sup = await hub.LoginAsync(await hub.CreateOperatorAsync("Sara", Roles.Supervisor));
        async Task<long> ContactAsync(ChannelKind channel) =>
            (await otto.Http.GetFromJsonAsync<ConversationDto>($"/api/conversations/{await Seed.ConversationAsync(hub, channel, otto.Operator.Id)}", TestJson.Options))!.ContactId;
        var first = (await (await otto.Http.PostAsJsonAsync($"/api/contacts/{await ContactAsync(ChannelKind.Email)}/merge", new { otherContactId = await ContactAsync(ChannelKind.Sms) }))
            .Content.ReadFromJsonAsync<ContactMergeDto>(TestJson.Options))!;
        var second = (await (await otto.Http.PostAsJsonAsync($"/api/contacts/{await ContactAsync(ChannelKind.Telegram)}/merge", new { otherContactId = await ContactAsync(ChannelKind.Messenger) }))
            .Content.ReadFromJsonAsync<ContactMergeDto>(TestJson.Options))!;

        Assert.Equal(HttpStatusCode.Forbidden, (await olga.Http.PostAsync($"/api/contacts/merges/{first.Id}/undo", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otto.Http.PostAsync($"/api/contacts/merges/{first.Id}/undo", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sup.Http.PostAsync($"/api/contacts/merges/{second.Id}/undo", null)).StatusCode);
    }
}
