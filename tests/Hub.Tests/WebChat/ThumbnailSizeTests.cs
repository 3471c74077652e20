using Omnichannel.Hub.Attachments;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>The thumbnail size rule: fit in 320 px, keep the shape, never enlarge; only raster images.</summary>
public sealed class ThumbnailSizeTests
{
    [Theory]
    [InlineData(1600, 1000, 320, 200)]
    [InlineData(300, 900, 107, 320)]
    [InlineData(200, 100, 200, 100)]
    [InlineData(320, 320, 320, 320)]
    [InlineData(10_000, 1, 320, 1)]
    public void FitsTheLongerEdgeKeepingTheShape_NeverEnlarges(int width, int height, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), Thumbnails.Fit(width, height));

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/jpeg", true)]
    [InlineData("image/webp", true)]
    [InlineData("image/gif", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("application/pdf", false)]
    public void OnlyRasterImagesGetThumbnails(string contentType, bool expected) => Assert.Equal(expected, Thumbnails.CanThumbnail(contentType));
}
