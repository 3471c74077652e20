using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Contacts;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Search;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Teams;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Authorization;

/// <summary>
/// docs/security.md "Who sees which conversations", every person against every kind of conversation, through every
/// surface that shows one: the inbox, the conversation itself, search, the contacts page and the customer panel.
/// </summary>
public sealed class TeamVisibilityMatrixTests : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    /// <summary>Someone to hold a seeded conversation before it is put back in a queue.</summary>
    private long holder;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Each_person_sees_only_what_their_role_and_teams_allow_on_every_surface()
    {
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Admin", Roles.Admin));
        holder = admin.Operator.Id;
        var people = new Dictionary<string, OperatorSession>
        {
            ["sms operator"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Sam")),
            ["sms colleague"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Sid")),
            ["sms supervisor"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor)),
            ["mail operator"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Mia")),
            ["no team"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Nia")),
            ["admin"] = admin,
        };
        long Id(string who) => people[who].Operator.Id;
        await TeamAsync(admin, "SMS", ["Sms"], Id("sms operator"), Id("sms colleague"), Id("sms supervisor"));
        var mailTeam = await TeamAsync(admin, "Mail", ["Email"], Id("mail operator"));

        var word = "vis" + Guid.NewGuid().ToString("N")[..8];
        var conversations = new Dictionary<string, long>
        {
            ["sms, colleague's"] = await ConversationAsync(ChannelKind.Sms, Id("sms colleague"), word, "sms"),
            ["email, mail operator's"] = await ConversationAsync(ChannelKind.Email, Id("mail operator"), word, "email"),
            ["whatsapp, mail operator's"] = await ConversationAsync(ChannelKind.WhatsApp, Id("mail operator"), word, "whatsapp"),
            ["telegram, colleague's"] = await ConversationAsync(ChannelKind.Telegram, Id("sms colleague"), word, "telegram"),
            ["whatsapp, shop queue"] = await ConversationAsync(ChannelKind.WhatsApp, null, word, "queue"),
            ["messenger, mail team's queue"] = await ConversationAsync(ChannelKind.Messenger, null, word, "mailqueue", mailTeam),
        };
        string[] all = [.. people.Keys];
        var expected = new Dictionary<string, string[]>
        {
            ["sms, colleague's"] = ["sms operator", "sms colleague", "sms supervisor", "no team", "admin"],
            ["email, mail operator's"] = ["mail operator", "no team", "admin"],
            ["whatsapp, mail operator's"] = ["mail operator", "no team", "admin"],
            ["telegram, colleague's"] = ["sms colleague", "sms supervisor", "no team", "admin"],
            ["whatsapp, shop queue"] = all,
            ["messenger, mail team's queue"] = ["mail operator", "no team", "admin"],
        };

        var mismatches = new List<string>();
        foreach (var (who, session) in people)
        {
            var inbox = (await session.Http.GetFromJsonAsync<List<ConversationDto>>("/api/conversations?view=all", TestJson.Options))!.Select(c => c.Id).ToHashSet();
            var found = (await session.Http.GetFromJsonAsync<SearchResults>($"/api/search?q={word}&limit=50", TestJson.Options))!;
            var contacts = (await session.Http.GetFromJsonAsync<List<ContactSummaryDto>>($"/api/contacts?q={word}", TestJson.Options))!.Select(c => c.DisplayName).ToHashSet();
            foreach (var (what, id) in conversations)
            {
                var allowed = expected[what].Contains(who);
                var surfaces = new Dictionary<string, bool>
                {
                    ["inbox"] = inbox.Contains(id),
                    ["conversation"] = (await session.Http.GetAsync($"/api/conversations/{id}")).StatusCode == HttpStatusCode.OK,
                    ["messages"] = (await session.Http.GetAsync($"/api/conversations/{id}/messages")).StatusCode == HttpStatusCode.OK,
                    ["notes"] = (await session.Http.GetAsync($"/api/conversations/{id}/notes")).StatusCode == HttpStatusCode.OK,
                    ["customer panel"] = (await session.Http.GetAsync($"/api/conversations/{id}/customer")).StatusCode == HttpStatusCode.OK,
                    ["search: message"] = found.Hits.Any(h => h.ConversationId == id),
                    ["search: contact"] = found.Contacts.Any(c => c.ContactName == $"{word} {id}"),
                    ["contacts page"] = contacts.Contains($"{word} {id}"),
                };
                mismatches.AddRange(surfaces.Where(s => s.Value != allowed).Select(s => $"{who} / {what} / {s.Key}: {(s.Value ? "sees it" : "does not")}"));
            }
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task The_customer_panel_lists_only_the_earlier_conversations_the_reader_may_see()
    {
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Admin", Roles.Admin));
        var sam = await hub.LoginAsync(await hub.CreateOperatorAsync("Sam"));
        await TeamAsync(admin, "SMS only", ["Sms"], sam.Operator.Id);
        var sms = await ConversationAsync(ChannelKind.Sms, sam.Operator.Id, "panel", "sms");
        var email = await ConversationAsync(ChannelKind.Email, admin.Operator.Id, "panel", "email");
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var contact = await db.Conversations.Where(c => c.Id == sms).Select(c => c.ContactId).FirstAsync();
            await db.Conversations.Where(c => c.Id == email).ExecuteUpdateAsync(u => u.SetProperty(c => c.ContactId, contact));
        }

        var forSam = (await sam.Http.GetFromJsonAsync<ContactProfileDto>($"/api/conversations/{sms}/customer", TestJson.Options))!;
        var forAdmin = (await admin.Http.GetFromJsonAsync<ContactProfileDto>($"/api/conversations/{sms}/customer", TestJson.Options))!;

        Assert.Equal([sms], forSam.Conversations.Select(c => c.Id).ToList());
        Assert.Equal(new[] { sms, email }.Order().ToList(), forAdmin.Conversations.Select(c => c.Id).Order().ToList());
        Assert.Equal(HttpStatusCode.NotFound, (await sam.Http.PostAsJsonAsync($"/api/conversations/{email}/notes", new { text = "not mine" })).StatusCode);
    }

    [Fact]
    public async Task The_live_console_pushes_a_conversations_messages_only_to_those_who_may_see_it()
    {
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Admin", Roles.Admin));
        var sam = await hub.LoginAsync(await hub.CreateOperatorAsync("Sam"));
        var mia = await hub.LoginAsync(await hub.CreateOperatorAsync("Mia"));
        await TeamAsync(admin, "SMS live", ["Sms"], sam.Operator.Id);
        await TeamAsync(admin, "Mail live", ["Email"], mia.Operator.Id);
        var everything = await admin.ConnectConsoleAsync();
        var smsTeam = await sam.ConnectConsoleAsync();
        var email = await ConversationAsync(ChannelKind.Email, mia.Operator.Id, "live", "email");
        var sms = await ConversationAsync(ChannelKind.Sms, admin.Operator.Id, "live", "sms");

        await mia.ReplyAsync(email, "Only the mail team and the admin see this");
        await everything.Messages.WaitAsync(m => m.ConversationId == email);
        await admin.ReplyAsync(sms, "The SMS team sees this");
        await everything.Messages.WaitAsync(m => m.ConversationId == sms);
        await smsTeam.Messages.WaitAsync(m => m.ConversationId == sms);

        Assert.DoesNotContain(smsTeam.Messages.Seen, m => m.ConversationId == email);
    }

    private async Task<long> TeamAsync(OperatorSession admin, string name, string[] channels, params long[] members)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/teams", new { name = $"{name} {Guid.NewGuid():N}"[..30], channels, memberIds = members });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TeamDto>(TestJson.Options))!.Id;
    }

    /// <summary>A conversation whose contact is named "{word} {id}" and whose first message carries the word; waiting when nobody has it.</summary>
    private async Task<long> ConversationAsync(ChannelKind channel, long? assignee, string word, string tag, long? team = null)
    {
        var id = await Seed.ConversationAsync(hub, channel, assignee ?? holder, firstMessage: $"{word} {tag} question");
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Contacts.Where(k => db.Conversations.Any(c => c.Id == id && c.ContactId == k.Id)).ExecuteUpdateAsync(u => u.SetProperty(k => k.DisplayName, $"{word} {id}"));
        if (assignee is null)
            await db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.State, ConversationState.Waiting).SetProperty(c => c.AssignedOperatorId, (long?)null).SetProperty(c => c.RequiredTeamId, team));
        return id;
    }
}
