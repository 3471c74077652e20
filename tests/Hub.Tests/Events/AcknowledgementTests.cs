using Omnichannel.Hub.Pipeline;

namespace Omnichannel.Hub.Tests.Events;

/// <summary>The acknowledgement decision the inbound handler runs: wait for the message's own event, or answer at the commit.</summary>
public sealed class AcknowledgementTests
{
    [Theory]
    [InlineData(AcknowledgeAt.Handled, 1, 1000, true)]
    [InlineData(AcknowledgeAt.Handled, 0, 1000, true)]
    [InlineData(AcknowledgeAt.Committed, 1, 1000, false)]
    [InlineData(AcknowledgeAt.Committed, 999, 1000, false)]
    [InlineData(AcknowledgeAt.Committed, 1000, 1000, true)]
    [InlineData(AcknowledgeAt.Committed, 5000, 1000, true)]
    public void TheSenderWaits_WhenAcknowledgingAfterHandling_OrWhenTooManyEventsAreUnhandled(AcknowledgeAt mode, int unhandled, int max, bool waits) =>
        Assert.Equal(waits, Acknowledgement.WaitForHandling(mode, unhandled, max));
}
