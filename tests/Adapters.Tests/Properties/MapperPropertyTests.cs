using System.Text;
using CsCheck;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Email;
using Omnichannel.Adapters.Messenger;
using Omnichannel.Adapters.Telegram;
using Omnichannel.Adapters.Twilio;

namespace Omnichannel.Adapters.Tests.Properties;

/// <summary>
/// Every mapper, fed generated and mutated provider payloads, answers with a message, a skip or an error — never an
/// exception (which would be a 5xx to the provider and, for a batch, the loss of its good events).
/// </summary>
public sealed class MapperPropertyTests
{
    private const long Iterations = 3000;

    private static string[] Recorded(string channel) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Payloads", channel)).Order().Select(File.ReadAllText)];

    private static Gen<string> Mutated(string channel)
    {
        var recorded = Recorded(channel);
        return Gen.Select(Gen.Int[0, recorded.Length - 1], PayloadMutations.Mutation.Array[1, 6], (i, ms) => PayloadMutations.Apply(recorded[i], ms));
    }

    private static readonly Gen<string> Garbage = Gen.OneOf(Gen.String, Gen.Const("{"), Gen.Const("[]"), Gen.Const("null"), Gen.Const("{\"update_id\":1,\"message\":{}}"),
        Gen.Const("{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1,\"document\":{}}}"),
        Gen.Const("{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"sender\":{\"id\":\"1\"},\"timestamp\":-99999999999999999,\"message\":{\"mid\":\"m\"}}]}]}"));

    [Fact]
    public void Telegram_MutatedUpdates_AreAMessageASkipOrAnError_NeverAnException() =>
        Gen.OneOf(Mutated("Telegram"), Garbage).Sample(body =>
        {
            var (update, error) = TelegramMapper.Parse(body);
            Assert.True(update is not null || error is not null);
            var mapped = update is null ? null : TelegramMapper.Map(update, Payloads.Now);
            if (mapped is TelegramInbound { Message: var inbound } || mapped is TelegramEdit { AsNew: var edited } && (inbound = edited) is not null)
            {
                Assert.False(string.IsNullOrEmpty(inbound.ContactHandle));
                Assert.All(inbound.Attachments, a => Assert.NotEqual(TelegramMapper.MediaPath, a.Url));
            }
        }, iter: Iterations);

    [Fact]
    public void Messenger_MutatedBatches_SkipOnlyTheBadEvents_NeverThrow() =>
        Gen.OneOf(Mutated("Messenger"), Garbage).Sample(body =>
        {
            var (events, error) = MessengerMapper.Parse(Encoding.UTF8.GetBytes(body));
            Assert.True(error is null || events.Count == 0);
            Assert.All(events.OfType<MessengerInbound>(), e => Assert.False(string.IsNullOrEmpty(e.Message.ContactHandle)));
        }, iter: Iterations);

    private static readonly string[] TwilioKeys = ["MessageSid", "SmsMessageSid", "From", "To", "Body", "NumMedia", "MediaUrl0", "MediaContentType0",
        "MessageStatus", "ErrorCode", "Latitude", "Longitude", "ProfileName", "WaId", "ButtonText", "ErrorMessage"];

    [Fact]
    public void Twilio_GeneratedAndMutatedForms_AreAMessageOrAnError_NeverAnException()
    {
        var recorded = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Payloads", "Twilio")).Order()
            .Select(f => Payloads.Form(Path.Combine("Twilio", Path.GetFileName(f)))).ToArray();
        var change = Gen.Select(Gen.Int[0, TwilioKeys.Length - 1], Gen.Bool, PayloadMutations.AnyText);
        Gen.Select(Gen.Int[0, recorded.Length - 1], change.Array[0, 6], (i, changes) =>
        {
            var form = new Dictionary<string, string>(recorded[i]);
            foreach (var (key, remove, value) in changes)
                if (remove)
                    form.Remove(TwilioKeys[key]);
                else
                    form[TwilioKeys[key]] = value;
            return form;
        }).Sample(form =>
        {
            var (message, error) = TwilioMapper.ToInbound(form, Payloads.Now);
            Assert.True(message is not null || error is not null);
            var (status, statusError) = TwilioMapper.ToStatus(form);
            Assert.True(status is not null || statusError is not null);
        }, iter: Iterations);
    }

    [Fact]
    public void Email_MutatedMails_AreReadOrRefusedAsUnreadable_NeverCrashTheReader()
    {
        var recorded = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Payloads", "Email"), "*.eml").Order().Select(File.ReadAllBytes).ToArray();
        Gen.Select(Gen.Int[0, recorded.Length - 1], Gen.Select(Gen.Int[0, 100_000], Gen.Byte).Array[0, 12], Gen.Int[0, 100], (i, flips, cut) =>
        {
            var raw = recorded[i].ToArray();
            foreach (var (at, value) in flips)
                raw[at % raw.Length] = value;
            return cut < 10 ? raw[..(raw.Length * cut / 10)] : raw;
        }).Sample(raw =>
        {
            MimeKit.MimeMessage message;
            try
            {
                message = EmailMapper.Load(raw);
            }
            catch (FormatException)
            {
                return; // the importer stores such a mail as unreadable
            }
            var mail = EmailMapper.Read(message, raw);
            Assert.False(string.IsNullOrEmpty(mail.MessageId));
        }, iter: 500);
    }

    [Fact]
    public void TextLimits_CutOnlyWhatTheChannelCannotCarry() =>
        Gen.Select(Gen.Enum<ChannelKind>(), Gen.Int[0, 120_000]).Sample((channel, length) =>
        {
            var text = new string('a', length);
            var clipped = TextLimits.Clip(new InboundMessage(channel, "h", "p", text, Payloads.Now));
            if (length <= TextLimits.MaxInboundText(channel))
                Assert.Equal(text, clipped.Text);
            else
                Assert.StartsWith(text[..TextLimits.MaxInboundText(channel)] + " […cut", clipped.Text);
        }, iter: 300);
}
