using System.Net;
using System.Net.Http.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Labels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Labels;

public sealed class LabelTests : IClassFixture<HubFactory>
{
    private readonly HubFactory hub;

    public LabelTests(HubFactory hub) => this.hub = hub;

    [Fact]
    public async Task The_inbox_filters_by_label_and_a_bulk_action_labels_and_closes_several_conversations()
    {
        var boss = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Omnichannel.Hub.Operators.Roles.Supervisor));
        var refund = (await (await boss.Http.PostAsJsonAsync("/api/labels", new { name = $"refund-{Guid.NewGuid():N}"[..14], color = "#CC0000" })).Content.ReadFromJsonAsync<LabelDto>(TestJson.Options))!;
        var a = await Seed.ConversationAsync(hub, ChannelKind.Telegram, boss.Operator.Id);
        var b = await Seed.ConversationAsync(hub, ChannelKind.Messenger, boss.Operator.Id);
        var c = await Seed.ConversationAsync(hub, ChannelKind.WebChat, boss.Operator.Id);

        (await boss.Http.PutAsJsonAsync($"/api/conversations/{a}/labels", new { labelIds = new[] { refund.Id } })).EnsureSuccessStatusCode();
        var labelled = (await boss.Http.GetFromJsonAsync<List<ConversationDto>>($"/api/conversations?view=All&label={refund.Id}", TestJson.Options))!;
        Assert.Equal([a], labelled!.Select(x => x.Id).ToList());
        Assert.Equal([refund.Id], labelled[0].LabelIds ?? []);

        var bulk = await (await boss.Http.PostAsJsonAsync("/api/conversations/bulk", new { conversationIds = new[] { b, c, 999999 }, action = "Label", labelId = refund.Id }))
            .Content.ReadFromJsonAsync<BulkResultDto>(TestJson.Options);
        Assert.Equal([b, c], bulk!.Done.Order().ToList());
        Assert.Contains(999999, bulk.Failed.Keys);
        var messenger = await boss.Http.GetFromJsonAsync<List<ConversationDto>>($"/api/conversations?view=All&label={refund.Id}&channel=Messenger", TestJson.Options);
        Assert.Equal([b], messenger!.Select(x => x.Id).ToList());

        var closed = await (await boss.Http.PostAsJsonAsync("/api/conversations/bulk", new { conversationIds = new[] { a, b, c }, action = "Close" })).Content.ReadFromJsonAsync<BulkResultDto>(TestJson.Options);
        Assert.Equal(3, closed!.Done.Count);
        Assert.Empty((await boss.Http.GetFromJsonAsync<List<ConversationDto>>($"/api/conversations?view=All&label={refund.Id}", TestJson.Options))!);
    }

    [Fact]
    public async Task Only_supervisors_define_labels_and_bad_labels_are_refused()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann"));
        var boss = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Omnichannel.Hub.Operators.Roles.Supervisor));
        var id = await Seed.ConversationAsync(hub, ChannelKind.Telegram, op.Operator.Id);

        Assert.Equal(HttpStatusCode.Forbidden, (await op.Http.PostAsJsonAsync("/api/labels", new { name = "x", color = "#000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await boss.Http.PostAsJsonAsync("/api/labels", new { name = "x", color = "red" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.Http.PutAsJsonAsync($"/api/conversations/{id}/labels", new { labelIds = new[] { 424242 } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.Http.GetAsync("/api/conversations?view=All&limit=500")).StatusCode);
    }

    [Fact]
    public async Task The_inbox_pages_beyond_two_hundred_conversations_without_gaps_or_repeats()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Pager"));
        var label = (await (await (await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Omnichannel.Hub.Operators.Roles.Supervisor)))
            .Http.PostAsJsonAsync("/api/labels", new { name = $"page-{Guid.NewGuid():N}"[..12], color = "#00aa00" })).Content.ReadFromJsonAsync<LabelDto>(TestJson.Options))!;
        var ids = new List<long>();
        for (var i = 0; i < 230; i++)
            ids.Add(await Seed.ConversationAsync(hub, ChannelKind.Telegram, op.Operator.Id));
        (await op.Http.PostAsJsonAsync("/api/conversations/bulk", new { conversationIds = ids.Take(200), action = "Label", labelId = label.Id })).EnsureSuccessStatusCode();
        (await op.Http.PostAsJsonAsync("/api/conversations/bulk", new { conversationIds = ids.Skip(200), action = "Label", labelId = label.Id })).EnsureSuccessStatusCode();

        var first = (await op.Http.GetFromJsonAsync<List<ConversationDto>>($"/api/conversations?view=All&label={label.Id}", TestJson.Options))!;
        var second = (await op.Http.GetFromJsonAsync<List<ConversationDto>>($"/api/conversations?view=All&label={label.Id}&offset=200", TestJson.Options))!;

        Assert.Equal(200, first.Count);
        Assert.Equal(30, second.Count);
        Assert.Equal(ids.Order(), first.Concat(second).Select(c => c.Id).Order());
    }
}
