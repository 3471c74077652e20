using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Email;

namespace Omnichannel.Adapters.Tests.Email;

public sealed class EmailThreadingTests
{
    [Theory]
    [InlineData("Order 42", "order 42")]
    [InlineData("Re: Order 42", "order 42")]
    [InlineData("RE: Fwd: Re[2]:  Order   42 ", "order 42")]
    [InlineData("AW: WG: Order 42", "order 42")]
    [InlineData("SV: Order 42", "order 42")]
    [InlineData("Réponse", "réponse")]
    [InlineData("", "")]
    public void NormalizeSubject_StripsReplyPrefixes(string subject, string normalized) =>
        Assert.Equal(normalized, EmailThreading.NormalizeSubject(subject));

    [Theory]
    [InlineData("Order 42", "Re: Order 42")]
    [InlineData("Re: Order 42", "Re: Order 42")]
    [InlineData("RE: Order 42", "RE: Order 42")]
    [InlineData("Fwd: Order 42", "Re: Fwd: Order 42")]
    [InlineData("", "Re: your message")]
    public void ReplySubject_AddsReOnce(string subject, string reply) =>
        Assert.Equal(reply, EmailThreading.ReplySubject(subject));

    [Fact]
    public void Ancestors_InReplyToFirst_ThenReferencesNewestFirst() =>
        Assert.Equal(["c", "b", "a"], EmailThreading.Ancestors("c", ["a", "b", "c"]));

    [Fact]
    public void MatchBySubject_PicksTheMostRecentConversationWithTheSameSubject()
    {
        var now = new DateTime(2025, 6, 3, 0, 0, 0, DateTimeKind.Utc);
        ConversationThread Conv(long id, string subject, int daysAgo) =>
            new(id, "ada@customer.test", new EmailThread("support", subject, "x", []).Serialize(), now.AddDays(-daysAgo), false);
        var recent = new[] { Conv(1, "Order 42", 5), Conv(2, "Re: order 42", 1), Conv(3, "Invoice", 0) };
        Assert.Equal(2, EmailThreading.MatchBySubject("RE: Order 42", recent)!.ConversationId);
        Assert.Null(EmailThreading.MatchBySubject("Something else", recent));
        Assert.Null(EmailThreading.MatchBySubject("", recent));
    }

    [Fact]
    public void ThreadKey_RoundTrips_AndKeepsTheChainCapped()
    {
        var known = new EmailThread("support", "Order", "m2", ["m1"]);
        var after = EmailThread.After("support", "Re: Order", "m4", ["m1", "m3"], known);
        Assert.Equal("m4", after.LastMessageId);
        Assert.Equal(["m1", "m2", "m3"], after.References);
        Assert.Equal("Re: Order", EmailThread.Parse(after.Serialize())!.Subject);
        Assert.Equal(["m1", "m2", "m3", "m4"], EmailThread.Parse(after.Serialize())!.ReplyReferences());

        var longChain = Enumerable.Range(1, 50).Select(i => $"m{i}").ToList();
        var capped = EmailThread.After("support", "x", "new", longChain, null);
        Assert.Equal(EmailThread.MaxReferences, capped.References.Count);
        Assert.Equal("m1", capped.References[0]);
        Assert.Equal("m50", capped.References[^1]);
        Assert.Null(EmailThread.Parse("not json"));
    }
}
