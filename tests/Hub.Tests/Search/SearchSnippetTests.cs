using Omnichannel.Hub.Search;

namespace Omnichannel.Hub.Tests.Search;

/// <summary>The snippet every engine shows, as data: which words are marked and what part of the text is shown.</summary>
public sealed class SearchSnippetTests
{
    private const string S = SearchMarks.Start;
    private const string E = SearchMarks.End;

    [Theory]
    [InlineData("Where is my parcel?", "parcel", "Where is my \u0002parcel\u0003?")]
    [InlineData("De bezorging naar het café", "bezorg cafe", "De bezorging naar het \u0002café\u0003")]
    [InlineData("De bezorging naar het café", "cafe bezorg", "De \u0002bezorging\u0003 naar het \u0002café\u0003")]
    [InlineData("Mail jan.willem@example.com today", "willem example", "Mail jan.\u0002willem\u0003@\u0002example\u0003.com today")]
    [InlineData("PARCEL parcels Parcel", "parcel", "\u0002PARCEL\u0003 \u0002parcels\u0003 \u0002Parcel\u0003")]
    [InlineData("parcel parcels", "parcel order", "\u0002parcel\u0003 parcels")]
    [InlineData("Zoë", "zoe", "\u0002Zoë\u0003")]
    public void Marks_the_searched_words_the_last_one_also_as_a_prefix(string text, string q, string expected) =>
        Assert.Equal(expected, SearchSnippet.Make(text, SearchTerms.Words(q)));

    [Fact]
    public void A_long_text_is_cut_around_the_best_match_with_ellipses()
    {
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => i == 60 ? "refund" : i == 62 ? "parcel" : $"w{i}"));

        var snippet = SearchSnippet.Make(text, SearchTerms.Words("refund parcel"));

        Assert.StartsWith(SearchSnippet.Ellipsis + "w57 ", snippet, StringComparison.Ordinal);
        Assert.EndsWith(" w80" + SearchSnippet.Ellipsis, snippet, StringComparison.Ordinal);
        Assert.Contains($"{S}refund{E} w61 {S}parcel{E}", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Marks_stored_in_a_text_are_blanked_so_only_the_search_highlights() =>
        Assert.Equal($"a  fake  {S}parcel{E}", SearchSnippet.Make($"a {S}fake{E} parcel", SearchTerms.Words("parcel")));

    [Fact]
    public void An_empty_or_wordless_text_gives_an_empty_snippet()
    {
        Assert.Equal("", SearchSnippet.Make("", SearchTerms.Words("x")));
        Assert.Equal("", SearchSnippet.Make("?! …", SearchTerms.Words("x")));
    }
}
