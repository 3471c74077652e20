using CsCheck;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Tests.Properties;

/// <summary><see cref="StoredLimits.Fit"/>, the function the hub runs on every inbound message before storing it.</summary>
public sealed class StoredLimitsPropertyTests
{
    private static readonly Gen<string> Text = Gen.OneOf(Gen.String, Gen.String[Gen.Char, 0, 500], Gen.Const("a\0b"), Gen.Const(new string('z', 20_000)));
    private static readonly Gen<string> Id = Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 1, 400], Gen.String[Gen.Char, 0, 30]);

    [Fact]
    public void AFittedMessage_FitsEveryColumn_AndHoldsNoNul() =>
        Gen.Select(Gen.Enum<ChannelKind>(), Id, Id, Text, Text).Sample((channel, handle, id, text, name) =>
        {
            var (fitted, refusal) = StoredLimits.Fit(new InboundMessage(channel, handle, id, text, Payloads.Now) { ContactName = name });
            if (fitted is null)
            {
                Assert.False(string.IsNullOrEmpty(refusal));
                return;
            }
            Assert.Equal(handle, fitted.ContactHandle); // ids are never changed, only accepted or refused
            Assert.Equal(id, fitted.ProviderMessageId);
            Assert.InRange(handle.Length, 1, StoredLimits.ContactHandle);
            Assert.InRange(id.Length, 1, StoredLimits.ProviderMessageId);
            Assert.DoesNotContain('\0', fitted.Text);
            Assert.True(fitted.Text.Length <= TextLimits.MaxInboundText(channel) + 80);
            Assert.True((fitted.ContactName?.Length ?? 0) <= StoredLimits.ContactName);
            Assert.DoesNotContain('\0', fitted.ContactName ?? "");
        }, iter: 3000);

    [Theory]
    [InlineData("whatsapp:+34600111222", "SM1f0e8ae6ade43cb3c0ce4525424e404f", null)]
    [InlineData("", "SM1", "The contact handle is empty.")]
    [InlineData("whatsapp:+34600111222", "m_\0", "The provider message id contains control characters.")]
    public void Identifiers_AreAcceptedOrRefusedWithAReason(string handle, string id, string? expected) =>
        Assert.Equal(expected, StoredLimits.Fit(new InboundMessage(ChannelKind.WhatsApp, handle, id, "hi", Payloads.Now)).Refusal);

    [Fact]
    public void AnIdOneCharacterTooLong_IsRefused_NeverCut()
    {
        var (fitted, refusal) = StoredLimits.Fit(new InboundMessage(ChannelKind.Sms, "+1", new string('s', StoredLimits.ProviderMessageId + 1), "hi", Payloads.Now));

        Assert.Null(fitted);
        Assert.Equal($"The provider message id is {StoredLimits.ProviderMessageId + 1} characters long; at most {StoredLimits.ProviderMessageId} are stored.", refusal);
    }
}
