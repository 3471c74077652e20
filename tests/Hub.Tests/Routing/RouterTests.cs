using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Tests.Routing;

public sealed class RouterTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static Candidate Op(long id, int activeLive = 0, int activeAsync = 0, Presence presence = Presence.Available, DateTime? lastAssigned = null, params string[] skills) =>
        new(id, presence, LiveCapacity: 3, AsyncCapacity: 8, activeLive, activeAsync, skills, lastAssigned);

    private static QueuedConversation Chat(long id, int deadlineSeconds = 30, params string[] skills) =>
        new(id, ChannelKind.WebChat, T0.AddSeconds(deadlineSeconds), skills);

    [Fact]
    public void Pick_SkipsOperatorsAtCapacityForTheChannel()
    {
        var full = Op(1, activeLive: 3);
        var free = Op(2, activeLive: 2);
        Assert.Equal(2, Router.Pick([full, free], Chat(10))!.OperatorId);
        Assert.Equal(1, Router.Pick([full], new QueuedConversation(11, ChannelKind.Email, T0, []))!.OperatorId);
    }

    [Fact]
    public void Pick_SkipsAwayAndOfflineOperators() =>
        Assert.Null(Router.Pick([Op(1, presence: Presence.Away), Op(2, presence: Presence.Offline)], Chat(10)));

    [Fact]
    public void Pick_RequiresEverySkillTheConversationNeeds()
    {
        var english = Op(1, skills: "en");
        var bilingual = Op(2, activeLive: 2, skills: ["en", "nb"]);
        Assert.Equal(2, Router.Pick([english, bilingual], Chat(10, 30, "nb"))!.OperatorId);
        Assert.Equal(2, Router.Pick([english, bilingual], Chat(10, 30, "NB", "en"))!.OperatorId);
        Assert.Null(Router.Pick([english], Chat(10, 30, "de")));
    }

    [Fact]
    public void Pick_PrefersFewestActive_ThenLongestIdle_ThenLowestId()
    {
        var busy = Op(1, activeLive: 1, activeAsync: 2);
        var recent = Op(2, activeLive: 1, lastAssigned: T0.AddMinutes(-1));
        var idle = Op(3, activeLive: 1, lastAssigned: T0.AddMinutes(-30));
        Assert.Equal(3, Router.Pick([busy, recent, idle], Chat(10))!.OperatorId);
        Assert.Equal(4, Router.Pick([Op(5), Op(4)], Chat(10))!.OperatorId);
        Assert.Equal(6, Router.Pick([Op(6), Op(7, activeAsync: 1)], Chat(10))!.OperatorId);
    }

    [Fact]
    public void Pick_DoesNotAskAgainWhoDeclinedOrLetItExpire()
    {
        var chat = Chat(10) with { Excluded = new HashSet<long> { 1 } };
        Assert.Equal(2, Router.Pick([Op(1), Op(2, activeLive: 2)], chat)!.OperatorId);
        Assert.Equal([1L, 2L], Router.Eligible([Op(1), Op(2)], chat, ignoreExclusions: true).Select(c => c.OperatorId));
    }

    [Fact]
    public void Plan_HandsOutEarliestDeadlineFirst_AndCountsEachPick()
    {
        var email = new QueuedConversation(1, ChannelKind.Email, T0.AddDays(1), []);
        var chats = Enumerable.Range(2, 4).Select(i => Chat(i, 30 + i)).ToList();
        var plan = Router.Plan([Op(1, activeLive: 1)], [email, .. chats], T0);
        // Two live slots left: the two earliest chats get them, then the email (async capacity), not the later chats.
        Assert.Equal([2L, 3L, 1L], plan.Select(p => p.Conversation.Id));
    }

    [Fact]
    public void Plan_SpreadsLoadAcrossOperators()
    {
        var plan = Router.Plan([Op(1), Op(2)], Enumerable.Range(1, 4).Select(i => Chat(i, i)), T0);
        Assert.Equal([1L, 2L, 1L, 2L], plan.Select(p => p.Operator.OperatorId));
    }
}
