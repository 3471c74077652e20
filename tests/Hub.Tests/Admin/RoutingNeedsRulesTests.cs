using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing.Rules;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>The pure decision the pipeline runs when a conversation opens: which rule gives it which skills and team.</summary>
public sealed class RoutingNeedsRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<long, string> Teams = new() { [1] = "Checkout", [2] = "Support NL" };

    private static readonly List<RoutingRule> Rules =
    [
        new() { Id = 10, Position = 3, Name = "Dutch returns", Language = "nl", Keywords = ["retour", "return"], Skills = ["returns", "nl"], TeamId = 2, OverflowAfterSeconds = 120 },
        new() { Id = 11, Position = 1, Name = "Checkout", Channel = "WebChat", PageGroup = "/checkout*", Skills = ["payments"], TeamId = 1, OverflowAfterSeconds = 45 },
        new() { Id = 12, Position = 2, Name = "Off", Enabled = false, Skills = ["never"] },
        new() { Id = 13, Position = 4, Name = "Email billing", Channel = "Email", Keywords = ["invoice"], Skills = ["billing"] },
    ];

    [Theory]
    [InlineData(ChannelKind.WebChat, "/checkout/payment", "en", "hello", "Checkout")]
    [InlineData(ChannelKind.WebChat, "/product/42", "nl-BE", "Ik wil een Retour!", "Dutch returns")]
    [InlineData(ChannelKind.WhatsApp, null, "NL_nl", "return please", "Dutch returns")]
    [InlineData(ChannelKind.Email, null, null, "Where is my INVOICE?", "Email billing")]
    public void TheFirstMatchingEnabledRule_Decides(ChannelKind channel, string? page, string? language, string text, string expected)
    {
        var needs = RoutingNeedsRules.Decide(Rules, Teams, new ConversationFacts(channel, page, language, text), Now);

        Assert.NotNull(needs);
        Assert.Contains($"(rule “{expected}”", needs.Explanation);
    }

    [Theory]
    [InlineData(ChannelKind.WebChat, "/product/42", "nl", "where is my parcel")] // Dutch but no keyword
    [InlineData(ChannelKind.WebChat, "/product/42", "en", "I returned it")] // "returned" is not the word "return"
    [InlineData(ChannelKind.Sms, null, null, "invoice")] // billing rule is for email only
    [InlineData(ChannelKind.WhatsApp, "/checkout", "en", "hi")] // checkout rule is for web chat only
    public void NoMatchingRule_MeansNoNeeds(ChannelKind channel, string? page, string? language, string text) =>
        Assert.Null(RoutingNeedsRules.Decide(Rules, Teams, new ConversationFacts(channel, page, language, text), Now));

    [Fact]
    public void Needs_CarrySkillsTeamAndOverflowTime_AndReadAsALine()
    {
        var needs = RoutingNeedsRules.Decide(Rules, Teams, new ConversationFacts(ChannelKind.WebChat, "/", "nl", "retour"), Now)!;

        Assert.Equal(["returns", "nl"], needs.Skills);
        Assert.Equal(2, needs.TeamId);
        Assert.Equal(Now.AddSeconds(120), needs.OverflowAt);
        Assert.Equal("needs: returns, nl → team Support NL (rule “Dutch returns”; anyone after 120 s)", needs.Explanation);
    }

    [Fact]
    public void ARuleWhoseTeamWasDeleted_StillSetsItsSkills()
    {
        var needs = RoutingNeedsRules.Decide(Rules, new Dictionary<long, string>(), new ConversationFacts(ChannelKind.WebChat, "/checkout", null, "hi"), Now)!;

        Assert.Null(needs.TeamId);
        Assert.Equal(["payments"], needs.Skills);
    }
}
