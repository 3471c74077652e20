using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Teams;

namespace Omnichannel.Hub.Tests.Authorization;

/// <summary>The visibility rule as data: the expression tested here is the one the inbox and the contacts queries run.</summary>
public sealed class ConversationScopeTests
{
    private static readonly TeamServing Sms = new(1, ["Sms"], [10, 11]);
    private static readonly TeamServing AllChannels = new(2, [], [12]);

    public static TheoryData<string, bool, bool, TeamServing[], ChannelKind, ConversationState, long?, long?, bool> Cases => new()
    {
        // who, admin, supervisor, teams, channel, state, assignee, required team → sees it
        { "admin in no team", true, false, [], ChannelKind.Email, ConversationState.Assigned, 99, null, true },
        { "operator in no team: the shop is the team", false, false, [], ChannelKind.Email, ConversationState.Closed, 99, null, true },
        { "team serving every channel", false, false, [AllChannels], ChannelKind.Email, ConversationState.Assigned, 99, null, true },
        { "team's channel", false, false, [Sms], ChannelKind.Sms, ConversationState.Closed, 99, null, true },
        { "other channel, a colleague's", false, false, [Sms], ChannelKind.Email, ConversationState.Assigned, 99, null, false },
        { "other channel, own", false, false, [Sms], ChannelKind.Email, ConversationState.Assigned, 10, null, true },
        { "other channel, shop queue", false, false, [Sms], ChannelKind.Email, ConversationState.Waiting, null, null, true },
        { "other channel, another team's queue", false, false, [Sms], ChannelKind.Email, ConversationState.Waiting, null, 3L, false },
        { "other channel, the team's queue", false, false, [Sms], ChannelKind.Email, ConversationState.Assigned, 99, 1L, true },
        { "operator: a teammate's on another channel", false, false, [Sms], ChannelKind.Telegram, ConversationState.Assigned, 11, null, false },
        { "supervisor: a team member's on another channel", false, true, [Sms], ChannelKind.Telegram, ConversationState.Assigned, 11, null, true },
        { "supervisor: a stranger's on another channel", false, true, [Sms], ChannelKind.Telegram, ConversationState.Closed, 99, null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sees_a_conversation_by_role_teams_and_ownership(
        string who, bool admin, bool supervisor, TeamServing[] teams, ChannelKind channel, ConversationState state, long? assignee, long? team, bool sees)
    {
        var scope = ConversationScope.For(10, admin, supervisor, teams);
        var conversation = new Conversation { ContactHandle = "h", Channel = channel, State = state, AssignedOperatorId = assignee, RequiredTeamId = team };

        Assert.True(scope.Predicate().Compile()(conversation) == sees, who);
    }
}
