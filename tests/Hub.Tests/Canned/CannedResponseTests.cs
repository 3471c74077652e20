using System.Net;
using System.Net.Http.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Canned;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Canned;

public sealed class CannedResponseTests : IClassFixture<HubFactory>
{
    private readonly HubFactory hub;

    public CannedResponseTests(HubFactory hub) => this.hub = hub;

    [Fact]
    public async Task A_canned_response_fills_contact_and_operator_and_renders_an_unknown_variable_empty_with_a_warning()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Olivia Operator"));
        var id = await Seed.ConversationAsync(hub, ChannelKind.WebChat, op.Operator.Id, null, "Mia Jansen");
        var created = await (await op.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut = "hi", text = "Hi {{contact.firstName}}, {{operator.name}} here. Order {{order.number}}?" }))
            .Content.ReadFromJsonAsync<CannedResponseDto>(TestJson.Options);

        var rendered = await (await op.Http.PostAsJsonAsync($"/api/canned-responses/{created!.Id}/render", new { conversationId = id }))
            .Content.ReadFromJsonAsync<RenderedCannedResponse>(TestJson.Options);

        Assert.Equal("Hi Mia, Olivia Operator here. Order?", rendered!.Text);
        Assert.Equal(["order.number"], rendered.Unknown);
        var listed = await op.Http.GetFromJsonAsync<List<CannedResponseDto>>("/api/canned-responses?q=order", TestJson.Options);
        Assert.Equal(1, Assert.Single(listed!).UsageCount);
    }

    [Fact]
    public async Task A_personal_response_is_seen_only_by_its_author_and_only_supervisors_make_shop_responses()
    {
        var ann = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann"));
        var bob = await hub.LoginAsync(await hub.CreateOperatorAsync("Bob"));
        var boss = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Omnichannel.Hub.Operators.Roles.Supervisor));
        var shortcut = $"mine{Guid.NewGuid():N}"[..20];
        (await ann.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut, text = "private" })).EnsureSuccessStatusCode();

        Assert.Empty((await bob.Http.GetFromJsonAsync<List<CannedResponseDto>>($"/api/canned-responses?q={shortcut}", TestJson.Options))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut = "shop1", text = "x", scope = "Shop" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await boss.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut = "shop1", text = "For all", scope = "Shop" })).StatusCode);
        Assert.Single((await bob.Http.GetFromJsonAsync<List<CannedResponseDto>>("/api/canned-responses?q=shop1", TestJson.Options))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut = "has space", text = "x" })).StatusCode);
    }
}

public sealed class CannedTemplateTests
{
    [Theory]
    [InlineData("Hi {{contact.name}}!", "Hi Ann!", "")]
    [InlineData("Hi {{ contact.name }}, see {{shop.returnsUrl}}", "Hi Ann, see", "shop.returnsUrl")]
    [InlineData("{{x}} {{x}} {{y}}", "", "x,y")]
    [InlineData("No variables {{ not closed", "No variables {{ not closed", "")]
    public void Variables_are_filled_and_unknown_ones_render_empty_and_are_reported(string template, string text, string unknown)
    {
        var (rendered, missing) = CannedTemplate.Render(template, new Dictionary<string, string?> { ["contact.name"] = "Ann" });
        Assert.Equal(text, rendered);
        Assert.Equal(unknown, string.Join(',', missing));
    }
}
