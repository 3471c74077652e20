using Omnichannel.Adapters.Email;

namespace Omnichannel.Adapters.Tests.Email;

public sealed class TextTests
{
    [Theory]
    [InlineData("Yes please.\n\nOn Tue, 3 Jun 2025 at 10:00, Shop <s@shop.test> wrote:\n> Want it?", "Yes please.")]
    [InlineData("Yes please.\n\nOn Tue, 3 Jun 2025 at 10:00, Shop Support\n<s@shop.test> wrote:\n> Want it?", "Yes please.")]
    [InlineData("Ja.\n\nAm 03.06.2025 um 10:00 schrieb Shop <s@shop.test>:\n> Gut?", "Ja.")]
    [InlineData("Yes.\n\n-----Original Message-----\nFrom: Shop\nSent: Tuesday", "Yes.")]
    [InlineData("Yes.\n\nFrom: Shop Support <s@shop.test>\nSent: Tuesday, June 3, 2025 10:00\nTo: Ada", "Yes.")]
    [InlineData("Yes.\n-- \nAda Lovelace\n+1 555", "Yes.")]
    [InlineData("Yes.\n\nSent from my iPhone", "Yes.")]
    [InlineData("Yes.\n\n> quoted\n> more\n", "Yes.")]
    public void QuotedHistoryAndSignatures_AreTrimmed(string text, string shown)
    {
        var result = QuoteTrimmer.Trim(text);
        Assert.Equal(shown, result.Text);
        Assert.True(result.Trimmed);
    }

    [Theory]
    [InlineData("> I said this\nand I answer inline\n> and this\nanswer two")]
    [InlineData("Just a message\nwith two lines")]
    [InlineData("On Tue, 3 Jun 2025 Shop wrote:\n> only quote")]
    public void NothingToTrim_OrNothingLeft_KeepsTheText(string text)
    {
        var result = QuoteTrimmer.Trim(text);
        Assert.Equal(text.Trim(), result.Text);
        Assert.False(result.Trimmed);
    }

    [Fact]
    public void Html_BecomesReadableText()
    {
        const string html = "<html><head><style>.x{}</style></head><body><h1>Title</h1><p>One&amp;two<br/>three</p>" +
                            "<table><tr><td>a</td><td>b</td></tr></table><pre>  keep\n  lines</pre><a href=\"mailto:x@y.test\">x@y.test</a></body></html>";
        Assert.Equal("Title\n\nOne&two\nthree\n\na  b\n\n  keep\n  lines\nx@y.test", HtmlToPlainText.Convert(html));
    }
}
