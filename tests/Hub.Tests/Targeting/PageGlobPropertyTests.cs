using System.Text.RegularExpressions;
using CsCheck;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Tests.Targeting;

public sealed class PageGlobPropertyTests
{
    private static readonly Gen<string> Small = Gen.String[Gen.Char["/ab*.?"], 0, 14];

    /// <summary>The reference meaning of a glob ("*" = any run, the rest literal), as the regex the hub used to build.</summary>
    private static bool Reference(string pattern, string path) =>
        Regex.IsMatch(path, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [Fact]
    public void Matches_MeansWhatTheGlobSays_ForEveryPatternAndPath() =>
        Gen.Select(Small, Small).Sample((pattern, path) => Assert.Equal(Reference(pattern, path), PageGlob.Matches(pattern, path)), iter: 20_000);

    [Fact]
    public void APathologicalAdminGlob_IsAnsweredWithoutRegexBacktracking()
    {
        // "*a*a*a...*b" against "aaaa...": exponential for a backtracking regex; bounded by pattern x path here.
        var pattern = "/" + string.Concat(Enumerable.Repeat("*a", 140)) + "*b";
        var path = "/" + new string('a', 2000);
        Assert.False(PageGlob.Matches(pattern, path));
        Assert.True(PageGlob.Matches(pattern[..^2], path));
        Assert.False(PageGlob.Shows([(pattern, false)], path));
    }
}
